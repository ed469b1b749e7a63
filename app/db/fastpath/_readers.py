"""How a read reaches the database without a session.

The reads on every request (an API key by its hash, an account with its lines)
are Core statements written once, in the repositories. A session runs them with
an ORM transaction around them, which costs more than the query itself: on
PostgreSQL a reader compiles each statement once (as _driver.py does) and sends
it straight to an asyncpg pool of its own; on SQLite, where there is no round
trip to save, it runs them on an autocommit connection of the engine.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any, Protocol, cast

import asyncpg
from sqlalchemy import Executable
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.engine import driver_dsn, make_engine, on_postgresql, pooled_by_pgbouncer
from app.db.fastpath._driver import BROKEN, FAILED, DriverError, compiled


class Row(Protocol):
    """A result row by column name: SQLAlchemy's RowMapping or asyncpg's Record."""

    def __getitem__(self, key: str, /) -> Any: ...


class Reader(Protocol):
    # Whether each query is a round trip to a server.
    round_trips: bool
    # Whether reads asked for together go as one query (_batches.py): where
    # there are round trips to save, but not on Citus, where the accounts of
    # a batch lie on many shards and one read each goes to its shard alone.
    batched: bool

    async def rows(self, statement: Executable, **params: object) -> Sequence[Row]: ...

    def connections(self) -> tuple[int, int]:
        """(open, idle) connections of its pool now, for /metrics."""
        ...

    async def close(self) -> None: ...


class EngineReader:
    """Statements through SQLAlchemy, outside any transaction."""

    round_trips = False  # SQLite runs in the process
    batched = False

    def __init__(self, engine: AsyncEngine, *, owned: bool = False) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._owned = engine if owned else None

    async def rows(self, statement: Executable, **params: object) -> Sequence[Row]:
        async with self._engine.connect() as connection:
            return (await connection.execute(statement, params)).mappings().all()

    def connections(self) -> tuple[int, int]:
        pool = self._engine.pool
        opened = int(getattr(pool, "checkedin", lambda: 0)()) + int(
            getattr(pool, "checkedout", lambda: 0)()
        )
        return opened, int(getattr(pool, "checkedin", lambda: 0)())

    async def close(self) -> None:
        if self._owned is not None:  # else the engine is the caller's
            await self._owned.dispose()


class PostgresReader:
    """Statements compiled once for asyncpg and run on its pool.

    Results keep the driver's types, which on PostgreSQL are the ones the
    column types produce (aware UTC datetimes, ints, strings), so one mapper
    serves both readers.
    """

    round_trips = True

    def __init__(self, pool: asyncpg.Pool, engine: AsyncEngine, *, batched: bool = True) -> None:
        self._pool = pool
        self._dialect = engine.dialect
        self.batched = batched

    @classmethod
    async def open(
        cls, engine: AsyncEngine, pool_size: int, application_name: str
    ) -> PostgresReader:
        # No reset query on release: a reader runs single SELECTs in autocommit,
        # which leave no session state behind, and the reset is a round trip.
        # Through PgBouncer no statement cache (app/db/engine.py says why).
        pool = await asyncpg.create_pool(
            driver_dsn(engine),
            min_size=0,
            max_size=pool_size,
            reset=_no_reset,
            server_settings={"application_name": application_name},
            **({"statement_cache_size": 0} if pooled_by_pgbouncer(engine) else {}),
        )
        citus = await pool.fetchval("SELECT 1 FROM pg_extension WHERE extname = 'citus'")
        return cls(pool, engine, batched=citus is None)

    def connections(self) -> tuple[int, int]:
        return self._pool.get_size(), self._pool.get_idle_size()

    async def rows(self, statement: Executable, **params: object) -> Sequence[Row]:
        sql = compiled(statement, self._dialect)
        args = sql.arguments(params)
        try:
            try:
                return await self._fetch(sql.sql, args)
            except BROKEN:
                # A read is safe to repeat, and a connection can die while it
                # idles in the pool (a restart, a terminated backend): one more
                # try, on another connection.
                return await self._fetch(sql.sql, args)
        except FAILED as exc:
            raise DriverError.of(exc) from exc

    async def _fetch(self, sql: str, args: list[object]) -> Sequence[Row]:
        async with self._pool.acquire() as connection:
            try:
                return cast(Sequence[Row], await connection.fetch(sql, *args))
            except BROKEN:
                # Never hand a broken connection back: releasing does not reset
                # it (see open), so it would fail the next read too. (A connection
                # the pool already saw close is detached, and refuses terminate.)
                with contextlib.suppress(asyncpg.InterfaceError):
                    connection.terminate()
                raise

    async def close(self) -> None:
        await self._pool.close()


async def _no_reset(_: asyncpg.Connection) -> None:
    return None


async def open_reader(
    engine: AsyncEngine, pool_size: int, application_name: str = "seatkeeper-reader"
) -> Reader:
    if on_postgresql(engine):
        return await PostgresReader.open(engine, pool_size, application_name)
    # Reads get connections of their own on SQLite too. An idempotent request
    # holds the write lock from its claim on, and may still read (its key,
    # its account) through this reader: from the writers' pool it could wait
    # for a connection held by another writer that is itself waiting for the
    # lock, and both would wait out the busy timeout. WAL lets these reads run
    # beside the writer.
    return EngineReader(make_engine(engine.url.render_as_string(hide_password=False)), owned=True)
