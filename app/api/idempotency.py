"""The Idempotency-Key header on every POST, as plain ASGI middleware so that
it wraps each route the same way and sees the exact bytes of each answer."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import (
    database_unavailable,
    database_unavailable_response,
    problem_response,
    status_of,
)
from app.domain.errors import DomainError
from app.runtime import Runtime
from app.services import idempotency

log = logging.getLogger("seatkeeper.idempotency")

HEADER = b"idempotency-key"
MAX_KEY_LENGTH = 255


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        raw_key = headers.get(HEADER)
        authorization = headers.get(b"authorization")
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or raw_key is None
            or not authorization
        ):
            await self.app(scope, receive, send)
            return
        key = raw_key.decode("latin-1")
        if not 1 <= len(key) <= MAX_KEY_LENGTH:
            await _problem(
                scope,
                receive,
                send,
                422,
                "invalid_idempotency_key",
                "Idempotency-Key takes 1-255 characters.",
            )
            return
        body = await _read_body(receive)
        # Scoped by the caller's credential hash: another API key's same key is another request.
        caller = hashlib.sha256(authorization.split(b" ", 1)[-1].strip()).hexdigest()
        fingerprint = hashlib.sha256(
            b"\n".join([scope["path"].encode(), scope.get("query_string", b""), body])
        ).hexdigest()
        runtime: Runtime = scope["app"].state.runtime
        try:
            replay = await idempotency.begin(
                runtime.unit_of_work, runtime.clock, caller, key, fingerprint
            )
        except DomainError as refusal:
            await _problem(scope, receive, send, status_of(refusal), refusal.code, refusal.detail)
            return
        except Exception as exc:
            # Outside the routes, no exception handler answers for us: an outage
            # here must still be a 503, not a dropped connection.
            if not database_unavailable(exc):
                raise
            await database_unavailable_response(exc)(scope, receive, send)
            return
        if replay is not None:
            await _send_replay(send, replay)
            return

        captured: dict[str, Any] = {"status": 500, "content_type": None, "body": bytearray()}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                for name, value in message.get("headers", []):
                    if name == b"content-type":
                        captured["content_type"] = value.decode("latin-1")
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, _replayed(body, receive), capture)
        except BaseException:
            with contextlib.suppress(Exception):  # the original error matters more
                await idempotency.release(runtime.unit_of_work, caller, key)
            raise
        try:
            await idempotency.finish(
                runtime.unit_of_work,
                runtime.clock,
                caller,
                key,
                captured["status"],
                bytes(captured["body"]).decode("utf-8", errors="replace"),
                captured["content_type"],
            )
        except Exception:
            # The answer is already sent. The key stays claimed, and a retry gets
            # 409 idempotency_key_in_use until the claim counts as abandoned.
            log.warning("could not store the answer for an Idempotency-Key", exc_info=True)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replayed(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _send_replay(send: Send, replay: idempotency.Replay) -> None:
    body = replay.body.encode()
    headers = [
        (b"content-length", str(len(body)).encode()),
        (b"idempotent-replayed", b"true"),
    ]
    if replay.content_type:
        headers.append((b"content-type", replay.content_type.encode()))
    await send({"type": "http.response.start", "status": replay.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _problem(
    scope: Scope, receive: Receive, send: Send, status: int, code: str, detail: str
) -> None:
    title = code.replace("_", " ").capitalize()
    await problem_response(status, code, title, detail)(scope, receive, send)
