"""Use cases: take the seats of inactive agents back (R10's reclaim), asked
for (POST .../seat-reclaims, with a dry run) or by the account's policy
(`reclaim_after`) in the jobs run. The dry run and the apply choose with the
same function, `select_reclaims`, so the dry run names exactly who goes; the
apply writes through the one downgrade path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.db.unit_of_work import UnitOfWork
from app.domain.access import AGENT_MANAGERS, Principal, require_role
from app.domain.accounts import Account
from app.domain.activity import INACTIVE, Reclaim, choose_reclaims
from app.domain.agents import products_for
from app.domain.durations import Duration, parse_duration
from app.services.access import load_visible
from app.services.audit import SYSTEM, event, record
from app.services.clock import Clock
from app.services.downgrades import downgrade
from app.services.job_failures import WHOLE_JOB, JobFailures

JOB = "seat_reclaims"
BATCH = 100


@dataclass(frozen=True, slots=True)
class ReclaimRequest:
    inactive_for: str
    products: list[str] | None = None
    dry_run: bool = True


@dataclass(frozen=True, slots=True)
class ReclaimResult:
    dry_run: bool
    inactive_for: str  # as kept: days and hours
    reclaim: Reclaim


async def reclaim_seats(
    uow: UnitOfWork, principal: Principal, account_id: str, asked: ReclaimRequest, clock: Clock
) -> ReclaimResult:
    async with uow:
        # Applied, the account is locked first, as every change to its seats:
        # an agent added or a seat bought meanwhile waits, and the counters
        # the reclaim lowers are the ones it read. A dry run locks nothing.
        account = await load_visible(uow, principal, account_id, lock=not asked.dry_run)
        require_role(principal, AGENT_MANAGERS, "reclaim seats")
        duration = parse_duration(asked.inactive_for)
        products = products_for(account, asked.products) if asked.products is not None else None
        now = clock.now()
        chosen = await select_reclaims(uow, account, duration, products, now)
        if not asked.dry_run and chosen.agents:
            await apply_reclaim(
                uow, account, chosen, duration, products, actor=principal.actor, now=now
            )
            await uow.commit()
    return ReclaimResult(asked.dry_run, duration.iso, chosen)


async def select_reclaims(
    uow: UnitOfWork,
    account: Account,
    inactive_for: Duration,
    products: list[str] | None,
    now: datetime,
) -> Reclaim:
    """Who a reclaim takes, and which seats: the one choice the dry run shows
    and the apply (asked for, or the policy's) writes."""
    cutoff = now - inactive_for.delta
    candidates = await uow.activity.inactive(account.id, cutoff, products)
    return choose_reclaims(candidates, cutoff, frozenset(products) if products else None)


async def apply_reclaim(
    uow: UnitOfWork,
    account: Account,
    chosen: Reclaim,
    inactive_for: Duration,
    products: list[str] | None,
    *,
    actor: str,
    now: datetime,
    policy: bool = False,
) -> None:
    """Write a chosen reclaim: the counters (Account.reclaim), then the one
    downgrade path (seats, an agent.downgraded per agent with reason
    `inactive`, one notice for the owner, and the waiting room's turn at the
    seats freed), and a `seats.reclaimed` summary."""
    account.reclaim(chosen.downgraded)
    await downgrade(
        uow,
        account,
        chosen.downgraded,
        actor=actor,
        now=now,
        reason=INACTIVE,
        inactive_for=inactive_for.iso,
    )
    freed = chosen.seats_freed
    await record(
        uow,
        event(
            account.id,
            "seats.reclaimed",
            actor,
            now,
            inactive_for=inactive_for.iso,
            products=products,
            agents=len(chosen.agents),
            seats_freed=[{"product": p, "count": n} for p, n in freed.items()],
            policy=policy,
        ),
    )


@dataclass(slots=True)
class ReclaimReport:
    accounts_reclaimed: int = 0
    agents_downgraded: int = 0
    failed: list[str] = field(default_factory=list)  # accounts left for the next run


async def reclaim_by_policy(
    new_uow: Callable[[], UnitOfWork], clock: Clock, failures: JobFailures | None = None
) -> ReclaimReport:
    """The jobs run's step: every account that set `reclaim_after`, each in its
    own transaction (one that fails is logged, counted and tried again next
    run). Safe on several runners at once: each account is locked and chosen
    again, and an agent already reclaimed is no longer a candidate."""
    report = ReclaimReport()
    failures = failures if failures is not None else JobFailures()
    now = clock.now()
    after: str | None = None
    while True:
        try:
            async with new_uow() as uow:
                due = await uow.accounts.with_reclaim_policy(BATCH, after)
        except Exception:
            failures.failed(JOB, WHOLE_JOB)
            return report
        if not due:
            return report
        after = due[-1]
        for account_id in due:
            try:
                await _reclaim_account(new_uow(), account_id, now, report)
            except Exception:
                failures.failed(JOB, account_id)
                report.failed.append(account_id)


async def _reclaim_account(
    uow: UnitOfWork, account_id: str, now: datetime, report: ReclaimReport
) -> None:
    async with uow:
        account = await uow.accounts.get(account_id, lock=True)
        if account is None or account.reclaim_after is None or account.closed:
            return  # the policy was cleared since the batch was read, or it closed
        duration = parse_duration(account.reclaim_after, "reclaim_after")
        chosen = await select_reclaims(uow, account, duration, None, now)
        if not chosen.agents:
            return
        await apply_reclaim(
            uow, account, chosen, duration, None, actor=SYSTEM, now=now, policy=True
        )
        await uow.commit()
        report.accounts_reclaimed += 1
        report.agents_downgraded += len(chosen.agents)
