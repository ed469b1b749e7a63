"""RFC 9457 problem+json: one table from domain errors to HTTP, one renderer."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidRequest,
    NotFound,
    PreconditionFailed,
    Unauthenticated,
)

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("seatkeeper.errors")

STATUS_OF: dict[type[DomainError], int] = {
    Unauthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    PreconditionFailed: 412,
    InvalidRequest: 422,
}


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """An error, as RFC 9457 problem details plus a stable `code`."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:seatkeeper:problem:not_found",
                    "title": "Not found",
                    "status": 404,
                    "detail": "No account 'acct_0123456789abcdef0123'.",
                    "code": "not_found",
                }
            ]
        },
    )

    type: str = Field(
        description="A URI naming the kind of problem: urn:seatkeeper:problem:<code>."
    )
    title: str
    status: int
    detail: str
    code: str = Field(description="Stable snake_case error code; branch on this.")
    errors: list[ValidationIssue] | None = Field(
        default=None, description="Present on validation errors: where and what."
    )


def problem_response(
    status: int,
    code: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": f"urn:seatkeeper:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def status_of(error: DomainError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_OF:
            return STATUS_OF[cls]
    return 400


async def _domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    status = status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return problem_response(status, exc.code, exc.title, exc.detail, headers, **exc.extra)


def _validation_code(errors: list[dict[str, Any]]) -> str:
    kinds = {error["type"] for error in errors}
    if "json_invalid" in kinds:
        return "invalid_json"
    if kinds == {"extra_forbidden"}:
        return "unknown_field"
    return "validation_error"


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = list(exc.errors())
    issues = [
        {
            "loc": [part for part in e["loc"] if isinstance(part, (str, int))],
            "msg": e["msg"],
            "type": e["type"],
        }
        for e in raw
    ]
    first = issues[0] if issues else {"loc": [], "msg": "invalid request"}
    where = ".".join(str(part) for part in first["loc"])
    return problem_response(
        422,
        _validation_code(raw),
        "Invalid request",
        f"{where}: {first['msg']}" if where else str(first["msg"]),
        errors=issues,
    )


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
    code = codes.get(exc.status_code, "http_error")
    title = code.replace("_", " ").capitalize()
    headers = dict(exc.headers) if exc.headers else None
    return problem_response(exc.status_code, code, title, str(exc.detail), headers)


async def _database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    if (
        isinstance(exc, DBAPIError)
        and not exc.connection_invalidated
        and not isinstance(exc, OperationalError)
    ):
        return await _unexpected(_, exc)
    log.warning("database unavailable: %s", type(exc).__name__)
    return problem_response(
        503,
        "database_unavailable",
        "Service unavailable",
        "The database cannot be reached; retry shortly.",
        {"Retry-After": "1"},
    )


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", exc_info=exc)
    return problem_response(
        500, "internal_error", "Internal error", "An unexpected error occurred."
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DBAPIError, _database_unavailable)
    app.add_exception_handler(OSError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry that documents a route's error answers."""
    descriptions = {
        401: "Missing, unknown or revoked API key (`unauthenticated`).",
        403: "The key sees the account but its role may not do this.",
        404: "No such resource, or not visible to this key (`not_found`).",
        409: "The current state refuses the request.",
        412: "The If-Match version is stale (`precondition_failed`).",
        413: "The body is larger than 1 MiB (`payload_too_large`).",
        422: "The request is malformed or breaks a rule (see `code` and `errors`).",
        503: "The database is unreachable (`database_unavailable`).",
    }
    return {
        status: {
            "description": descriptions[status],
            "model": Problem,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
