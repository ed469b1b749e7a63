"""Use cases: change seat totals on the subscription page, preview, schedule,
cancel; and `plan_change` / `apply_change`, the one path every seat change
takes (subscription page, buying on the fly, sales requests, renewals)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal, Role, require_role
from app.domain.accounts import Account
from app.domain.catalog import Catalog
from app.domain.errors import DomainError, NotFound
from app.domain.events import Event
from app.domain.previews import Preview, preview
from app.domain.pricing import prorated_charge
from app.domain.purchase_options import (
    Channel,
    purchase_options,
    refuse_seat_change,
    seat_change_refusal,
)
from app.domain.seat_changes import (
    ChangeStatus,
    Effective,
    SeatChange,
    check_named,
    check_parity,
    check_totals,
    excess_after,
    fit_to_bases,
    line_changes,
    lowers_sell,
    new_totals,
    require_some_change,
    still_named,
)
from app.domain.subscription import SeatTarget
from app.services.access import check_visible, load_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.downgrades import downgrade, find_downgrades
from app.services.ids import new_id
from app.services.notices import change_applied_notice
from app.services.waiting import admit_waiting

SEATS_REDUCED = "seats_reduced"
# Why a scheduled change was cancelled, in its `seat_change.cancelled` event.
REQUESTED, REPLACED, MOOT = "requested", "replaced", "moot"
CHANGE_OWNERS = frozenset({Role.OWNER, Role.PLATFORM_ADMIN})
# Anyone who may act on the account's seats may look first; applying is still
# the subscription page's (the preview says `can_apply`).
PREVIEWERS = frozenset({Role.OWNER, Role.ADMIN, Role.PLATFORM_ADMIN})


@dataclass(frozen=True, slots=True)
class SeatChangeRequest:
    targets: list[SeatTarget]
    effective: Effective = Effective.IMMEDIATELY
    downgrade: tuple[str, ...] = ()


async def request_seat_change(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    request: SeatChangeRequest,
    catalog: Catalog,
    clock: Clock,
) -> SeatChange:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        now = clock.now()
        change = await _plan_request(uow, principal, account, request, catalog, now, apply=True)
        change.id = new_id("chg")
        if request.effective is Effective.IMMEDIATELY:
            await apply_change(uow, account, change, now)
        else:
            await schedule_change(uow, account, change, now)
        await uow.commit()
    return change


async def preview_seat_change(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    request: SeatChangeRequest,
    catalog: Catalog,
    clock: Clock,
) -> Preview:
    """What the change would do, for a caller who may or may not apply it;
    reads without a lock and writes nothing."""
    async with uow:
        require_role(principal, PREVIEWERS, "preview seat changes")
        account = await load_visible(uow, principal, account_id)
        now = clock.now()
        change = await _plan_request(uow, principal, account, request, catalog, now, apply=False)
        pending = await uow.seat_changes.pending(account_id)
        # The caller's reason first, as applying asks it first; then the status's.
        refusal = seat_change_refusal(
            account,
            principal.role,
            decreases=any(c.after < c.before for c in change.lines),
            lowers_sell=lowers_sell(change.lines),
        ) or account.change_refusal(change.lines)
        return preview(account, change, pending, catalog, refusal)


async def _plan_request(
    uow: UnitOfWork,
    principal: Principal,
    account: Account,
    request: SeatChangeRequest,
    catalog: Catalog,
    now: datetime,
    *,
    apply: bool,
) -> SeatChange:
    """Check the request and plan it. With `apply`, refuse a caller the
    subscription page is closed to (a preview says so instead)."""
    try:
        if apply:
            # Who may use the page at all comes before what they asked for.
            refuse_seat_change(account, principal.role)
        totals = new_totals(account, request.targets, catalog)
        check_parity(account, totals)
        changes = line_changes(account, totals)
        require_some_change(changes)
        if apply:
            refuse_seat_change(
                account,
                principal.role,
                decreases=any(c.after < c.before for c in changes),
                lowers_sell=lowers_sell(changes),
            )
        return await plan_change(
            uow,
            account,
            totals,
            list(request.downgrade),
            effective=request.effective,
            channel=Channel.SUBSCRIPTION_PAGE,
            actor=principal.actor,
            catalog=catalog,
            now=now,
        )
    except DomainError as refusal:
        # Every refusal says which ways are open to this caller.
        refusal.extra.setdefault(
            "purchase_options", purchase_options(account, principal.role).to_dict()
        )
        raise


async def schedule_change(
    uow: UnitOfWork, account: Account, change: SeatChange, now: datetime
) -> None:
    """Keep a planned change for the renewal, in place of the one pending: one
    change waits per account. The account is locked by the caller, so two
    schedules at once queue and the second replaces the first; the partial
    unique index on seat_changes refuses a second pending one on any path."""
    pending = await uow.seat_changes.pending(account.id, lock=True)
    account.schedule(change, pending)
    if pending is not None:
        await _cancelled(uow, pending, now, change.actor, reason=REPLACED, replaced_by=change.id)
    await uow.seat_changes.add(change)
    await record(
        uow,
        _change_event(
            change,
            "seat_change.scheduled",
            now,
            replaces=pending.id if pending is not None else None,
        ),
    )


async def cancel_change(
    uow: UnitOfWork, account: Account, change: SeatChange, now: datetime, actor: str, reason: str
) -> None:
    """Cancel the account's pending change and record why."""
    account.cancel(change)
    await _cancelled(uow, change, now, actor, reason=reason)


async def _cancelled(
    uow: UnitOfWork, change: SeatChange, now: datetime, actor: str, **data: object
) -> None:
    await uow.seat_changes.save(change)
    await record(uow, _change_event(change, "seat_change.cancelled", now, actor=actor, **data))


async def plan_change(
    uow: UnitOfWork,
    account: Account,
    totals: dict[str, int],
    named: list[str],
    *,
    effective: Effective,
    channel: str,
    actor: str,
    catalog: Catalog,
    now: datetime,
    strict_names: bool = True,
) -> SeatChange:
    """Work a change out without writing anything: the lines it moves, what it
    costs now, and exactly who would give up which seat. `strict_names` refuses
    a named agent who may not go first, and an add-on left above its base
    (`addon_exceeds_base`); without it (a renewal, with nobody to answer a 422
    to) such names are dropped and such an add-on follows its base down."""
    totals = fit_to_bases(account, totals, catalog, refuse=strict_names)
    check_totals(account, totals, catalog)
    changes = line_changes(account, totals)
    lowered = {c.product for c in changes if c.after < c.before}
    named_holders = await uow.agents.holders_by_id(account.id, named) if named else {}
    if strict_names:
        check_named(named, named_holders, lowered, account.owner.user_id)
    else:
        named = still_named(named, named_holders, lowered, account.owner.user_id)
    downgraded = await find_downgrades(
        uow, account, excess_after(account, changes), named, named_holders
    )
    increases = {c.product: c.after - c.before for c in changes}
    amount = (
        prorated_charge(
            catalog, account.billing_cycle, increases, account.term_start, account.term_end, now
        )
        if effective is Effective.IMMEDIATELY
        else 0
    )
    return SeatChange(
        id=None,
        account_id=account.id,
        status=ChangeStatus.PREVIEW,
        effective=effective,
        channel=channel,
        lines=changes,
        amount_due=amount,
        currency=account.currency,
        created_at=now,
        actor=actor,
        named_downgrades=named,
        downgraded=downgraded,
    )


async def apply_change(
    uow: UnitOfWork,
    account: Account,
    change: SeatChange,
    now: datetime,
    *,
    new: bool = True,
    admit: bool = True,
) -> None:
    """Apply a planned change to the account, then write what goes with it: the
    change record, the downgraded agents' seats, events and notifications, all
    in the caller's unit of work; and let the waiting room in, as far as the
    seats now free go. Without `admit` (seats bought on the fly for one agent)
    the caller seats its agent first and admits the waiting after."""
    account.apply(change, now)
    if new:
        await uow.seat_changes.add(change)
    else:
        await uow.seat_changes.save(change)
    await record(uow, _change_event(change, "seat_change.applied", now))
    await downgrade(
        uow,
        account,
        change.downgraded,
        actor=change.actor,
        now=now,
        reason=SEATS_REDUCED,
        seat_change_id=change.id,
    )
    await uow.notifications.add(change_applied_notice(account, change, now))
    if admit:
        await admit_waiting(uow, account, now, change.actor)


def _change_event(
    change: SeatChange, type: str, now: datetime, *, actor: str | None = None, **extra: object
) -> Event:
    return event(
        change.account_id,
        type,
        actor or change.actor,
        now,
        seat_change_id=change.id,
        channel=change.channel,
        effective=change.effective,
        lines=[{"product": c.product, "from": c.before, "to": c.after} for c in change.lines],
        amount_due=change.amount_due,
        downgraded=len(change.downgraded),
        **extra,
    )


async def cancel_seat_change(
    uow: UnitOfWork, principal: Principal, account_id: str, change_id: str, clock: Clock
) -> SeatChange:
    async with uow:
        require_role(principal, CHANGE_OWNERS, "cancel seat changes")
        # The account first, as every writer of its seat changes does (a
        # renewal, a new schedule): cancelling races them with one winner.
        account = await load_visible(uow, principal, account_id, lock=True)
        change = await uow.seat_changes.get(account_id, change_id, lock=True)
        if change is None:
            raise NotFound(f"No seat change {change_id!r}.")
        await cancel_change(uow, account, change, clock.now(), principal.actor, REQUESTED)
        await uow.commit()
    return change


async def get_seat_change(
    uow: UnitOfWork, principal: Principal, account_id: str, change_id: str
) -> SeatChange:
    async with uow:
        await check_visible(uow, principal, account_id)
        change = await uow.seat_changes.get(account_id, change_id)
    if change is None:
        raise NotFound(f"No seat change {change_id!r}.")
    return change


async def list_seat_changes(
    uow: UnitOfWork, principal: Principal, account_id: str, cursor: str | None, limit: int
) -> Page[SeatChange]:
    async with uow:
        await check_visible(uow, principal, account_id)
        return await uow.seat_changes.page(account_id, cursor, limit)
