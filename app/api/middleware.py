"""Plain ASGI middleware: request ids, the access log, and the body size cap.

Written against ASGI directly because Starlette's BaseHTTPMiddleware costs a
task and a stream copy per request on the hot path.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

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
            declared = _content_length(scope)
            if declared is not None and declared > MAX_BODY_BYTES:
                await _too_large(scope, receive, send_with_id)
                return
            try:
                await self.app(scope, _capped(receive), send_with_id)
            except BodyTooLarge:
                if not response_started:
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


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _capped(receive: Receive) -> Receive:
    """Refuse a body that grows past the cap even without a Content-Length."""
    received = 0

    async def wrapped() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > MAX_BODY_BYTES:
                raise BodyTooLarge
        return message

    return wrapped


async def _too_large(scope: Scope, receive: Receive, send: Any) -> None:
    response = problem_response(
        413,
        "payload_too_large",
        "Payload too large",
        f"The request body exceeds {MAX_BODY_BYTES} bytes.",
    )
    await response(scope, receive, send)
