"""Plain ASGI middleware: request ids, the access log, the body size cap, and
the admission limit.

Written against ASGI directly because Starlette's BaseHTTPMiddleware costs a
task and a stream copy per request on the hot path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import problem_response
from app.logs import request_id_var
from app.metrics import Metrics

MAX_BODY_BYTES = 1024 * 1024
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
access_log = logging.getLogger("seatkeeper.access")


class BodyTooLarge(Exception):
    pass


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics | None = None) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            refusal = _refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send_with_id)
                return
            received = 0
            overflowed = False

            async def capped() -> Message:
                # Count what arrives, chunked or not: a body that grows past the
                # cap stops the request here, before the route parses a byte.
                nonlocal received, overflowed
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > MAX_BODY_BYTES:
                        overflowed = True
                        raise BodyTooLarge
                return message

            async def send_unless_overflowed(message: Message) -> None:
                # The app may turn BodyTooLarge into an answer of its own (FastAPI
                # makes a body it could not read a 400, which reads as bad JSON):
                # that answer is dropped and the 413 below goes out instead.
                if not overflowed:
                    await send_with_id(message)

            with contextlib.suppress(BodyTooLarge):
                await self.app(scope, capped, send_unless_overflowed)
            if overflowed and not response_started:
                await _too_large(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            if self.metrics is not None:
                # The route template, never the raw path, so ids do not explode the labels.
                route = getattr(scope.get("route"), "path", "unmatched")
                self.metrics.requests.labels(route, scope["method"], status).inc()
                self.metrics.latency.labels(route, scope["method"]).observe(elapsed)
            if access_log.isEnabledFor(logging.INFO):
                access_log.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                    },
                )
            request_id_var.reset(token)


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _SAFE_REQUEST_ID.match(text) else None
    return None


# Reads skip the limit: they hold no transaction, and the reads of one turn
# of the loop go out as one query (app/db/fastpath/_batches.py), which a
# queue at the door would split.
UNQUEUED_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class AdmissionMiddleware:
    """At most `limit` requests that may change something (every method but
    GET, HEAD and OPTIONS) of a worker past this point; the others wait here,
    first come first served, before they read a key or take a connection.

    Why: one event loop interleaves every request it has accepted. With 64 in
    flight, a transaction that got its rows back waited behind the other
    requests' work before it could send its next statement, so each held its
    pool connection (and an add its account's row lock) for many turns of the
    loop; the other adds then waited for the pool or the lock, and the
    slowest waited seconds (docs/performance.md, "Mixed load"). Queued here
    instead, a change holds nothing while it waits. Guards nothing: every
    guard stays in the database, and replicas share no such limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self._admitted = asyncio.Semaphore(limit)  # FIFO: waiters are let in in order

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in UNQUEUED_METHODS:
            await self.app(scope, receive, send)
            return
        # The body is read before the door, not behind it: a client that sends
        # its body slowly (or never finishes) must not hold a place a ready
        # change could use. The body is capped (1 MiB) before it gets here.
        arrived = await _until_body_ends(receive)
        async with self._admitted:
            await self.app(scope, _replayed(arrived, receive), send)


async def _until_body_ends(receive: Receive) -> list[Message]:
    arrived: list[Message] = []
    while True:
        message = await receive()
        arrived.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return arrived


def _replayed(arrived: list[Message], receive: Receive) -> Receive:
    """What already arrived, in order, then whatever the client sends next."""
    pending = iter(arrived)

    async def replay() -> Message:
        message = next(pending, None)
        return message if message is not None else await receive()

    return replay


def _refusal(scope: Scope) -> ASGIApp | None:
    """What the request headers alone refuse, in one pass over them: a
    declared body over the cap, a body that is not JSON, two credentials."""
    length: int | None = None
    content_type: bytes | None = None
    chunked = False
    authorizations = 0
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                length = int(value)
            except ValueError:
                length = None
        elif name == b"content-type":
            content_type = value
        elif name == b"transfer-encoding":
            chunked = True
        elif name == b"authorization":
            authorizations += 1
    if authorizations > 1:
        # Which one would count? Auth and idempotency must never read different ones.
        return problem_response(
            400,
            "ambiguous_credentials",
            "Ambiguous credentials",
            "The request carries more than one Authorization header; send exactly one.",
        )
    if length is not None and length > MAX_BODY_BYTES:
        return _too_large
    has_body = chunked or (length is not None and length > 0)
    if has_body and content_type is not None and not _is_json(content_type):
        return problem_response(
            415,
            "unsupported_media_type",
            "Unsupported media type",
            "Request bodies are JSON: send Content-Type: application/json.",
        )
    return None


def _is_json(content_type: bytes) -> bool:
    media = content_type.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or (
        media.startswith(b"application/") and media.endswith(b"+json")
    )


async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
    response = problem_response(
        413,
        "payload_too_large",
        "Payload too large",
        f"The request body exceeds {MAX_BODY_BYTES} bytes.",
    )
    await response(scope, receive, send)
