"""Use case: make an account's agents match a list (bulk sync, R13).

The plan comes from one pure function (app/domain/agent_syncs.py). A dry run
reads without a lock and writes nothing, as a preview does. Applying locks
the account first (two syncs, or a sync and an add, then run one after the
other and the second plans against what the first left), plans under the
lock, and writes the plan all or nothing in this one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.db.unit_of_work import UnitOfWork
from app.domain.access import AGENT_MANAGERS, Principal, require_role
from app.domain.agent_syncs import SyncEntry, SyncPlan, SyncUpdate, plan_sync
from app.domain.agents import MANUAL_DOWNGRADE, Agent, AgentRole
from app.domain.catalog import Catalog
from app.domain.errors import Conflict
from app.domain.event_types import agent_downgraded
from app.domain.purchase_options import Channel, purchase_options
from app.domain.seats import move_seats
from app.services.access import load_visible
from app.services.agents import buy_on_the_fly
from app.services.audit import event, record, record_each
from app.services.clock import Clock
from app.services.waiting import admit_waiting, refuse_waiting


@dataclass(frozen=True, slots=True)
class SyncRequest:
    entries: list[SyncEntry]
    remove_missing: bool = False
    buy_missing_seats: bool = False
    dry_run: bool = True


@dataclass(frozen=True, slots=True)
class SyncResult:
    plan: SyncPlan
    dry_run: bool
    seat_change_id: str | None = None  # the purchase of the missing seats, if one was made


async def sync_agents(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    request: SyncRequest,
    catalog: Catalog,
    clock: Clock,
) -> SyncResult:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=not request.dry_run)
        require_role(principal, AGENT_MANAGERS, "sync agents")
        now = clock.now()
        # Without remove_missing only the listed people can change: read just them.
        listed = None if request.remove_missing else [e.user_id for e in request.entries]
        current = await uow.agent_syncs.current(account_id, listed)
        # A light agent's free products move only by PATCH (app/domain/roles.py):
        # the sync neither lists nor removes one.
        light = [a.user_id for a in current if a.role is AgentRole.LIGHT_AGENT]
        listed_light = set(light) & {e.user_id for e in request.entries}
        if listed_light:
            raise Conflict(
                f"{sorted(listed_light)[0]!r} is a light agent; change their role with PATCH "
                "before a sync lists them.",
                code="agent_exists",
                user_ids=sorted(listed_light),
            )
        current = [a for a in current if a.role is not AgentRole.LIGHT_AGENT]
        await refuse_waiting(uow, account, [e.user_id for e in request.entries])
        plan = plan_sync(
            account,
            current,
            request.entries,
            remove_missing=request.remove_missing,
            catalog=catalog,
            now=now,
        )
        if request.dry_run or plan.changes_nothing:
            return SyncResult(plan, request.dry_run)
        seat_change_id = None
        on_the_fly = purchase_options(account, principal.role).is_open(Channel.ON_THE_FLY)
        if plan.missing and request.buy_missing_seats and on_the_fly:
            seat_change_id = await buy_on_the_fly(
                uow, principal, account, plan.missing, catalog, now
            )
        # Refuses with the whole shortfall when seats are still missing.
        move_seats(
            account,
            plan.taken,
            plan.freed,
            role=principal.role,
            catalog=catalog,
            now=now,
            actor=principal.actor,
        )
        await uow.agent_syncs.write(account_id, plan)
        await _record(uow, account_id, plan, request, principal.actor, now, seat_change_id)
        if any(plan.freed.values()):
            await admit_waiting(uow, account, now, principal.actor)
        await uow.commit()
    return SyncResult(plan, False, seat_change_id)


async def _record(
    uow: UnitOfWork,
    account_id: str,
    plan: SyncPlan,
    request: SyncRequest,
    actor: str,
    now: datetime,
    seat_change_id: str | None,
) -> None:
    """An event per agent moved, in the shapes single changes record, written
    in bulk a type at a time, then one event that sums the sync up."""
    changed = [u for u in plan.update if not u.demoted]
    demoted = [u for u in plan.update if u.demoted]

    def added(agent: Agent) -> dict[str, object]:
        return {
            "user_id": agent.user_id,
            "products": agent.products,
            "seat_change_id": seat_change_id,
            "role": agent.role.value,
        }

    def updated(u: SyncUpdate) -> dict[str, object]:
        return {
            "user_id": u.agent.user_id,
            "role": u.agent.role.value,
            "products": u.agent.products,
            "added": u.added,
            "removed": u.removed,
            "seat_change_id": seat_change_id,
            "email": u.agent.email,
            "name": u.agent.name,
        }

    def downgraded(u: SyncUpdate) -> dict[str, object]:
        return agent_downgraded(u.agent.user_id, u.removed, MANUAL_DOWNGRADE, to_end_user=True)

    def removed(agent: Agent) -> dict[str, object]:
        return {"user_id": agent.user_id, "products": agent.products}

    if plan.add:
        await record_each(uow, account_id, "agent.added", actor, now, plan.add, added)
    if changed:
        await record_each(uow, account_id, "agent.updated", actor, now, changed, updated)
    if demoted:
        await record_each(uow, account_id, "agent.downgraded", actor, now, demoted, downgraded)
    if plan.remove:
        await record_each(uow, account_id, "agent.removed", actor, now, plan.remove, removed)
    products = sorted(set(plan.taken) | set(plan.freed))
    await record(
        uow,
        event(
            account_id,
            "agent_sync.applied",
            actor,
            now,
            agents=len(request.entries),
            added=len(plan.add),
            updated=len(plan.update),
            removed=len(plan.remove),
            remove_missing=request.remove_missing,
            seats_taken=[
                {"product": p, "taken": plan.taken.get(p, 0), "freed": plan.freed.get(p, 0)}
                for p in products
            ],
            seat_change_id=seat_change_id,
        ),
    )
