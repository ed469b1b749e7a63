from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sales_request_in import SalesRequestIn
from ...models.sales_request_out import SalesRequestOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    body: SalesRequestIn,
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
        "url": "/v1/accounts/{account_id}/sales-requests".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SalesRequestOut | None:
    if response.status_code == 201:
        response_201 = SalesRequestOut.from_dict(response.json())

        return response_201

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
) -> Response[Problem | SalesRequestOut]:
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
    body: SalesRequestIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[Problem | SalesRequestOut]:
    """File a request to the account's sales rep (a service order)

     Open to owners and admins of sales-assisted accounts, and for legacy-Sell removals on any account;
    elsewhere 409 `sales_request_not_available` with the open options. A viewer key is 403
    `insufficient_role`.

    The rep gets a `sales_request_submitted` notification (`GET /v1/notifications`). On an account with
    no rep the request goes to customer support (`assigned_to: customer_support`), and the account's
    notice says so.

    `temporary_seats` asks for seats between `starts_at` and `ends_at`, checked as on the temporary-
    seats page (at most 366 days, 422 `limit_exceeded` past it).

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (SalesRequestIn): Exactly one of `suite` or `product` (422 otherwise). `starts_at`
            and `ends_at` are given with `kind: temporary_seats`, and only then.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SalesRequestOut]
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
    body: SalesRequestIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Problem | SalesRequestOut | None:
    """File a request to the account's sales rep (a service order)

     Open to owners and admins of sales-assisted accounts, and for legacy-Sell removals on any account;
    elsewhere 409 `sales_request_not_available` with the open options. A viewer key is 403
    `insufficient_role`.

    The rep gets a `sales_request_submitted` notification (`GET /v1/notifications`). On an account with
    no rep the request goes to customer support (`assigned_to: customer_support`), and the account's
    notice says so.

    `temporary_seats` asks for seats between `starts_at` and `ends_at`, checked as on the temporary-
    seats page (at most 366 days, 422 `limit_exceeded` past it).

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (SalesRequestIn): Exactly one of `suite` or `product` (422 otherwise). `starts_at`
            and `ends_at` are given with `kind: temporary_seats`, and only then.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SalesRequestOut
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
    body: SalesRequestIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[Problem | SalesRequestOut]:
    """File a request to the account's sales rep (a service order)

     Open to owners and admins of sales-assisted accounts, and for legacy-Sell removals on any account;
    elsewhere 409 `sales_request_not_available` with the open options. A viewer key is 403
    `insufficient_role`.

    The rep gets a `sales_request_submitted` notification (`GET /v1/notifications`). On an account with
    no rep the request goes to customer support (`assigned_to: customer_support`), and the account's
    notice says so.

    `temporary_seats` asks for seats between `starts_at` and `ends_at`, checked as on the temporary-
    seats page (at most 366 days, 422 `limit_exceeded` past it).

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (SalesRequestIn): Exactly one of `suite` or `product` (422 otherwise). `starts_at`
            and `ends_at` are given with `kind: temporary_seats`, and only then.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SalesRequestOut]
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
    body: SalesRequestIn,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Problem | SalesRequestOut | None:
    """File a request to the account's sales rep (a service order)

     Open to owners and admins of sales-assisted accounts, and for legacy-Sell removals on any account;
    elsewhere 409 `sales_request_not_available` with the open options. A viewer key is 403
    `insufficient_role`.

    The rep gets a `sales_request_submitted` notification (`GET /v1/notifications`). On an account with
    no rep the request goes to customer support (`assigned_to: customer_support`), and the account's
    notice says so.

    `temporary_seats` asks for seats between `starts_at` and `ends_at`, checked as on the temporary-
    seats page (at most 366 days, 422 `limit_exceeded` past it).

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (SalesRequestIn): Exactly one of `suite` or `product` (422 otherwise). `starts_at`
            and `ends_at` are given with `kind: temporary_seats`, and only then.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SalesRequestOut
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
