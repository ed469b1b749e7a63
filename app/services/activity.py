"""Use case: record when agents were last active (a batch from the identity
system or the helpdesk). It moves no seat, so it takes no lock on the account
and leaves its version as it was: activity arrives all day, and an If-Match
read a minute ago stays good."""

from __future__ import annotations

from dataclasses import dataclass

from app.db.unit_of_work import UnitOfWork
from app.domain.access import AGENT_MANAGERS, Principal, require_role
from app.domain.activity import Activity, latest_activity
from app.services.access import check_visible
from app.services.audit import event, record
from app.services.clock import Clock

UNKNOWN_IN_EVENT = 100  # the event names this many unknown users at most


@dataclass(frozen=True, slots=True)
class RecordedActivity:
    recorded: int  # users of the account the batch named
    unknown_user_ids: list[str]  # named but not on the account: reported, not refused


async def record_activity(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    activity: list[Activity],
    clock: Clock,
) -> RecordedActivity:
    async with uow:
        await check_visible(uow, principal, account_id)
        require_role(principal, AGENT_MANAGERS, "record agents' activity")
        now = clock.now()
        latest = latest_activity(activity, now)
        known = await uow.activity.known(account_id, list(latest))
        unknown = sorted(set(latest) - known)
        if known:
            await uow.activity.record(account_id, {u: at for u, at in latest.items() if u in known})
            await record(
                uow,
                event(
                    account_id,
                    "agent_activity.recorded",
                    principal.actor,
                    now,
                    recorded=len(known),
                    unknown_user_ids=unknown[:UNKNOWN_IN_EVENT],
                ),
            )
        # Even with nothing to write: the commit learns the version for the ETag.
        await uow.commit()
    return RecordedActivity(len(known), unknown)
