"""One runner for every due scheduled job (from the CLI, the admin route, or a loop)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from app.db.unit_of_work import UnitOfWork
from app.domain.access import PLATFORM_ADMIN_ONLY, Principal, require_role
from app.domain.catalog import Catalog
from app.services.clock import Clock
from app.services.renewals import RenewalReport, renew_due_accounts


@dataclass(frozen=True, slots=True)
class JobsReport:
    renewals: RenewalReport

    def as_dict(self) -> dict[str, object]:
        return {"renewals": asdict(self.renewals)}


async def run_due_jobs(
    new_uow: Callable[[], UnitOfWork], catalog: Catalog, clock: Clock
) -> JobsReport:
    return JobsReport(renewals=await renew_due_accounts(new_uow, catalog, clock))


async def run_due_jobs_as(
    principal: Principal, new_uow: Callable[[], UnitOfWork], catalog: Catalog, clock: Clock
) -> JobsReport:
    require_role(principal, PLATFORM_ADMIN_ONLY, "run jobs")
    return await run_due_jobs(new_uow, catalog, clock)
