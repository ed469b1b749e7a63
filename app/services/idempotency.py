"""Idempotency-Key semantics (docs/api.md, "Idempotency"), kept in the database so
they hold across processes and restarts.

The same key from the same API key with the same request within 24 h answers
the first answer again; with another request, 422. The claim, the change and
the stored answer are one transaction (app/api/idempotency.py), so a key is
either free or answered: a request that failed, crashed or lost its database
leaves nothing, and its retry runs afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.db.idempotency import IdempotencyRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.errors import Conflict, InvalidRequest
from app.services.clock import Clock

KEPT_FOR = timedelta(hours=24)
# Only answers stored by an older version can be "in progress": one this old
# belongs to a process that died mid-request, and the retry may take it over.
ABANDONED_AFTER = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Replay:
    status_code: int
    body: str
    content_type: str | None


async def claim(
    store: IdempotencyRepository, now: datetime, scope: str, key: str, fingerprint: str
) -> Replay | None:
    """Claim the key in the request's transaction (None: run the request), or
    answer what to do instead: a Replay of the first answer, or a Conflict /
    InvalidRequest raised.

    The claim is the transaction's first write: a concurrent request with the
    same key waits on the key's unique index until this transaction ends, then
    finds the stored answer (it committed) or claims the key itself (it rolled
    back)."""
    if await store.claim(scope, key, fingerprint, now):
        return None
    stored = await store.get(scope, key, lock=True)
    if stored is None or stored.created_at <= now - KEPT_FOR:
        # Expired (or purged since the claim): the key is free again.
        await store.restart(scope, key, fingerprint, now)
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
        await store.restart(scope, key, fingerprint, now)
        return None
    assert stored.status_code is not None
    return Replay(stored.status_code, stored.response_body or "", stored.content_type)


async def store_answer(
    store: IdempotencyRepository,
    now: datetime,
    scope: str,
    key: str,
    answer: Replay,
) -> None:
    """Keep the answer with the claim, in the same transaction as the change."""
    await store.complete(scope, key, answer.status_code, answer.body, answer.content_type, now)


async def purge_expired(new_uow: Callable[[], UnitOfWork], clock: Clock) -> int:
    async with new_uow() as uow:
        removed = await uow.idempotency.purge_before(clock.now() - KEPT_FOR)
        await uow.commit()
    return removed
