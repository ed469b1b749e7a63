"""The renewal job: at a term's end, apply the change scheduled for it (or
cancel it, if nothing is left to change or the account's status refuses it)
and roll the term forward. A cancelled account is not renewed. Safe to run
twice, and on several runners at once: each account is locked and re-checked
before anything is applied."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.db.unit_of_work import UnitOfWork
from app.domain.catalog import Catalog
from app.domain.seat_changes import Effective
from app.services.audit import SYSTEM, event, record
from app.services.clock import Clock
from app.services.job_failures import WHOLE_JOB, JobFailures
from app.services.seat_changes import MOOT, apply_change, cancel_change, plan_change

JOB = "renewals"
BATCH = 100


@dataclass(slots=True)
class RenewalReport:
    accounts_renewed: int = 0
    seat_changes_applied: list[str] = field(default_factory=list)
    # Moot by renewal, or refused by the account's status.
    seat_changes_cancelled: list[str] = field(default_factory=list)
    agents_downgraded: int = 0
    failed: list[str] = field(default_factory=list)  # accounts left for the next run


async def renew_due_accounts(
    new_uow: Callable[[], UnitOfWork],
    catalog: Catalog,
    clock: Clock,
    failures: JobFailures | None = None,
) -> RenewalReport:
    report = RenewalReport()
    failures = failures if failures is not None else JobFailures()
    now = clock.now()
    after: tuple[datetime, str] | None = None
    while True:
        try:
            async with new_uow() as uow:
                due = await uow.accounts.due_for_renewal(now, BATCH, after)
        except Exception:
            failures.failed(JOB, WHOLE_JOB)
            return report  # what was renewed so far stays renewed and reported
        if not due:
            return report
        after = due[-1]
        for _, account_id in due:
            try:
                await _renew(new_uow(), account_id, catalog, now, report)
            except Exception:
                # One account's trouble must not hold back every other renewal;
                # it stays due, so the next run tries it again.
                failures.failed(JOB, account_id)
                report.failed.append(account_id)


async def _renew(
    uow: UnitOfWork, account_id: str, catalog: Catalog, now: datetime, report: RenewalReport
) -> None:
    async with uow:
        account = await uow.accounts.get(account_id, lock=True)
        if account is None or account.term_end > now or account.closed:
            return  # another runner renewed it first, or it was cancelled since listed
        while account.term_end <= now:
            boundary = account.term_end
            for scheduled in await uow.seat_changes.scheduled_due(account.id, boundary):
                planned = await plan_change(
                    uow,
                    account,
                    scheduled.totals,
                    scheduled.named_downgrades,
                    effective=Effective.AT_RENEWAL,
                    channel=scheduled.channel,
                    actor=SYSTEM,
                    catalog=catalog,
                    now=boundary,
                    strict_names=False,
                )
                if not planned.lines:
                    # Moot: the seats already are what it asked for. Cancelled,
                    # never applied: applied, it told the owner "Seats changed: .".
                    await cancel_change(uow, account, scheduled, boundary, SYSTEM, MOOT)
                    report.seat_changes_cancelled.append(scheduled.id or "")
                    continue
                refused = account.change_refusal(planned.lines)
                if refused is not None:
                    # A purchase (or removal) the account's status refuses now,
                    # with nobody to answer a 409 to: cancelled, with the code as why.
                    await cancel_change(uow, account, scheduled, boundary, SYSTEM, refused)
                    report.seat_changes_cancelled.append(scheduled.id or "")
                    continue
                scheduled.replan(planned)
                await apply_change(uow, account, scheduled, boundary, new=False)
                report.seat_changes_applied.append(scheduled.id or "")
                report.agents_downgraded += len(scheduled.downgraded)
            account.renew()
            await record(
                uow,
                event(
                    account.id,
                    "subscription.renewed",
                    SYSTEM,
                    boundary,
                    term_start=account.term_start.isoformat(),
                    term_end=account.term_end.isoformat(),
                ),
            )
        await uow.commit()
        report.accounts_renewed += 1
