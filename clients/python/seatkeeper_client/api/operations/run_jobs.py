from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.run_jobs_response_runjobs import RunJobsResponseRunjobs
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/admin/jobs/run",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RunJobsResponseRunjobs | None:
    if response.status_code == 200:
        response_200 = RunJobsResponseRunjobs.from_dict(response.json())

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
) -> Response[Problem | RunJobsResponseRunjobs]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RunJobsResponseRunjobs]:
    """Run every due job now: temporary seats, warnings, renewals, scheduled changes, inactive-seat
    reclaims

     Each job commits on its own and does only what is due, so running again repeats nothing: an
    `Idempotency-Key` is not needed here, and is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RunJobsResponseRunjobs]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Problem | RunJobsResponseRunjobs | None:
    """Run every due job now: temporary seats, warnings, renewals, scheduled changes, inactive-seat
    reclaims

     Each job commits on its own and does only what is due, so running again repeats nothing: an
    `Idempotency-Key` is not needed here, and is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RunJobsResponseRunjobs
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RunJobsResponseRunjobs]:
    """Run every due job now: temporary seats, warnings, renewals, scheduled changes, inactive-seat
    reclaims

     Each job commits on its own and does only what is due, so running again repeats nothing: an
    `Idempotency-Key` is not needed here, and is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RunJobsResponseRunjobs]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Problem | RunJobsResponseRunjobs | None:
    """Run every due job now: temporary seats, warnings, renewals, scheduled changes, inactive-seat
    reclaims

     Each job commits on its own and does only what is due, so running again repeats nothing: an
    `Idempotency-Key` is not needed here, and is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RunJobsResponseRunjobs
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
