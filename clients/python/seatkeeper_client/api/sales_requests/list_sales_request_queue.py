from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assignee import Assignee
from ...models.page_sales_request_out import PageSalesRequestOut
from ...models.problem import Problem
from ...models.request_status import RequestStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: RequestStatus | Unset = UNSET,
    assigned_to: Assignee | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_assigned_to: str | Unset = UNSET
    if not isinstance(assigned_to, Unset):
        json_assigned_to = assigned_to.value

    params["assigned_to"] = json_assigned_to

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sales-requests",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageSalesRequestOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageSalesRequestOut.from_dict(response.json())

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
) -> Response[PageSalesRequestOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: RequestStatus | Unset = UNSET,
    assigned_to: Assignee | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[PageSalesRequestOut | Problem]:
    """The reps' queue: every request (platform admin) or the rep's accounts' (sales rep)

     `assigned_to=customer_support` is the queue of requests on accounts with no rep: a platform admin's
    only (a sales rep asking for it is 403 `insufficient_role`).

    Args:
        status (RequestStatus | Unset):
        assigned_to (Assignee | Unset): Who works the request: the account's rep, or customer
            support when the
            account has none (a legacy-Sell removal on a self-service account).
        limit (int | Unset): Page size, 1-200. Default: 50.
        cursor (str | Unset): `next_cursor` of the previous page; empty is none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSalesRequestOut | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        assigned_to=assigned_to,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: RequestStatus | Unset = UNSET,
    assigned_to: Assignee | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> PageSalesRequestOut | Problem | None:
    """The reps' queue: every request (platform admin) or the rep's accounts' (sales rep)

     `assigned_to=customer_support` is the queue of requests on accounts with no rep: a platform admin's
    only (a sales rep asking for it is 403 `insufficient_role`).

    Args:
        status (RequestStatus | Unset):
        assigned_to (Assignee | Unset): Who works the request: the account's rep, or customer
            support when the
            account has none (a legacy-Sell removal on a self-service account).
        limit (int | Unset): Page size, 1-200. Default: 50.
        cursor (str | Unset): `next_cursor` of the previous page; empty is none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSalesRequestOut | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        assigned_to=assigned_to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: RequestStatus | Unset = UNSET,
    assigned_to: Assignee | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[PageSalesRequestOut | Problem]:
    """The reps' queue: every request (platform admin) or the rep's accounts' (sales rep)

     `assigned_to=customer_support` is the queue of requests on accounts with no rep: a platform admin's
    only (a sales rep asking for it is 403 `insufficient_role`).

    Args:
        status (RequestStatus | Unset):
        assigned_to (Assignee | Unset): Who works the request: the account's rep, or customer
            support when the
            account has none (a legacy-Sell removal on a self-service account).
        limit (int | Unset): Page size, 1-200. Default: 50.
        cursor (str | Unset): `next_cursor` of the previous page; empty is none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSalesRequestOut | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        assigned_to=assigned_to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: RequestStatus | Unset = UNSET,
    assigned_to: Assignee | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> PageSalesRequestOut | Problem | None:
    """The reps' queue: every request (platform admin) or the rep's accounts' (sales rep)

     `assigned_to=customer_support` is the queue of requests on accounts with no rep: a platform admin's
    only (a sales rep asking for it is 403 `insufficient_role`).

    Args:
        status (RequestStatus | Unset):
        assigned_to (Assignee | Unset): Who works the request: the account's rep, or customer
            support when the
            account has none (a legacy-Sell removal on a self-service account).
        limit (int | Unset): Page size, 1-200. Default: 50.
        cursor (str | Unset): `next_cursor` of the previous page; empty is none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSalesRequestOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            assigned_to=assigned_to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
