"""Liveness and readiness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.api.deps import RuntimeDep
from app.api.problems import problem_response, problems

router = APIRouter(tags=["operations"])
# Said outright, so that a client generator does not apply a default scheme.
NO_KEY: dict[str, Any] = {"security": []}


@router.get(
    "/healthz",
    summary="The process is up",
    operation_id="healthz",
    openapi_extra=NO_KEY,
)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="The database is reachable",
    operation_id="readyz",
    openapi_extra=NO_KEY,
    responses=problems(503),
)
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    try:
        async with runtime.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database means "not ready"
        return problem_response(
            503, "database_unavailable", "Service unavailable", "The database cannot be reached."
        )
    return JSONResponse({"status": "ready"})
