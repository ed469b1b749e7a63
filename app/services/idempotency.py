"""Idempotency-Key semantics (API.md, Conventions), kept in the database so
they hold across processes and restarts.

The same key from the same API key with the same request within 24 h answers
the first answer again; with another request, 422; while the first is still
running, 409. A request that failed with a server error releases its key, so a
retry runs it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from app.db.unit_of_work import UnitOfWork
from app.domain.errors import Conflict, InvalidRequest
from app.services.clock import Clock

KEPT_FOR = timedelta(hours=24)
# A key still "in progress" this long after it was claimed belongs to a process
# that died mid-request; the retry may take it over.
ABANDONED_AFTER = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Replay:
    status_code: int
    body: str
    content_type: str | None


async def begin(
    new_uow: Callable[[], UnitOfWork], clock: Clock, scope: str, key: str, fingerprint: str
) -> Replay | None:
    """Claim the key for this request, or answer what to do instead: a Replay
    of the first answer, or a Conflict / InvalidRequest raised."""
    now = clock.now()
    async with new_uow() as uow:
        if await uow.idempotency.claim(scope, key, fingerprint, now):
            await uow.commit()
            return None
        stored = await uow.idempotency.get(scope, key, lock=True)
        if stored is None or stored.created_at <= now - KEPT_FOR:
            await uow.idempotency.restart(scope, key, fingerprint, now)
            await uow.commit()
            return None
        if stored.fingerprint != fingerprint:
            raise InvalidRequest(
                "This Idempotency-Key was used with a different request.",
                code="idempotency_key_reused",
            )
        if not stored.completed:
            if stored.created_at > now - ABANDONED_AFTER:
                raise Conflict(
                    "A request with this Idempotency-Key is still running; retry shortly.",
                    code="idempotency_key_in_use",
                )
            await uow.idempotency.restart(scope, key, fingerprint, now)
            await uow.commit()
            return None
        assert stored.status_code is not None
        return Replay(stored.status_code, stored.response_body or "", stored.content_type)


async def finish(
    new_uow: Callable[[], UnitOfWork],
    clock: Clock,
    scope: str,
    key: str,
    status_code: int,
    body: str,
    content_type: str | None,
) -> None:
    async with new_uow() as uow:
        if status_code >= 500:
            await uow.idempotency.release(scope, key)
        else:
            await uow.idempotency.complete(scope, key, status_code, body, content_type, clock.now())
        await uow.commit()


async def release(new_uow: Callable[[], UnitOfWork], scope: str, key: str) -> None:
    async with new_uow() as uow:
        await uow.idempotency.release(scope, key)
        await uow.commit()


async def purge_expired(new_uow: Callable[[], UnitOfWork], clock: Clock) -> int:
    async with new_uow() as uow:
        removed = await uow.idempotency.purge_before(clock.now() - KEPT_FOR)
        await uow.commit()
    return removed
