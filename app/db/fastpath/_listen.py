"""A connection of its own that hears PostgreSQL's NOTIFY on one channel.

LISTEN holds a connection for as long as the process listens, and SQLAlchemy
has no API for notifications, so it is an asyncpg connection outside every
pool. It is not a transaction's: nothing is written on it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.engine import driver_dsn


@asynccontextmanager
async def listening(
    engine: AsyncEngine,
    channel: str,
    heard: Callable[[str], None],
    lost: Callable[[], None],
    *,
    name: str,
) -> AsyncIterator[Callable[[float], Awaitable[None]]]:
    """Call `heard(payload)` for each notification on `channel`, and `lost()`
    as soon as the connection drops, while the block runs. The block gets a
    check: `await check(timeout)` raises once the connection is gone (one that
    was cut without a FIN is found only by asking). Opening and the check raise
    the driver's own errors (`FAILED`)."""
    connection = await asyncpg.connect(
        driver_dsn(engine), server_settings={"application_name": name}
    )

    def on_notify(_connection: Any, _pid: int, _channel: str, payload: str) -> None:
        heard(payload)

    async def check(timeout: float) -> None:
        await connection.execute("SELECT 1", timeout=timeout)

    try:
        connection.add_termination_listener(lambda _: lost())
        await connection.add_listener(channel, on_notify)
        yield check
    finally:
        connection.terminate()
