"""Engines for the two supported databases."""

from __future__ import annotations

from typing import Any

import pydantic_core
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(url: str, pool_size: int = 10) -> AsyncEngine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    # A fixed-size pool: opening connections under load costs more than waiting for one.
    # pool_pre_ping: a restart or failover of PostgreSQL leaves every idle pooled
    # connection dead, and without a ping each would fail the next request that
    # checks it out (a 503 per stale connection after the database is back). The
    # ping, one round trip per checkout, replaces a dead connection transparently.
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=0,
        pool_recycle=1800,
        pool_pre_ping=True,
        json_serializer=to_json,
    )


def to_json(value: Any) -> str:
    """JSON columns through pydantic-core's encoder: a quarter of json.dumps's
    time on the small payloads a downgrade writes one of per agent (10,000 event
    payloads: ~23 ms -> ~5 ms). Readers parse the text, so the compact form
    (no spaces, UTF-8 rather than \\u escapes) changes nothing they see."""
    return pydantic_core.to_json(value).decode()


def _sqlite_engine(url: str) -> AsyncEngine:
    engine = create_async_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, json_serializer=to_json
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock up front: two deferred transactions that both read
        # and then write would otherwise deadlock, and one would fail with BUSY.
        # Read-only units of work (autocommit) need no transaction at all.
        if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_session_factory(
    engine: AsyncEngine, *, read_only: bool = False
) -> async_sessionmaker[AsyncSession]:
    """Sessions for units of work; `read_only` ones run in autocommit, which
    spares a use case that only reads the BEGIN and ROLLBACK round trips (each
    of its statements still reads one consistent snapshot)."""
    bind = engine.execution_options(isolation_level="AUTOCOMMIT") if read_only else engine
    return async_sessionmaker(bind, expire_on_commit=False, autoflush=False)
