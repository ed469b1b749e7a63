"""The Idempotency-Key header on every POST, PATCH and DELETE, as plain ASGI
middleware so that it wraps each route the same way and sees the exact bytes
of each answer.

The rule: a key is honoured only for an authenticated caller, and its claim,
the change and the stored answer are ONE transaction, committed before the
answer is sent. The middleware opens a RequestTransaction, claims the key in
it, and runs the route with every unit of work bound to it (see get_uow); the
route's answer is held back, stored through the same transaction, committed,
and only then sent. So a key is never left "in progress": a crash, a 5xx or a
database outage rolls back the claim with the change, and a retry runs
afresh; a committed change always has its answer stored for the retry.

Requests without the header (or without valid credentials) never get here
past the first checks: they cost no round trip.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import (
    database_unavailable,
    database_unavailable_response,
    problem_response,
    status_of,
)
from app.db.engine import on_postgresql
from app.db.idempotency import IdempotencyRepository
from app.db.unit_of_work import RequestTransaction
from app.domain.errors import DomainError, Unauthenticated
from app.runtime import Runtime
from app.services import idempotency
from app.services.api_keys import authenticate

HEADER = b"idempotency-key"
MAX_KEY_LENGTH = 255
METHODS = frozenset({"POST", "PATCH", "DELETE"})
# Routes that commit many transactions of their own, each safe to repeat (so
# a retry does nothing twice anyway): one request transaction cannot hold
# them, and on SQLite it would hold the write lock they wait for. The key is
# ignored there, and the spec does not offer it.
OWN_TRANSACTIONS = frozenset({"/v1/admin/jobs/run"})
ACCOUNT_PATH = "/v1/accounts/"
MAX_ACCOUNT_ID = 40  # app/db/models.py's ID
_TRANSACTION = "seatkeeper.request_transaction"
_WITHHELD = "seatkeeper.withheld_from_replay"


def request_transaction(request: Request) -> RequestTransaction | None:
    """The transaction an idempotent request's units of work run in, if any."""
    state = request.scope.get("state")
    return state.get(_TRANSACTION) if state else None


def withhold_from_replay(request: Request, *fields: str) -> None:
    """Store these top-level fields of the JSON answer as null: a secret is
    sent once and never kept in clear, so a replay answers it as null."""
    request.scope.setdefault("state", {}).setdefault(_WITHHELD, set()).update(fields)


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # SQLite has one writer at a time: idempotent requests of this process
        # queue here, holding no pooled connection while they wait (one holding
        # the write lock may need another connection for its reads).
        self._sqlite_writer = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in METHODS
            or scope["path"] in OWN_TRANSACTIONS
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw_key = headers.get(HEADER)
        if raw_key is None:
            await self.app(scope, receive, send)
            return
        key = raw_key.decode("latin-1")
        if not 1 <= len(key) <= MAX_KEY_LENGTH:
            refused = _problem(
                422, "invalid_idempotency_key", "Idempotency-Key takes 1-255 characters."
            )
            await refused(scope, receive, send)
            return
        secret = _bearer(headers.get(b"authorization"))
        runtime: Runtime = scope["app"].state.runtime
        try:
            if secret is not None:
                await authenticate(runtime.views, secret, runtime.keys)
        except Unauthenticated:
            secret = None
        except Exception as exc:
            # Outside the routes, no exception handler answers for us: an outage
            # here must still be a 503, not a dropped connection.
            if not database_unavailable(exc):
                raise
            await database_unavailable_response(exc)(scope, receive, send)
            return
        if secret is None:
            # The route refuses it with 401; nothing is claimed or stored.
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)  # before any lock: a slow upload holds none
        if on_postgresql(runtime.engine):
            await self._idempotent(runtime, scope, receive, send, secret, key, body)
        else:
            async with self._sqlite_writer:
                await self._idempotent(runtime, scope, receive, send, secret, key, body)

    async def _idempotent(
        self,
        runtime: Runtime,
        scope: Scope,
        receive: Receive,
        send: Send,
        secret: str,
        key: str,
        body: bytes,
    ) -> None:
        # Scoped by the caller's credential hash: another API key's same key is another request.
        caller = hashlib.sha256(secret.encode()).hexdigest()
        parts = [scope["path"].encode(), scope.get("query_string", b""), body]
        if scope["method"] != "POST":  # POST keeps the fingerprint stored answers were made with
            parts.insert(0, scope["method"].encode())
        fingerprint = hashlib.sha256(b"\n".join(parts)).hexdigest()
        held: list[Message] = []

        async def hold(message: Message) -> None:
            held.append(message)

        answer: ASGIApp | None = None  # when not the held messages
        transaction = RequestTransaction(runtime.sessions())
        try:
            store = IdempotencyRepository(transaction.session, _named_account(scope["path"]))
            replay = await idempotency.claim(store, runtime.clock.now(), caller, key, fingerprint)
            if replay is not None:
                answer = _replay(replay)
            else:
                scope.setdefault("state", {})[_TRANSACTION] = transaction
                await self.app(scope, _replayed(body, receive), hold)
                status, content_type, sent = _read_answer(held)
                if status < 500:
                    stored = _withheld(sent, scope["state"].get(_WITHHELD))
                    await idempotency.store_answer(
                        store,
                        runtime.clock.now(),
                        caller,
                        key,
                        idempotency.Replay(status, stored, content_type),
                    )
                    await transaction.commit()
                # A 5xx keeps nothing: closing rolls back the claim with the rest.
        except DomainError as refusal:
            answer = _problem(status_of(refusal), refusal.code, refusal.detail)
        except Exception as exc:
            if not database_unavailable(exc):
                raise
            # Nothing committed: the retry runs afresh.
            answer = database_unavailable_response(exc)
        finally:
            await transaction.close()
        if answer is not None:
            await answer(scope, receive, send)
            return
        for message in held:
            await send(message)


def _named_account(path: str) -> str | None:
    """The account the path names, whose shard keeps the key with the change
    (None: none, or an id no account could have, which the route refuses)."""
    if not path.startswith(ACCOUNT_PATH):
        return None
    account_id = path[len(ACCOUNT_PATH) :].partition("/")[0]
    return account_id if 0 < len(account_id) <= MAX_ACCOUNT_ID else None


def _bearer(authorization: bytes | None) -> str | None:
    """The credentials of `Authorization: Bearer <key>`, as the route reads them."""
    if not authorization:
        return None
    scheme, _, credentials = authorization.decode("latin-1").partition(" ")
    credentials = credentials.strip()
    return credentials if scheme.lower() == "bearer" and credentials else None


def _read_answer(messages: list[Message]) -> tuple[int, str | None, str]:
    status, content_type, body = 500, None, bytearray()
    for message in messages:
        if message["type"] == "http.response.start":
            status = message["status"]
            for name, value in message.get("headers", []):
                if name == b"content-type":
                    content_type = value.decode("latin-1")
        elif message["type"] == "http.response.body":
            body += message.get("body", b"")
    return status, content_type, bytes(body).decode("utf-8", errors="replace")


def _withheld(body: str, fields: set[str] | None) -> str:
    if not fields:
        return body
    document: Any = json.loads(body)
    if isinstance(document, dict):
        for field in fields & document.keys():
            document[field] = None
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


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


def _replay(replay: idempotency.Replay) -> ASGIApp:
    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        body = replay.body.encode()
        headers = [
            (b"content-length", str(len(body)).encode()),
            (b"idempotent-replayed", b"true"),
        ]
        if replay.content_type:
            headers.append((b"content-type", replay.content_type.encode()))
        await send(
            {"type": "http.response.start", "status": replay.status_code, "headers": headers}
        )
        await send({"type": "http.response.body", "body": body})

    return answer


def _problem(status: int, code: str, detail: str) -> ASGIApp:
    title = code.replace("_", " ").capitalize()
    return problem_response(status, code, title, detail)
