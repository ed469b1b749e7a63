from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.added_agent_out import AddedAgentOut
from ...models.agent_patch import AgentPatch
from ...models.problem import Problem
from ...models.seats_exhausted_problem import SeatsExhaustedProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    user_id: str,
    *,
    body: AgentPatch,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/accounts/{account_id}/agents/{user_id}".format(
            account_id=quote(str(account_id), safe=""),
            user_id=quote(str(user_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AddedAgentOut | Problem | SeatsExhaustedProblem | None:
    if response.status_code == 200:
        response_200 = AddedAgentOut.from_dict(response.json())

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
) -> Response[AddedAgentOut | Problem | SeatsExhaustedProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: AgentPatch,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[AddedAgentOut | Problem | SeatsExhaustedProblem]:
    """Change an agent's products, email, name or role (agent, light agent, end user)

     Seats the change needs and the account lacks: 409 `seats_exhausted` with `missing`, a `quote` and
    the open purchase options, or, with `buy_missing_seats` where `on_the_fly` is open, bought as on
    POST (the answer carries `seat_change_id`). A light agent made an agent needs a paid seat of each
    product the same way. An agent made a light agent gives back the paid seats (`agent.downgraded`,
    reason `manual`); past the account's `light_agent_limit`: 409 `light_agent_limit_reached`. Anyone
    made an agent or a light agent is the newest (`agent_since`). The owner is neither made an end user
    nor a light agent: 409 `owner_protected`. `email` and `name` are checked and normalised as on POST
    and move no seat. The account's status refuses seats taken (409 `account_suspended`,
    `account_cancelled`), bought (`account_past_due`) or given back (`account_cancelled`).

    Args:
        account_id (str): `acct_...`
        user_id (str): The agent's user_id.
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (AgentPatch): Give at least one of `products`, `role`, `email` or `name` (a null
            gives none): an empty change is 422 `validation_error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddedAgentOut | Problem | SeatsExhaustedProblem]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        user_id=user_id,
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
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: AgentPatch,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> AddedAgentOut | Problem | SeatsExhaustedProblem | None:
    """Change an agent's products, email, name or role (agent, light agent, end user)

     Seats the change needs and the account lacks: 409 `seats_exhausted` with `missing`, a `quote` and
    the open purchase options, or, with `buy_missing_seats` where `on_the_fly` is open, bought as on
    POST (the answer carries `seat_change_id`). A light agent made an agent needs a paid seat of each
    product the same way. An agent made a light agent gives back the paid seats (`agent.downgraded`,
    reason `manual`); past the account's `light_agent_limit`: 409 `light_agent_limit_reached`. Anyone
    made an agent or a light agent is the newest (`agent_since`). The owner is neither made an end user
    nor a light agent: 409 `owner_protected`. `email` and `name` are checked and normalised as on POST
    and move no seat. The account's status refuses seats taken (409 `account_suspended`,
    `account_cancelled`), bought (`account_past_due`) or given back (`account_cancelled`).

    Args:
        account_id (str): `acct_...`
        user_id (str): The agent's user_id.
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (AgentPatch): Give at least one of `products`, `role`, `email` or `name` (a null
            gives none): an empty change is 422 `validation_error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddedAgentOut | Problem | SeatsExhaustedProblem
    """

    return sync_detailed(
        account_id=account_id,
        user_id=user_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: AgentPatch,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> Response[AddedAgentOut | Problem | SeatsExhaustedProblem]:
    """Change an agent's products, email, name or role (agent, light agent, end user)

     Seats the change needs and the account lacks: 409 `seats_exhausted` with `missing`, a `quote` and
    the open purchase options, or, with `buy_missing_seats` where `on_the_fly` is open, bought as on
    POST (the answer carries `seat_change_id`). A light agent made an agent needs a paid seat of each
    product the same way. An agent made a light agent gives back the paid seats (`agent.downgraded`,
    reason `manual`); past the account's `light_agent_limit`: 409 `light_agent_limit_reached`. Anyone
    made an agent or a light agent is the newest (`agent_since`). The owner is neither made an end user
    nor a light agent: 409 `owner_protected`. `email` and `name` are checked and normalised as on POST
    and move no seat. The account's status refuses seats taken (409 `account_suspended`,
    `account_cancelled`), bought (`account_past_due`) or given back (`account_cancelled`).

    Args:
        account_id (str): `acct_...`
        user_id (str): The agent's user_id.
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (AgentPatch): Give at least one of `products`, `role`, `email` or `name` (a null
            gives none): an empty change is 422 `validation_error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddedAgentOut | Problem | SeatsExhaustedProblem]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        user_id=user_id,
        body=body,
        idempotency_key=idempotency_key,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    user_id: str,
    *,
    client: AuthenticatedClient,
    body: AgentPatch,
    idempotency_key: str | Unset = UNSET,
    if_match: str | Unset = UNSET,
) -> AddedAgentOut | Problem | SeatsExhaustedProblem | None:
    """Change an agent's products, email, name or role (agent, light agent, end user)

     Seats the change needs and the account lacks: 409 `seats_exhausted` with `missing`, a `quote` and
    the open purchase options, or, with `buy_missing_seats` where `on_the_fly` is open, bought as on
    POST (the answer carries `seat_change_id`). A light agent made an agent needs a paid seat of each
    product the same way. An agent made a light agent gives back the paid seats (`agent.downgraded`,
    reason `manual`); past the account's `light_agent_limit`: 409 `light_agent_limit_reached`. Anyone
    made an agent or a light agent is the newest (`agent_since`). The owner is neither made an end user
    nor a light agent: 409 `owner_protected`. `email` and `name` are checked and normalised as on POST
    and move no seat. The account's status refuses seats taken (409 `account_suspended`,
    `account_cancelled`), bought (`account_past_due`) or given back (`account_cancelled`).

    Args:
        account_id (str): `acct_...`
        user_id (str): The agent's user_id.
        idempotency_key (str | Unset):
        if_match (str | Unset):
        body (AgentPatch): Give at least one of `products`, `role`, `email` or `name` (a null
            gives none): an empty change is 422 `validation_error`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddedAgentOut | Problem | SeatsExhaustedProblem
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            user_id=user_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            if_match=if_match,
        )
    ).parsed
