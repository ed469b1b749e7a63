"""Bulk agent sync: an integration script makes the account's agents match a list."""

from __future__ import annotations

from app.api.deps import (
    AccountId,
    CatalogDep,
    ClockDep,
    PrincipalDep,
    UowDep,
    account_router,
    allow,
)
from app.api.problems import problems
from app.api.schemas.agent_syncs import AgentSyncIn, AgentSyncOut
from app.domain.access import AGENT_MANAGERS
from app.services import agent_syncs

router = account_router("agents")


@router.post(
    "/agent-syncs",
    summary="Make the account's agents match a list (dry run by default)",
    description="Plans who is added, who changes and who is removed (`remove_missing`; "
    "never the owner), the seats missing and what buying them costs. With `dry_run: "
    "false` the plan is applied all or nothing, in one transaction under the account's "
    "lock: missing seats are 409 `seats_exhausted` with the whole shortfall, unless "
    "`buy_missing_seats` where `on_the_fly` is open. More than 10,000 agents: 422 "
    "`limit_exceeded`; a `user_id` listed twice: 422 `duplicate_user_id`; the owner made "
    "an end user or left without a product: 409 `owner_protected`.",
    dependencies=[allow(AGENT_MANAGERS, "sync agents")],
    operation_id="syncAgents",
    responses=problems(401, 403, 404, 409, 413, 422, limits=True, seats=True),
)
async def sync_agents(
    account_id: AccountId,
    body: AgentSyncIn,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> AgentSyncOut:
    result = await agent_syncs.sync_agents(
        uow, principal, account_id, body.to_request(), catalog, clock
    )
    return AgentSyncOut.of(result)
