from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.seat_change_out import SeatChangeOut
from ...types import Response


def _get_kwargs(
    account_id: str,
    change_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/accounts/{account_id}/seat-changes/{change_id}".format(
            account_id=quote(str(account_id), safe=""),
            change_id=quote(str(change_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SeatChangeOut | None:
    if response.status_code == 200:
        response_200 = SeatChangeOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Problem | SeatChangeOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    change_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SeatChangeOut]:
    """Read one seat change

    Args:
        account_id (str): `acct_...`
        change_id (str): `chg_...`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeatChangeOut]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        change_id=change_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    change_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SeatChangeOut | None:
    """Read one seat change

    Args:
        account_id (str): `acct_...`
        change_id (str): `chg_...`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeatChangeOut
    """

    return sync_detailed(
        account_id=account_id,
        change_id=change_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    change_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SeatChangeOut]:
    """Read one seat change

    Args:
        account_id (str): `acct_...`
        change_id (str): `chg_...`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SeatChangeOut]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        change_id=change_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    change_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SeatChangeOut | None:
    """Read one seat change

    Args:
        account_id (str): `acct_...`
        change_id (str): `chg_...`

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SeatChangeOut
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            change_id=change_id,
            client=client,
        )
    ).parsed
