"""One runner for every due scheduled job: from `seatkeeper jobs run`, from
POST /v1/admin/jobs/run, and from the periodic loop inside the app. Every job
is idempotent and claims its work in the database, so runners on several
replicas at once apply each thing once.

Each item (an account, a grant) is its own transaction: one that fails is
logged, counted (`on_failure`, which /metrics counts) and left for the next
run, and neither it nor a whole job failing stops the others."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import TypeVar

from app.db.unit_of_work import UnitOfWork
from app.domain.access import PLATFORM_ADMIN_ONLY, Principal, require_role
from app.domain.catalog import Catalog
from app.services import idempotency
from app.services.clock import Clock
from app.services.job_failures import WHOLE_JOB, JobFailures
from app.services.reclaims import JOB as SEAT_RECLAIMS
from app.services.reclaims import ReclaimReport, reclaim_by_policy
from app.services.renewals import JOB as RENEWALS
from app.services.renewals import RenewalReport, renew_due_accounts
from app.services.temporary_seats import JOB as TEMPORARY_SEATS
from app.services.temporary_seats import TemporarySeatsReport, run_temporary_seat_jobs

IDEMPOTENCY_PURGE = "idempotency_purge"


@dataclass(frozen=True, slots=True)
class JobsReport:
    temporary_seats: TemporarySeatsReport
    renewals: RenewalReport
    seat_reclaims: ReclaimReport
    idempotency_keys_purged: int
    failed: dict[str, list[str]]  # by job, the items left for the next run

    def as_dict(self) -> dict[str, object]:
        return {
            "temporary_seats": asdict(self.temporary_seats),
            "renewals": asdict(self.renewals),
            "seat_reclaims": asdict(self.seat_reclaims),
            "idempotency_keys_purged": self.idempotency_keys_purged,
            "failed": self.failed,
        }


T = TypeVar("T")


async def run_due_jobs(
    new_uow: Callable[[], UnitOfWork],
    catalog: Catalog,
    clock: Clock,
    warn_before: timedelta,
    *,
    on_failure: Callable[[str], None] | None = None,
) -> JobsReport:
    failures = JobFailures(on_failure)

    async def run(job: str, work: Awaitable[T], nothing: T) -> T:
        try:
            return await work
        except Exception:
            # The jobs catch their items' failures and their queries'; this is
            # for anything else (the purge, a bug): the later jobs still run.
            failures.failed(job, WHOLE_JOB)
            return nothing

    # Temporary seats first: a renewal then sees the capacity as it now is.
    temporary = await run(
        TEMPORARY_SEATS,
        run_temporary_seat_jobs(new_uow, clock, warn_before, failures),
        TemporarySeatsReport(),
    )
    renewals = await run(
        RENEWALS, renew_due_accounts(new_uow, catalog, clock, failures), RenewalReport()
    )
    # After the renewals: the seats an inactive agent gives back are those of
    # the term as it now stands.
    reclaims = await run(
        SEAT_RECLAIMS, reclaim_by_policy(new_uow, clock, failures), ReclaimReport()
    )
    purged = await run(IDEMPOTENCY_PURGE, idempotency.purge_expired(new_uow, clock), 0)
    return JobsReport(
        temporary_seats=temporary,
        renewals=renewals,
        seat_reclaims=reclaims,
        idempotency_keys_purged=purged,
        failed=failures.items,
    )


async def run_due_jobs_as(
    principal: Principal,
    new_uow: Callable[[], UnitOfWork],
    catalog: Catalog,
    clock: Clock,
    warn_before: timedelta,
    *,
    on_failure: Callable[[str], None] | None = None,
) -> JobsReport:
    require_role(principal, PLATFORM_ADMIN_ONLY, "run jobs")
    return await run_due_jobs(new_uow, catalog, clock, warn_before, on_failure=on_failure)
