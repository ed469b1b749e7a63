"""The application factory. Nothing connects at import time."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from sqlalchemy.ext.asyncio import AsyncEngine

from app.api.conditional import ConditionalMiddleware
from app.api.conditional import document as document_conditions
from app.api.docs import install_docs
from app.api.event_docs import webhooks_section
from app.api.idempotency import OWN_TRANSACTIONS, IdempotencyMiddleware
from app.api.middleware import AdmissionMiddleware, RequestContextMiddleware
from app.api.problems import PROBLEM_JSON, install_problem_handlers
from app.api.routes import (
    accounts,
    activity,
    admin,
    agent_syncs,
    agents,
    api_keys,
    catalog,
    events,
    health,
    notifications,
    sales_requests,
    seat_changes,
    subscription,
    temporary_seats,
    webhooks,
)
from app.api.routes import metrics as metrics_routes
from app.catalog import load_catalog
from app.config import Settings, load_settings
from app.db.engine import make_engine, make_session_factory
from app.db.fastpath import Reader, frozen_heap, open_reader
from app.db.key_revocations import RevocationListener
from app.db.schema_version import is_up_to_date
from app.db.views import Views
from app.logs import configure_logging
from app.metrics import Metrics
from app.runtime import Runtime
from app.services.api_keys import ensure_bootstrap_admin
from app.services.clock import Clock, SystemClock
from app.services.key_cache import KeyCache
from app.workers import background_workers

log = logging.getLogger("seatkeeper")

DESCRIPTION = """\
Agent seat licensing for a multi-product help desk: how many agent seats each
account has per product, who holds them, and every way to buy or give them back.

Authenticate with `Authorization: Bearer <api key>`. Errors are RFC 9457
`application/problem+json` with a stable `code`.
"""

TAGS = [
    {"name": "accounts", "description": "Customer accounts and their purchase settings."},
    {"name": "subscription", "description": "Seats, capacity and usage per product."},
    {
        "name": "agents",
        "description": "Agents hold paid seats, light agents their products free, end users "
        "nothing.",
    },
    {"name": "seat changes", "description": "Buying and removing seats on the subscription page."},
    {"name": "sales requests", "description": "Requests to the sales rep, and the reps' queue."},
    {"name": "temporary seats", "description": "Extra capacity between two dates."},
    {"name": "api keys", "description": "Keys for the platform and for each account."},
    {"name": "catalog", "description": "Products, add-ons and suites."},
    {"name": "events", "description": "The audit trail."},
    {
        "name": "notifications",
        "description": "What the account owner, or the account's sales rep, is told.",
    },
    {"name": "webhooks", "description": "Signed deliveries of events to other services."},
    {"name": "operations", "description": "Health and readiness."},
]


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Retry safely: the same key and body within 24 h answer the first answer "
    "again (with `Idempotent-Replayed: true`); another body is 422 `idempotency_key_reused`. "
    "Honoured for an authenticated caller only. The change and its stored answer commit "
    "together: a retry while the first request runs waits for it and replays its answer, and "
    "after a failure (5xx, crash, database outage) a retry runs afresh. Secrets minted by the "
    "first request are not stored, so a replay answers them as null.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
}


IN_USE = "A request with the same Idempotency-Key is still running (`idempotency_key_in_use`)."
AMBIGUOUS = "More than one Authorization header (`ambiguous_credentials`)."
NOT_JSON = "The body's Content-Type is not JSON (`unsupported_media_type`)."


# Headers the middleware puts on answers, declared once and referenced.
HEADERS: dict[str, dict[str, Any]] = {
    "X-Request-ID": {
        "description": "The request's id (the caller's own `X-Request-ID` when it is safe, "
        "else a new one): quote it when asking about a request; the logs carry it.",
        "required": True,
        "schema": {"type": "string"},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same `Idempotency-Key`, not a new change.",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    },
}


def _header_ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/headers/{name}"}


def _declare_headers(spec: dict[str, Any]) -> None:
    """X-Request-ID on every answer (RequestContextMiddleware), Idempotent-Replayed
    on what IdempotencyMiddleware may replay (any answer below 500 to a change it
    covers), Retry-After on 503."""
    spec.setdefault("components", {})["headers"] = HEADERS
    for route, path in spec["paths"].items():
        for method, operation in path.items():
            replayable = method in ("post", "patch", "delete") and route not in OWN_TRANSACTIONS
            responses = operation.get("responses", {})
            for status, shared in responses.items():
                # A copy: some answers are one dict shared by many operations (412).
                headers = {**shared.get("headers", {})}
                responses[status] = {**shared, "headers": headers}
                headers["X-Request-ID"] = _header_ref("X-Request-ID")
                if replayable and status < "500":
                    headers["Idempotent-Replayed"] = _header_ref("Idempotent-Replayed")
                if status == "503":
                    headers["Retry-After"] = _header_ref("Retry-After")


def _optional_body_without_null(body: dict[str, Any]) -> None:
    """An optional body (`FulfilIn | None = None`) is left out, not sent as null:
    say it as the model alone. FastAPI writes anyOf [model, null], from which a
    generated client sends its "unset" marker as the JSON body."""
    if body.get("required"):
        return
    for media in body.get("content", {}).values():
        branches = media.get("schema", {}).get("anyOf", [])
        rest = [branch for branch in branches if branch != {"type": "null"}]
        if len(branches) == 2 and len(rest) == 1:
            media["schema"] = rest[0]


def _problem_response(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {PROBLEM_JSON: {"schema": schema}}}


class DatabaseNotMigrated(RuntimeError):
    pass


@asynccontextmanager
async def hearing_revocations(
    engine: AsyncEngine, keys: KeyCache, settings: Settings
) -> AsyncIterator[None]:
    """On PostgreSQL, a task that tells the key cache of every revocation
    (not through PgBouncer, where nobody listens: keys are then kept briefly)."""
    if not settings.listens_for_notifications():
        yield
        return
    stop = asyncio.Event()
    listener = RevocationListener(
        engine, keys.forget, keys.listening, name=f"{settings.db_application_name}-keys"
    )
    task = asyncio.create_task(listener.run(stop))
    try:
        yield
    finally:
        stop.set()
        await task


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or load_settings()
    clock = clock or SystemClock()
    configure_logging(settings.log_level)
    metrics = Metrics() if settings.metrics else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        budget = settings.connection_budget()
        if settings.db_pool_size is not None:
            log.warning(
                "SEATKEEPER_DB_POOL_SIZE is deprecated: set SEATKEEPER_DB_CONNECTIONS, the "
                "connections of the whole process (now %d)",
                budget.total,
            )
        engine = make_engine(
            settings.database_url,
            budget.writers,
            application_name=f"{settings.db_application_name}-writer",
        )
        reader: Reader | None = None
        try:
            if not await is_up_to_date(engine):
                raise DatabaseNotMigrated("the database is not migrated: run `seatkeeper migrate`")
            reader = await open_reader(
                engine, budget.readers, f"{settings.db_application_name}-reader"
            )
            runtime = Runtime(
                settings=settings,
                engine=engine,
                sessions=make_session_factory(engine),
                views=Views(reader),
                catalog=load_catalog(settings.catalog_file),
                clock=clock,
                keys=KeyCache(),
                metrics=metrics,
            )
            if settings.bootstrap_admin_key:
                created = await ensure_bootstrap_admin(
                    runtime.unit_of_work(), settings.bootstrap_admin_key, clock
                )
                if created:
                    log.info("bootstrap platform-admin key registered")
            app.state.runtime = runtime
            with frozen_heap():
                async with (
                    hearing_revocations(engine, runtime.keys, settings),
                    background_workers(runtime),
                ):
                    yield
        finally:
            if reader is not None:
                await reader.close()
            await engine.dispose()

    app = FastAPI(
        title="seatkeeper",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        # Metrics are Prometheus (app/metrics.py); FastAPI's own OpenTelemetry
        # hooks would look up an unconfigured tracer provider on every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
        docs_url=None,
        redoc_url=None,
    )
    install_problem_handlers(app)
    for router in (
        accounts.router,
        accounts.account,
        subscription.router,
        agents.router,
        activity.router,
        agent_syncs.router,
        seat_changes.router,
        temporary_seats.router,
        sales_requests.account,
        sales_requests.router,
        notifications.router,
        notifications.reps,
        webhooks.account,
        webhooks.platform,
        webhooks.event_types,
        api_keys.router,
        api_keys.account,
        catalog.router,
        events.router,
        health.router,
        metrics_routes.router,
        admin.router,
    ):
        app.include_router(router)
    install_docs(app)
    # Added last runs first: request ids and the body cap wrap idempotency,
    # which keeps the answers (their ETag included) that ConditionalMiddleware made.
    app.add_middleware(ConditionalMiddleware)
    app.add_middleware(IdempotencyMiddleware)
    if settings.max_writes_in_flight:
        # Inside the request context: the latency histogram counts the wait.
        app.add_middleware(AdmissionMiddleware, limit=settings.max_writes_in_flight)
    app.add_middleware(RequestContextMiddleware, metrics=metrics)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's spec, with error answers documented only as problem+json, and
    parameters that are absent or a string, never null."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        # Relative: the paths are served where this document is.
        servers=[{"url": "/", "description": "The server that serves this document."}],
    )

    def without_null(schema: dict[str, Any]) -> dict[str, Any]:
        # FastAPI writes an optional parameter as anyOf [..., null]; on the wire a
        # parameter is left out, and a header or query string "null" is no null.
        branches = schema.get("anyOf")
        if not isinstance(branches, list) or {"type": "null"} not in branches:
            return schema
        rest = [branch for branch in branches if branch != {"type": "null"}]
        outer = {key: value for key, value in schema.items() if key != "anyOf"}
        return {**rest[0], **outer} if len(rest) == 1 else {**outer, "anyOf": rest}

    for path in spec["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                parameter["schema"] = without_null(parameter.get("schema", {}))
            if operation.get("security"):  # the key is looked up in the database
                operation["responses"].setdefault(
                    "503",
                    _problem_response("The database is unreachable (`database_unavailable`)."),
                )
                # RequestContextMiddleware refuses these for every route.
                operation["responses"].setdefault("400", _problem_response(AMBIGUOUS))
            if "requestBody" in operation:
                operation["responses"].setdefault("415", _problem_response(NOT_JSON))
                _optional_body_without_null(operation["requestBody"])
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status >= "400" and PROBLEM_JSON in content:
                    content.pop("application/json", None)
    for route, path in spec["paths"].items():
        for method in ("post", "patch", "delete"):  # as app/api/idempotency.py covers them
            if method in path and route not in OWN_TRANSACTIONS:
                path[method].setdefault("parameters", []).append(IDEMPOTENCY_KEY)
                path[method]["responses"].setdefault("409", _problem_response(IN_USE))
    spec["webhooks"] = webhooks_section(spec.setdefault("components", {}))
    document_conditions(
        spec, _problem_response("The If-Match version is stale (`precondition_failed`).")
    )
    _declare_headers(spec)
    schemas = spec.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    app.openapi_schema = spec
    return spec
