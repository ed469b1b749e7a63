from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_notification_out import PageNotificationOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    unread: bool | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["unread"] = unread

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/notifications",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageNotificationOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageNotificationOut.from_dict(response.json())

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
) -> Response[PageNotificationOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    unread: bool | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[PageNotificationOut | Problem]:
    """A sales rep's notifications, newest first (new sales requests on their accounts)

     For a `sales_rep` key: the notifications addressed to its email, across the accounts it represents
    (`sales_request_submitted`); never an account's own. Other keys are 403 `insufficient_role`.

    Args:
        unread (bool | Unset):
        limit (int | Unset): Page size, 1-200. Default: 50.
        cursor (str | Unset): `next_cursor` of the previous page; empty is none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageNotificationOut | Problem]
    """

    kwargs = _get_kwargs(
        unread=unread,
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
    unread: bool | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> PageNotificationOut | Problem | None:
    """A sales rep's notifications, newest first (new sales requests on their accounts)

     For a `sales_rep` key: the notifications addressed to its email, across the accounts it represents
    (`sales_request_submitted`); never an account's own. Other keys are 403 `insufficient_role`.

    Args:
        unread (bool | Unset):
        limit (int | Unset): Page size, 1-200. Default: 50.
        cursor (str | Unset): `next_cursor` of the previous page; empty is none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageNotificationOut | Problem
    """

    return sync_detailed(
        client=client,
        unread=unread,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    unread: bool | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[PageNotificationOut | Problem]:
    """A sales rep's notifications, newest first (new sales requests on their accounts)

     For a `sales_rep` key: the notifications addressed to its email, across the accounts it represents
    (`sales_request_submitted`); never an account's own. Other keys are 403 `insufficient_role`.

    Args:
        unread (bool | Unset):
        limit (int | Unset): Page size, 1-200. Default: 50.
        cursor (str | Unset): `next_cursor` of the previous page; empty is none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageNotificationOut | Problem]
    """

    kwargs = _get_kwargs(
        unread=unread,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    unread: bool | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> PageNotificationOut | Problem | None:
    """A sales rep's notifications, newest first (new sales requests on their accounts)

     For a `sales_rep` key: the notifications addressed to its email, across the accounts it represents
    (`sales_request_submitted`); never an account's own. Other keys are 403 `insufficient_role`.

    Args:
        unread (bool | Unset):
        limit (int | Unset): Page size, 1-200. Default: 50.
        cursor (str | Unset): `next_cursor` of the previous page; empty is none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageNotificationOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            unread=unread,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
