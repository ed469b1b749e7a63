"""Agents' activity, and taking back the seats of the inactive ones (R10)."""

from __future__ import annotations

from app.api.deps import AccountId, ClockDep, PrincipalDep, UowDep, account_router, allow
from app.api.problems import problems
from app.api.schemas.activity import (
    ActivityBatch,
    RecordedActivityOut,
    SeatReclaimIn,
    SeatReclaimOut,
)
from app.domain.access import AGENT_MANAGERS
from app.services import activity, reclaims

router = account_router("activity and reclaim")


@router.post(
    "/agent-activity",
    summary="Record when agents were last active, in one batch",
    description="Up to 1,000 entries (422 `limit_exceeded` past that); a later `at` wins and "
    "an earlier one never moves `last_active_at` back. An `at` more than 5 minutes ahead is "
    "422 `activity_in_future` and records nothing of the batch. Users not on the account are "
    "answered in `unknown_user_ids`, the rest recorded. Moves no seat, so the account's "
    "version (ETag) stays as it was.",
    dependencies=[allow(AGENT_MANAGERS, "record agents' activity")],
    operation_id="recordAgentActivity",
    responses=problems(401, 403, 404, 412, 413, 422, limits=True),
)
async def record_agent_activity(
    account_id: AccountId,
    body: ActivityBatch,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
) -> RecordedActivityOut:
    recorded = await activity.record_activity(uow, principal, account_id, body.to_activity(), clock)
    return RecordedActivityOut.of(recorded)


@router.post(
    "/seat-reclaims",
    summary="Take back the seats of agents inactive for a while (or, dry run, say whose)",
    description="The agents whose last activity (or, with none, the moment they became agents) "
    "is older than `inactive_for`: never the owner, never an end user. A dry run (the default) "
    "names exactly who an apply takes; `dry_run: false` downgrades them with reason `inactive` "
    "(an `agent.downgraded` each, one owner notification, a `seats.reclaimed` event). 422 "
    "`invalid_duration`, `product_not_subscribed`.",
    dependencies=[allow(AGENT_MANAGERS, "reclaim seats")],
    operation_id="reclaimSeats",
    responses=problems(401, 403, 404, 412, 413, 422, limits=True),
)
async def reclaim_seats(
    account_id: AccountId,
    body: SeatReclaimIn,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
) -> SeatReclaimOut:
    result = await reclaims.reclaim_seats(uow, principal, account_id, body.to_request(), clock)
    return SeatReclaimOut.of(result)
