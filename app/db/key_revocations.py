"""Key revocations announced to every process, through PostgreSQL's
LISTEN/NOTIFY, so that a key cache can keep keys for minutes and still forget
a revoked key at once in every process and replica.

The notification is sent by the revoking transaction (`notify_revoked`) and
delivered only if it commits. While a process is not listening (starting,
or its listening connection lost) it has missed what was announced, so it
tells the cache to forget everything and to keep keys only briefly until it
listens again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.db.engine import on_postgresql
from app.db.fastpath import FAILED, listening

CHANNEL = "seatkeeper_key_revoked"
HEALTH_CHECK_SECONDS = 10.0  # a connection cut without a FIN is found this fast
RECONNECT_SECONDS = 1.0

log = logging.getLogger("seatkeeper.keys")


async def notify_revoked(session: AsyncSession, key_id: str) -> None:
    """Announce the revocation when the session's transaction commits."""
    if on_postgresql(session):
        await session.execute(select(func.pg_notify(CHANNEL, key_id)))


class RevocationListener:
    """Calls `on_revoked(key_id)` for each revocation announced anywhere, and
    `on_listening(bool)` when it starts or stops hearing them."""

    def __init__(
        self,
        engine: AsyncEngine,
        on_revoked: Callable[[str], None],
        on_listening: Callable[[bool], None],
        *,
        name: str = "seatkeeper-keys",
    ) -> None:
        self._engine = engine
        self._name = name
        self._on_revoked = on_revoked
        self._on_listening = on_listening

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self._listen(stop)
            except (*FAILED, TimeoutError) as exc:
                log.warning("not listening for key revocations: %s", type(exc).__name__)
            finally:
                self._on_listening(False)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), RECONNECT_SECONDS)

    async def _listen(self, stop: asyncio.Event) -> None:
        # Deaf from the moment the connection drops, not from the next check.
        async with listening(
            self._engine,
            CHANNEL,
            self._on_revoked,
            lambda: self._on_listening(False),
            name=self._name,
        ) as check:
            self._on_listening(True)
            while not stop.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), HEALTH_CHECK_SECONDS)
                if not stop.is_set():  # raises when the connection is gone
                    await check(HEALTH_CHECK_SECONDS / 2)
