"""Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.api.deps import RuntimeDep
from app.api.problems import problem_response, problems
from app.api.routes.health import NO_KEY

router = APIRouter(tags=["operations"])


@router.get(
    "/metrics",
    summary="Prometheus metrics of this process",
    operation_id="metrics",
    openapi_extra=NO_KEY,
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
        **problems(404, 503),
    },
)
async def metrics(runtime: RuntimeDep) -> Response:
    found = runtime.metrics
    if found is None:
        return problem_response(404, "not_found", "Not found", "Metrics are turned off here.")
    # Gauges that are cheaper to read at scrape time than to keep up to date.
    async with runtime.unit_of_work() as uow:
        found.outbox_backlog.set(await uow.webhooks.backlog())
    budget = runtime.settings.connection_budget()
    pool = runtime.engine.pool
    read_open, read_idle = runtime.views.reader.connections()
    listening = 1 if runtime.keys.hearing else 0
    found.connection_budget.set(budget.total)
    for name, size, in_use, idle in (
        (
            "writers",
            budget.writers,
            getattr(pool, "checkedout", lambda: 0)(),
            getattr(pool, "checkedin", lambda: 0)(),
        ),
        ("readers", budget.readers, read_open - read_idle, read_idle),
        ("listener", budget.listener, listening, 0),
    ):
        found.pool_size.labels(name).set(size)
        found.pool_in_use.labels(name).set(in_use)
        found.pool_idle.labels(name).set(idle)
    return Response(generate_latest(found.registry), media_type=CONTENT_TYPE_LATEST)
