"""Use cases: temporary seats, and the jobs that start, warn about and end them.

Each job step locks the account and checks the grant again before acting, so
two job runners at once (on PostgreSQL, from any number of replicas) never
apply the same start, warning or end twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.db.pages import Page
from app.db.temporary_seats import Due, TemporarySeatsRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal
from app.domain.account_status import SeatAction
from app.domain.accounts import Account
from app.domain.catalog import Catalog
from app.domain.errors import NotFound
from app.domain.events import Event
from app.domain.purchase_options import refuse_seat_change
from app.domain.temporary_seats import (
    GrantStatus,
    TemporarySeats,
    check_addon_capacity,
    check_stacking,
    check_window,
    granted_products,
)
from app.services.access import check_visible, load_visible
from app.services.audit import SYSTEM, event, record
from app.services.clock import Clock
from app.services.downgrades import downgrade, find_downgrades
from app.services.ids import new_id
from app.services.job_failures import WHOLE_JOB, JobFailures
from app.services.notices import ending_notice
from app.services.waiting import admit_waiting

TEMPORARY_SEATS_ENDED = "temporary_seats_ended"
JOB = "temporary_seats"


@dataclass(frozen=True, slots=True)
class NewTemporarySeats:
    seats: int
    starts_at: datetime
    ends_at: datetime
    product: str | None = None
    suite: str | None = None


async def add(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    new: NewTemporarySeats,
    catalog: Catalog,
    clock: Clock,
) -> TemporarySeats:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        # Where the subscription page is open to this caller, and only there.
        refuse_seat_change(account, principal.role)
        grant = await grant_seats(uow, account, new, catalog, principal.actor, clock.now())
        await uow.commit()
    return grant


async def check_grant(
    uow: UnitOfWork, account: Account, new: NewTemporarySeats, catalog: Catalog, now: datetime
) -> tuple[str, ...]:
    """Refuse a grant that breaks a rule (the account's status: temporary
    seats are bought; its window, its products, the maximum on a line);
    answer the products it covers."""
    account.require(SeatAction.BUY)
    check_window(new.starts_at, new.ends_at, now)
    products = granted_products(account, new.suite, new.product, catalog)
    pending = await uow.temporary_seats.pending_seats(account.id)
    check_stacking(account, products, new.seats, pending)
    check_addon_capacity(account, products, new.seats, pending, catalog)
    return products


async def grant_seats(
    uow: UnitOfWork,
    account: Account,
    new: NewTemporarySeats,
    catalog: Catalog,
    actor: str,
    now: datetime,
    **context: object,
) -> TemporarySeats:
    """The one way temporary seats are granted: from the temporary-seats page
    and from a fulfilled sales request. The caller has locked the account, so
    two grants at once cannot both fit under the maximum and together pass it;
    `context` goes into the event (the sales request it fulfils)."""
    products = await check_grant(uow, account, new, catalog, now)
    grant = TemporarySeats(
        id=new_id("tmp"),
        account_id=account.id,
        products=products,
        seats=new.seats,
        starts_at=new.starts_at,
        ends_at=new.ends_at,
        status=GrantStatus.SCHEDULED,
        created_at=now,
        actor=actor,
        product=new.product,
        suite=new.suite,
    )
    grant.price(account, catalog)
    if grant.starts_at <= now:
        grant.start(account, now)
    await uow.temporary_seats.add(grant)
    await record(
        uow,
        _event(
            grant,
            "temporary_seats.added",
            actor,
            now,
            amount_due=grant.amount_due,
            currency=grant.currency,
            **context,
        ),
    )
    if grant.starts_at <= now:
        await admit_waiting(uow, account, now, actor)
    return grant


async def remove(
    uow: UnitOfWork, principal: Principal, account_id: str, grant_id: str, clock: Clock
) -> None:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        refuse_seat_change(account, principal.role)
        grant = await uow.temporary_seats.get(account_id, grant_id)
        if grant is None:
            raise NotFound(f"No temporary seats {grant_id!r}.")
        grant.require_not_started()
        account.require(SeatAction.REMOVE)  # withdrawing seats bought is removing them
        await uow.temporary_seats.remove(account_id, grant_id)
        await record(uow, _event(grant, "temporary_seats.deleted", principal.actor, clock.now()))
        await uow.commit()


async def list_grants(
    uow: UnitOfWork, principal: Principal, account_id: str, cursor: str | None, limit: int
) -> Page[TemporarySeats]:
    async with uow:
        await check_visible(uow, principal, account_id)
        return await uow.temporary_seats.page(account_id, cursor, limit)


@dataclass(slots=True)
class TemporarySeatsReport:
    started: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)
    agents_downgraded: int = 0


async def run_temporary_seat_jobs(
    new_uow: Callable[[], UnitOfWork],
    clock: Clock,
    warn_before: timedelta,
    failures: JobFailures | None = None,
) -> TemporarySeatsReport:
    report = TemporarySeatsReport()
    failures = failures if failures is not None else JobFailures()
    now = clock.now()

    def due_to_start(repo: TemporarySeatsRepository, after: Due | None) -> Awaitable[list[Due]]:
        return repo.due_to_start(now, after)

    def due_to_warn(repo: TemporarySeatsRepository, after: Due | None) -> Awaitable[list[Due]]:
        return repo.due_to_warn(now + warn_before, after)

    def due_to_end(repo: TemporarySeatsRepository, after: Due | None) -> Awaitable[list[Due]]:
        return repo.due_to_end(now, after)

    phases = (
        (due_to_start, _start, report.started),
        (due_to_warn, _warn(warn_before), report.warned),
        (due_to_end, _end, report.ended),
    )
    for due, action, done in phases:
        after: Due | None = None
        while True:
            try:
                async with new_uow() as uow:
                    batch = await due(uow.temporary_seats, after)
            except Exception:
                # This step cannot find its grants now; the next steps may.
                failures.failed(JOB, WHOLE_JOB)
                break
            if not batch:
                break
            after = batch[-1]
            for item in batch:
                try:
                    if await _step(new_uow(), item.account_id, item.grant_id, now, report, action):
                        done.append(item.grant_id)
                except Exception:
                    # Each grant in its own transaction: one that fails (bad
                    # data, a limit) is rolled back and left due for the next
                    # run, and never holds back another account's grants.
                    failures.failed(JOB, item.grant_id)
    return report


Step = Callable[
    [UnitOfWork, Account, TemporarySeats, datetime, TemporarySeatsReport], Awaitable[bool]
]


async def _step(
    uow: UnitOfWork,
    account_id: str,
    grant_id: str,
    now: datetime,
    report: TemporarySeatsReport,
    action: Step,
) -> bool:
    async with uow:
        account = await uow.accounts.get(account_id, lock=True)
        grant = await uow.temporary_seats.get(account_id, grant_id)
        if account is None or grant is None or account.closed:
            return False  # gone; or cancelled since it was listed, and left as it is
        if not await action(uow, account, grant, now, report):
            return False  # another runner got here first
        await uow.temporary_seats.save(grant)
        await uow.commit()
        return True


async def _start(
    uow: UnitOfWork, account: Account, grant: TemporarySeats, now: datetime, _: TemporarySeatsReport
) -> bool:
    if grant.status is not GrantStatus.SCHEDULED or grant.starts_at > now:
        return False
    grant.start(account, now)
    await record(uow, _event(grant, "temporary_seats.started", SYSTEM, now))
    await admit_waiting(uow, account, now)
    return True


def _warn(warn_before: timedelta) -> Step:
    async def warn(
        uow: UnitOfWork,
        account: Account,
        grant: TemporarySeats,
        now: datetime,
        _: TemporarySeatsReport,
    ) -> bool:
        if not grant.due_to_warn(now, warn_before):
            return False
        grant.warn(now)
        # Who would lose a seat if usage stayed as it is: the very choice the
        # end makes (the same code), so the warning names the right people.
        losing = await find_downgrades(uow, account, grant.over_capacity_at_end(account))
        await uow.notifications.add(ending_notice(account.id, grant, losing, now))
        await record(uow, _event(grant, "temporary_seats.ending", SYSTEM, now))
        return True

    return warn


async def _end(
    uow: UnitOfWork,
    account: Account,
    grant: TemporarySeats,
    now: datetime,
    report: TemporarySeatsReport,
) -> bool:
    if grant.status is not GrantStatus.ACTIVE or grant.ends_at > now:
        return False
    downgraded = await find_downgrades(uow, account, grant.over_capacity_at_end(account))
    grant.end(account, now, downgraded, actor=SYSTEM)
    await record(
        uow, _event(grant, "temporary_seats.ended", SYSTEM, now, downgraded=len(downgraded))
    )
    await downgrade(
        uow,
        account,
        downgraded,
        actor=SYSTEM,
        now=now,
        reason=TEMPORARY_SEATS_ENDED,
        temporary_seats_id=grant.id,
    )
    report.agents_downgraded += len(downgraded)
    return True


def _event(grant: TemporarySeats, type: str, actor: str, now: datetime, **extra: object) -> Event:
    return event(
        grant.account_id,
        type,
        actor,
        now,
        temporary_seats_id=grant.id,
        products=list(grant.products),
        seats=grant.seats,
        starts_at=grant.starts_at.isoformat(),
        ends_at=grant.ends_at.isoformat(),
        **extra,
    )
