from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.fulfil_in import FulfilIn
from ...models.problem import Problem
from ...models.sales_request_out import SalesRequestOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    request_id: str,
    *,
    body: FulfilIn | Unset = UNSET,
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
        "url": "/v1/sales-requests/{request_id}/fulfill".format(
            request_id=quote(str(request_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SalesRequestOut | None:
    if response.status_code == 200:
        response_200 = SalesRequestOut.from_dict(response.json())

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
) -> Response[Problem | SalesRequestOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    request_id: str,
    *,
    client: AuthenticatedClient,
    body: FulfilIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[Problem | SalesRequestOut]:
    """Fulfil: apply the change by the seat-change rules (parity, downgrades, proration)

     The optional body adjusts the request before it is applied: `seats` instead of those asked for,
    `effective` (`immediately` or `at_renewal`, for add and remove), and a `note` for the account. A
    temporary_seats request is granted through the temporary-seats rules and answers
    `temporary_seats_id`.

    Args:
        request_id (str): `sr_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (FulfilIn | Unset): The rep's adjustments, each optional: without a body the request
            is
            applied as asked, now.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SalesRequestOut]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
        body=body,
        idempotency_key=idempotency_key,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    request_id: str,
    *,
    client: AuthenticatedClient,
    body: FulfilIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Problem | SalesRequestOut | None:
    """Fulfil: apply the change by the seat-change rules (parity, downgrades, proration)

     The optional body adjusts the request before it is applied: `seats` instead of those asked for,
    `effective` (`immediately` or `at_renewal`, for add and remove), and a `note` for the account. A
    temporary_seats request is granted through the temporary-seats rules and answers
    `temporary_seats_id`.

    Args:
        request_id (str): `sr_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (FulfilIn | Unset): The rep's adjustments, each optional: without a body the request
            is
            applied as asked, now.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SalesRequestOut
    """

    return sync_detailed(
        request_id=request_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    request_id: str,
    *,
    client: AuthenticatedClient,
    body: FulfilIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[Problem | SalesRequestOut]:
    """Fulfil: apply the change by the seat-change rules (parity, downgrades, proration)

     The optional body adjusts the request before it is applied: `seats` instead of those asked for,
    `effective` (`immediately` or `at_renewal`, for add and remove), and a `note` for the account. A
    temporary_seats request is granted through the temporary-seats rules and answers
    `temporary_seats_id`.

    Args:
        request_id (str): `sr_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (FulfilIn | Unset): The rep's adjustments, each optional: without a body the request
            is
            applied as asked, now.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SalesRequestOut]
    """

    kwargs = _get_kwargs(
        request_id=request_id,
        body=body,
        idempotency_key=idempotency_key,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    request_id: str,
    *,
    client: AuthenticatedClient,
    body: FulfilIn | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Problem | SalesRequestOut | None:
    """Fulfil: apply the change by the seat-change rules (parity, downgrades, proration)

     The optional body adjusts the request before it is applied: `seats` instead of those asked for,
    `effective` (`immediately` or `at_renewal`, for add and remove), and a `note` for the account. A
    temporary_seats request is granted through the temporary-seats rules and answers
    `temporary_seats_id`.

    Args:
        request_id (str): `sr_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (FulfilIn | Unset): The rep's adjustments, each optional: without a body the request
            is
            applied as asked, now.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SalesRequestOut
    """

    return (
        await asyncio_detailed(
            request_id=request_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            if_match=if_match,
        )
    ).parsed
