"""Agents: the seat holders of an account."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from app.api.conditional import answer_etag, versioned
from app.api.deps import (
    AccountId,
    CatalogDep,
    ClockDep,
    CursorQuery,
    LimitQuery,
    PrincipalDep,
    UowDep,
    account_router,
    allow,
)
from app.api.problems import problems
from app.api.schemas.agents import (
    AddedAgentOut,
    AgentCreate,
    AgentOut,
    AgentPatch,
    AgentSeatsOut,
    WaitingAgentOut,
)
from app.api.schemas.common import NO_NUL, USER_ID_PATTERN, Page
from app.domain.access import AGENT_MANAGERS
from app.domain.agents import AgentRole
from app.domain.waiting import Waiting
from app.services import agents, waiting
from app.services.seat_explanations import explain_agent_seats

router = account_router("agents")

UserIdPath = Annotated[
    str,
    Path(min_length=1, max_length=128, pattern=USER_ID_PATTERN, description="The agent's user_id."),
]


@router.post(
    "/agents",
    status_code=201,
    response_model=AddedAgentOut,
    summary="Add an agent, taking one seat of each of its products (or a light agent)",
    description="Without a free seat: 409 `seats_exhausted` with `missing`, a `quote`, the "
    "purchase options open to the caller and how many are `waiting`; or, with "
    "`wait_for_seat`, 202 and the user waits in the waiting room (let in oldest first as "
    "seats free up or are added). 409 `agent_exists` for a user already on the account, "
    "`already_waiting` for one already in the waiting room. "
    "The account's status: 409 `account_suspended` or `account_cancelled` (no seat is assigned), "
    "`account_past_due` with `buy_missing_seats` when seats would be bought. "
    "`role: light_agent` takes no paid seat; past the account's `light_agent_limit`: 409 "
    "`light_agent_limit_reached`.",
    dependencies=[allow(AGENT_MANAGERS, "add agents")],
    operation_id="addAgent",
    responses={
        202: {
            "model": WaitingAgentOut,
            "description": "No seat was free and `wait_for_seat` was asked: the user waits.",
        },
        **problems(401, 403, 404, 409, 413, 422, limits=True, seats=True),
    },
)
async def add_agent(
    account_id: AccountId,
    body: AgentCreate,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> AddedAgentOut | JSONResponse:
    added = await agents.add_agent(uow, principal, account_id, body.to_new_agent(), catalog, clock)
    if isinstance(added, Waiting):
        return JSONResponse(jsonable_encoder(WaitingAgentOut.of(added)), status_code=202)
    return AddedAgentOut.of_added(added)


@router.get(
    "/agents",
    summary="List agents and end users, newest first",
    operation_id="listAgents",
    responses=problems(401, 404, 422),
)
async def list_agents(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    role: AgentRole | None = None,
    product: Annotated[str | None, Query(max_length=64, pattern=NO_NUL)] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[AgentOut]:
    page = await agents.list_agents(
        uow, principal, account_id, role=role, product=product, cursor=cursor, limit=limit
    )
    return Page.of(page, AgentOut.of)


@router.get(
    "/agents/{user_id}",
    summary="Read one agent",
    description="Its ETag is the account's version, which every change to an agent moves.",
    operation_id="getAgent",
    responses=versioned(problems(401, 404, 422)),
)
async def get_agent(
    account_id: AccountId,
    user_id: UserIdPath,
    uow: UowDep,
    principal: PrincipalDep,
    response: Response,
) -> AgentOut:
    agent, version = await agents.get_agent(uow, principal, account_id, user_id)
    answer_etag(response, version)
    return AgentOut.of(agent)


@router.get(
    "/agents/{user_id}/seats",
    summary="Explain, product by product, whether and why the person's seat is counted",
    description="One entry per subscribed product: `counted` (whether it takes a paid seat), "
    "`reason_code` (`paid_seat`, `account_owner`, `light_agent_free`, `end_user_free`, "
    "`not_granted`), a `reason` in words, and `since`. Its ETag is the account's version.",
    operation_id="explainAgentSeats",
    responses=versioned(problems(401, 404, 422)),
)
async def explain_seats(
    account_id: AccountId,
    user_id: UserIdPath,
    uow: UowDep,
    principal: PrincipalDep,
    response: Response,
) -> AgentSeatsOut:
    explained = await explain_agent_seats(uow, principal, account_id, user_id)
    answer_etag(response, explained.version)
    return AgentSeatsOut.of(explained)


@router.patch(
    "/agents/{user_id}",
    summary="Change an agent's products, email, name or role (agent, light agent, end user)",
    description="Seats the change needs and the account lacks: 409 `seats_exhausted` with "
    "`missing`, a `quote` and the open purchase options, or, with `buy_missing_seats` where "
    "`on_the_fly` is open, bought as on POST (the answer carries `seat_change_id`). A light "
    "agent made an agent needs a paid seat of each product the same way. An agent made a "
    "light agent gives back the paid seats (`agent.downgraded`, reason `manual`); past the "
    "account's `light_agent_limit`: 409 `light_agent_limit_reached`. Anyone made an agent or "
    "a light agent is the newest (`agent_since`). The owner is neither made an end user nor a "
    "light agent: 409 `owner_protected`. `email` and `name` are checked and normalised as on "
    "POST and move no seat. The account's status refuses seats taken (409 "
    "`account_suspended`, `account_cancelled`), bought (`account_past_due`) or given back "
    "(`account_cancelled`).",
    dependencies=[allow(AGENT_MANAGERS, "change agents")],
    operation_id="updateAgent",
    responses=problems(401, 403, 404, 409, 413, 422, limits=True, seats=True),
)
async def update_agent(
    account_id: AccountId,
    user_id: UserIdPath,
    body: AgentPatch,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> AddedAgentOut:
    changed = await agents.update_agent(
        uow, principal, account_id, user_id, body.to_changes(), catalog, clock
    )
    return AddedAgentOut.of_added(changed)


@router.delete(
    "/agents/{user_id}",
    status_code=204,
    summary="Remove an agent or end user, freeing their seats",
    description="409 `owner_protected` for the owner; 409 `account_cancelled` on a cancelled "
    "account.",
    dependencies=[allow(AGENT_MANAGERS, "remove agents")],
    operation_id="removeAgent",
    responses=problems(401, 403, 404, 409, 422),
)
async def remove_agent(
    account_id: AccountId,
    user_id: UserIdPath,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
) -> Response:
    await agents.remove_agent(uow, principal, account_id, user_id, clock)
    return Response(status_code=204)


@router.get(
    "/waiting-agents",
    summary="List the waiting room, oldest first",
    description="Users added with `wait_for_seat` while no seat was free, in the order they "
    "are let in (`position` 1 is next).",
    operation_id="listWaitingAgents",
    responses=problems(401, 404, 422),
)
async def list_waiting_agents(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[WaitingAgentOut]:
    page = await waiting.list_waiting(uow, principal, account_id, cursor, limit)
    return Page.of(page, WaitingAgentOut.of)


@router.delete(
    "/waiting-agents/{user_id}",
    status_code=204,
    summary="Withdraw a user from the waiting room",
    dependencies=[allow(AGENT_MANAGERS, "withdraw waiting agents")],
    operation_id="withdrawWaitingAgent",
    responses=problems(401, 403, 404, 422),
)
async def withdraw_waiting_agent(
    account_id: AccountId,
    user_id: UserIdPath,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
) -> Response:
    await waiting.withdraw(uow, principal, account_id, user_id, clock)
    return Response(status_code=204)
