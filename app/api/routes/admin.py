"""Platform operations."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from app.api.deps import PrincipalDep, RuntimeDep, allow
from app.api.problems import problems
from app.domain.access import PLATFORM_ADMIN_ONLY
from app.services.jobs import run_due_jobs_as

router = APIRouter(prefix="/v1/admin", tags=["operations"])


@router.post(
    "/jobs/run",
    summary="Run every due job now: temporary seats, warnings, renewals, scheduled changes, "
    "inactive-seat reclaims",
    description="Each job commits on its own and does only what is due, so running again "
    "repeats nothing: an `Idempotency-Key` is not needed here, and is ignored.",
    dependencies=[allow(PLATFORM_ADMIN_ONLY, "run jobs")],
    operation_id="runJobs",
    responses=problems(401, 403, 422),
)
async def run_jobs(principal: PrincipalDep, runtime: RuntimeDep) -> dict[str, Any]:
    report = await run_due_jobs_as(
        principal,
        runtime.unit_of_work,
        runtime.catalog,
        runtime.clock,
        runtime.settings.temporary_seats_warning,
        on_failure=runtime.job_item_failed,
    )
    return report.as_dict()
