from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.seat_reclaim_in import SeatReclaimIn
from ...models.seat_reclaim_out import SeatReclaimOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    body: SeatReclaimIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/accounts/{account_id}/seat-reclaims".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SeatReclaimOut | None:
    if response.status_code == 200:
        response_200 = SeatReclaimOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SeatReclaimOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient,
    body: SeatReclaimIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[Problem | SeatReclaimOut]:
    """Take back the seats of agents inactive for a while (or, dry run, say whose)

     The agents whose last activity (or, with none, the moment they became agents) is older than
    `inactive_for`: never the owner, never an end user. A dry run (the default) names exactly who an
    apply takes; `dry_run: false` downgrades them with reason `inactive` (an `agent.downgraded` each,
    one owner notification, a `seats.reclaimed` event). 422 `invalid_duration`,
    `product_not_subscribed`.

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (SeatReclaimIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeatReclaimOut]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        idempotency_key=idempotency_key,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient,
    body: SeatReclaimIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Problem | SeatReclaimOut | None:
    """Take back the seats of agents inactive for a while (or, dry run, say whose)

     The agents whose last activity (or, with none, the moment they became agents) is older than
    `inactive_for`: never the owner, never an end user. A dry run (the default) names exactly who an
    apply takes; `dry_run: false` downgrades them with reason `inactive` (an `agent.downgraded` each,
    one owner notification, a `seats.reclaimed` event). 422 `invalid_duration`,
    `product_not_subscribed`.

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (SeatReclaimIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeatReclaimOut
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient,
    body: SeatReclaimIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[Problem | SeatReclaimOut]:
    """Take back the seats of agents inactive for a while (or, dry run, say whose)

     The agents whose last activity (or, with none, the moment they became agents) is older than
    `inactive_for`: never the owner, never an end user. A dry run (the default) names exactly who an
    apply takes; `dry_run: false` downgrades them with reason `inactive` (an `agent.downgraded` each,
    one owner notification, a `seats.reclaimed` event). 422 `invalid_duration`,
    `product_not_subscribed`.

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (SeatReclaimIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeatReclaimOut]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        idempotency_key=idempotency_key,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient,
    body: SeatReclaimIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Problem | SeatReclaimOut | None:
    """Take back the seats of agents inactive for a while (or, dry run, say whose)

     The agents whose last activity (or, with none, the moment they became agents) is older than
    `inactive_for`: never the owner, never an end user. A dry run (the default) names exactly who an
    apply takes; `dry_run: false` downgrades them with reason `inactive` (an `agent.downgraded` each,
    one owner notification, a `seats.reclaimed` event). 422 `invalid_duration`,
    `product_not_subscribed`.

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (SeatReclaimIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeatReclaimOut
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            if_match=if_match,
        )
    ).parsed
