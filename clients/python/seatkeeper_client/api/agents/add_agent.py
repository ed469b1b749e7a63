from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.added_agent_out import AddedAgentOut
from ...models.agent_create import AgentCreate
from ...models.problem import Problem
from ...models.seats_exhausted_problem import SeatsExhaustedProblem
from ...models.waiting_agent_out import WaitingAgentOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    body: AgentCreate,
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
        "url": "/v1/accounts/{account_id}/agents".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut | None:
    if response.status_code == 201:
        response_201 = AddedAgentOut.from_dict(response.json())

        return response_201

    if response.status_code == 202:
        response_202 = WaitingAgentOut.from_dict(response.json())

        return response_202

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
        response_409 = SeatsExhaustedProblem.from_dict(response.json())

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
) -> Response[AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut]:
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
    body: AgentCreate,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut]:
    """Add an agent, taking one seat of each of its products (or a light agent)

     Without a free seat: 409 `seats_exhausted` with `missing`, a `quote`, the purchase options open to
    the caller and how many are `waiting`; or, with `wait_for_seat`, 202 and the user waits in the
    waiting room (let in oldest first as seats free up or are added). 409 `agent_exists` for a user
    already on the account, `already_waiting` for one already in the waiting room. The account's status:
    409 `account_suspended` or `account_cancelled` (no seat is assigned), `account_past_due` with
    `buy_missing_seats` when seats would be bought. `role: light_agent` takes no paid seat; past the
    account's `light_agent_limit`: 409 `light_agent_limit_reached`.

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (AgentCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut]
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
    body: AgentCreate,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut | None:
    """Add an agent, taking one seat of each of its products (or a light agent)

     Without a free seat: 409 `seats_exhausted` with `missing`, a `quote`, the purchase options open to
    the caller and how many are `waiting`; or, with `wait_for_seat`, 202 and the user waits in the
    waiting room (let in oldest first as seats free up or are added). 409 `agent_exists` for a user
    already on the account, `already_waiting` for one already in the waiting room. The account's status:
    409 `account_suspended` or `account_cancelled` (no seat is assigned), `account_past_due` with
    `buy_missing_seats` when seats would be bought. `role: light_agent` takes no paid seat; past the
    account's `light_agent_limit`: 409 `light_agent_limit_reached`.

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (AgentCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut
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
    body: AgentCreate,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut]:
    """Add an agent, taking one seat of each of its products (or a light agent)

     Without a free seat: 409 `seats_exhausted` with `missing`, a `quote`, the purchase options open to
    the caller and how many are `waiting`; or, with `wait_for_seat`, 202 and the user waits in the
    waiting room (let in oldest first as seats free up or are added). 409 `agent_exists` for a user
    already on the account, `already_waiting` for one already in the waiting room. The account's status:
    409 `account_suspended` or `account_cancelled` (no seat is assigned), `account_past_due` with
    `buy_missing_seats` when seats would be bought. `role: light_agent` takes no paid seat; past the
    account's `light_agent_limit`: 409 `light_agent_limit_reached`.

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (AgentCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut]
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
    body: AgentCreate,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut | None:
    """Add an agent, taking one seat of each of its products (or a light agent)

     Without a free seat: 409 `seats_exhausted` with `missing`, a `quote`, the purchase options open to
    the caller and how many are `waiting`; or, with `wait_for_seat`, 202 and the user waits in the
    waiting room (let in oldest first as seats free up or are added). 409 `agent_exists` for a user
    already on the account, `already_waiting` for one already in the waiting room. The account's status:
    409 `account_suspended` or `account_cancelled` (no seat is assigned), `account_past_due` with
    `buy_missing_seats` when seats would be bought. `role: light_agent` takes no paid seat; past the
    account's `light_agent_limit`: 409 `light_agent_limit_reached`.

    Args:
        account_id (str): `acct_...`
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (AgentCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddedAgentOut | Problem | SeatsExhaustedProblem | WaitingAgentOut
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
