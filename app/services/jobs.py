"""One runner for every due scheduled job: from `seatkeeper jobs run`, from
POST /v1/admin/jobs/run, and from the periodic loop inside the app. Every job
is idempotent and claims its work in the database, so runners on several
replicas at once apply each thing once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta

from app.db.unit_of_work import UnitOfWork
from app.domain.access import PLATFORM_ADMIN_ONLY, Principal, require_role
from app.domain.catalog import Catalog
from app.services import idempotency
from app.services.clock import Clock
from app.services.renewals import RenewalReport, renew_due_accounts
from app.services.temporary_seats import TemporarySeatsReport, run_temporary_seat_jobs


@dataclass(frozen=True, slots=True)
class JobsReport:
    temporary_seats: TemporarySeatsReport
    renewals: RenewalReport
    idempotency_keys_purged: int

    def as_dict(self) -> dict[str, object]:
        return {
            "temporary_seats": asdict(self.temporary_seats),
            "renewals": asdict(self.renewals),
            "idempotency_keys_purged": self.idempotency_keys_purged,
        }


async def run_due_jobs(
    new_uow: Callable[[], UnitOfWork], catalog: Catalog, clock: Clock, warn_before: timedelta
) -> JobsReport:
    # Temporary seats first: a renewal then sees the capacity as it now is.
    temporary = await run_temporary_seat_jobs(new_uow, clock, warn_before)
    renewals = await renew_due_accounts(new_uow, catalog, clock)
    purged = await idempotency.purge_expired(new_uow, clock)
    return JobsReport(temporary_seats=temporary, renewals=renewals, idempotency_keys_purged=purged)


async def run_due_jobs_as(
    principal: Principal,
    new_uow: Callable[[], UnitOfWork],
    catalog: Catalog,
    clock: Clock,
    warn_before: timedelta,
) -> JobsReport:
    require_role(principal, PLATFORM_ADMIN_ONLY, "run jobs")
    return await run_due_jobs(new_uow, catalog, clock, warn_before)
