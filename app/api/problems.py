"""RFC 9457 problem+json: one table from domain errors to HTTP, one renderer."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from app.api.schemas.agent_syncs import QuoteOut
from app.api.schemas.purchase_options import PurchaseOptionsOut
from app.db.fastpath import DatabaseUnreachable, DriverError
from app.domain.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidRequest,
    LimitExceeded,
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
    LimitExceeded: 422,
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
    purchase_options: PurchaseOptionsOut | None = Field(
        default=None,
        description="Present when the refusal is about buying or removing seats "
        "(`seats_exhausted`, `sales_request_not_available`, a closed subscription page): "
        "the channels open to this caller, and who to contact when none is.",
    )


class MissingSeatOut(BaseModel):
    product: str
    capacity: int = Field(description="The line's seats, temporary ones included.")
    assigned: int
    count: int = Field(description="Seats short: how many to buy so that the agents asking fit.")
    waiting: int = Field(description="Users in the account's waiting room for this product.")


class SeatsExhaustedProblem(Problem):
    """A 409 of a route that takes seats. With `code` `seats_exhausted`, the
    members below say what is missing and what buying it costs; with any other
    code they are absent."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:seatkeeper:problem:seats_exhausted",
                    "title": "No free seat",
                    "status": 409,
                    "detail": "No free seat of support.",
                    "code": "seats_exhausted",
                    "missing": [
                        {
                            "product": "support",
                            "capacity": 5,
                            "assigned": 5,
                            "count": 1,
                            "waiting": 0,
                        }
                    ],
                    "quote": {
                        "lines": [{"product": "support", "from": 5, "to": 6}],
                        "amount_due": 1650,
                        "currency": "USD",
                    },
                    # As an account admin sees it: the owner buys (nulls are not
                    # shown: FastAPI drops them from examples).
                    "purchase_options": {
                        "options": [
                            {
                                "channel": "subscription_page",
                                "available": False,
                                "actions": [],
                                "reason_code": "not_account_owner",
                                "reason": "Only the account owner buys or removes seats.",
                            },
                            {
                                "channel": "on_the_fly",
                                "available": False,
                                "actions": [],
                                "reason_code": "not_account_owner",
                                "reason": "Only the account owner buys or removes seats.",
                            },
                        ],
                        "contact": {"role": "owner", "name": "Ana", "email": "ana@acme.example"},
                    },
                    "waiting": 0,
                }
            ]
        },
    )

    missing: list[MissingSeatOut] | None = Field(
        default=None, description="`seats_exhausted`: per product, the seats that are not there."
    )
    quote: QuoteOut | None = Field(
        default=None,
        description="`seats_exhausted`: what buying the missing seats costs now (suite parity "
        "included).",
    )
    waiting: int | None = Field(
        default=None,
        description="`seats_exhausted`: how many users wait for a seat on the account.",
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


def allowed_methods(request: Request) -> str:
    """Every method some route serves at this path. Starlette's own `Allow`
    names only the first route that matched the path, and FastAPI makes one
    route per method."""
    methods: set[str] = set()
    path = request.url.path
    for route in iter_route_contexts(request.app.routes):
        if route.path and route.methods and compile_path(route.path)[0].match(path):
            methods |= route.methods
    return ", ".join(sorted(methods))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:
        # FastAPI's answer to a body it cannot decode (not UTF-8): malformed JSON like any other.
        return problem_response(
            422,
            "invalid_json",
            "Invalid request",
            "body: the body is not JSON in UTF-8",
            errors=[{"loc": ["body"], "msg": "JSON decode error", "type": "json_invalid"}],
        )
    codes = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
    code = codes.get(exc.status_code, "http_error")
    title = code.replace("_", " ").capitalize()
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": allowed_methods(request)}
    return problem_response(exc.status_code, code, title, str(exc.detail), headers)


# SQLSTATEs of text PostgreSQL cannot hold: 22021 (character_not_in_repertoire,
# e.g. a NUL in an id or a filter) and 22P05 (untranslatable_character). Bad
# input, not a bug: the schemas refuse NUL, this catches any value they miss.
UNSTORABLE_SQLSTATES = ("22021", "22P05")


def unstorable_text(exc: BaseException) -> bool:
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "sqlstate", None) in UNSTORABLE_SQLSTATES:
            return True
        error = getattr(error, "orig", None) or error.__cause__
    return False


def unstorable_text_response() -> JSONResponse:
    return problem_response(
        422,
        "invalid_characters",
        "Invalid request",
        "The request holds a character that cannot be stored, such as NUL.",
    )


# SQLSTATEs that say the server is not there for us right now, not that the
# request is wrong: class 08 (connection exceptions, e.g. asyncpg's
# ConnectionDoesNotExistError), 57P01-57P03 (shutting down, crashed, and
# CannotConnectNowError: "the database system is starting up"), 53300 (too many
# connections). asyncpg raises these as PostgresErrors, which SQLAlchemy wraps
# in a plain DBAPIError (not OperationalError) and, when they happen while
# connecting, without connection_invalidated: by class alone they looked like bugs.
UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")


def database_unavailable(exc: BaseException) -> bool:
    """Whether `exc` means the database cannot be reached (answer 503), as
    opposed to a failing statement (a bug: 500). Looks through the causes, since
    drivers wrap: DBAPIError -> the adapted driver error -> asyncpg's own."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        error = pending.pop()
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        # Refused, reset or unreachable sockets (ConnectionRefusedError while
        # the server is down is raised unwrapped from the connect).
        if isinstance(error, OSError | DatabaseUnreachable):
            return True
        # No pooled connection came free in time: the database is saturated,
        # and a retry later (503 with Retry-After) is the honest answer.
        if isinstance(error, PoolTimeout):
            return True
        if isinstance(error, DBAPIError):
            if error.connection_invalidated or isinstance(error, OperationalError):
                return True
            pending.append(error.orig)
        sqlstate = getattr(error, "sqlstate", None)
        if isinstance(sqlstate, str) and sqlstate.startswith(UNAVAILABLE_SQLSTATES):
            return True
        pending.append(error.__cause__)  # `raise ... from`: how drivers wrap
    return False


async def _database_unavailable(_: Request, exc: Exception) -> JSONResponse:
    if unstorable_text(exc):
        return unstorable_text_response()
    if not database_unavailable(exc):
        return await _unexpected(_, exc)
    return database_unavailable_response(exc)


def database_unavailable_response(exc: BaseException) -> JSONResponse:
    log.warning("database unavailable: %s", type(exc).__name__)
    return problem_response(
        503,
        "database_unavailable",
        "Service unavailable",
        "The database cannot be reached; retry shortly.",
        {"Retry-After": "1"},
    )


async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    # Errors raised outside the routes, in plain ASGI middleware (the
    # Idempotency-Key lookup), reach only this catch-all: an outage there is a
    # 503 too. (Starlette re-raises after this answer, so the server logs it and
    # closes the connection: the middleware should answer 503 itself.)
    if database_unavailable(exc):
        return database_unavailable_response(exc)
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
    app.add_exception_handler(DriverError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)


LIMIT_EXCEEDED = (
    " A seat total, capacity or amount past its maximum is `limit_exceeded`, with `field` "
    "naming it and `maximum`."
)


def problems(
    *statuses: int, limits: bool = False, seats: bool = False
) -> dict[int | str, dict[str, Any]]:
    """The `responses=` entry that documents a route's error answers; `limits`
    for a route that can buy or grant seats (`limit_exceeded`), `seats` for one
    that takes seats (its 409 is a SeatsExhaustedProblem)."""
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
    if limits:
        descriptions[422] += LIMIT_EXCEEDED
    if seats:
        descriptions[409] += " `seats_exhausted` says what is missing and what it costs."

    def model(status: int) -> type[Problem]:
        return SeatsExhaustedProblem if seats and status == 409 else Problem

    return {
        status: {
            "description": descriptions[status],
            "model": model(status),
            "content": {
                PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{model(status).__name__}"}}
            },
        }
        for status in statuses
    }
