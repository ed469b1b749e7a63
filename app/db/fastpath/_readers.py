"""How a read reaches the database without a session.

The reads on every request (an API key by its hash, an account with its lines)
are Core statements written once, in the repositories. A session runs them with
an ORM transaction around them, which costs more than the query itself. So a
reader compiles each statement once (as _driver.py does) and sends it to the
driver itself: on PostgreSQL to an asyncpg pool of its own; on SQLite to a
sqlite3 connection of its own, in a thread, one hop per statement (aiosqlite
made several hops per statement, and its queue and wake-ups cost more than
reading a row by its key).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

import asyncpg
from sqlalchemy import Executable
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.compiler import SQLCompiler

if TYPE_CHECKING:
    import sqlite3

from app.db.engine import (
    SQLITE_BUSY_TIMEOUT_MS,
    driver_dsn,
    on_postgresql,
    pooled_by_pgbouncer,
)
from app.db.fastpath._driver import (
    BROKEN,
    FAILED,
    Compiled,
    DatabaseUnreachable,
    DriverError,
    compiled,
)


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


@dataclass(frozen=True, slots=True)
class _Columns:
    """A query's result columns: names, and what SQLAlchemy would make of each
    value (text to an aware datetime, 0/1 to a bool); None where nothing."""

    names: tuple[str, ...]
    processors: tuple[Callable[[Any], Any] | None, ...]


_columns: dict[int, tuple[Executable, _Columns]] = {}  # keyed as _driver's cache


def _result_columns(statement: Executable, dialect: Dialect) -> _Columns:
    entry = _columns.get(id(statement))
    if entry is None:
        sql = cast(SQLCompiler, statement.compile(dialect=dialect))  # type: ignore[attr-defined]
        columns = sql._result_columns
        entry = (
            statement,
            _Columns(
                tuple(column.keyname for column in columns),
                tuple(column.type._cached_result_processor(dialect, None) for column in columns),
            ),
        )
        _columns[id(statement)] = entry
    return entry[1]


class EngineReader:
    """Statements through SQLAlchemy, outside any transaction."""

    round_trips = False  # SQLite runs in the process
    batched = False

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def rows(self, statement: Executable, **params: object) -> Sequence[Row]:
        async with self._engine.connect() as connection:
            return (await connection.execute(statement, params)).mappings().all()

    def connections(self) -> tuple[int, int]:
        # Only a queue pool counts its connections; SQLite's has none to count.
        pool = self._engine.pool
        idle = int(getattr(pool, "checkedin", lambda: 0)())
        return idle + int(getattr(pool, "checkedout", lambda: 0)()), idle

    async def close(self) -> None:
        return None  # the engine is the caller's


class SQLiteReader:
    """Statements compiled once for the sqlite3 module, each run on a
    connection of the reader's own in a thread: one hop per statement.

    The connections are read-only (`query_only`) and in autocommit, so each
    SELECT sees the last commit, and under WAL a read never waits for a
    writer, nor a writer for it. They are apart from the writers' pool: an
    idempotent request holds the write lock from its claim on and may still
    read (its key, its account) here; from the writers' pool it could wait
    for a connection held by another writer itself waiting for the lock.
    """

    round_trips = False  # in the process: nothing to batch
    batched = False

    def __init__(self, path: str, dialect: Dialect, threads: int) -> None:
        self._path = path
        self._dialect = dialect
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._threads = ThreadPoolExecutor(threads, thread_name_prefix="sqlite-reader")
        self._reading = 0  # reads in flight, counted on the event loop

    async def rows(self, statement: Executable, **params: object) -> Sequence[Row]:
        sql = compiled(statement, self._dialect)
        columns = _result_columns(statement, self._dialect)
        args = sql.arguments(params)
        loop = asyncio.get_running_loop()
        self._reading += 1
        try:
            return await loop.run_in_executor(self._threads, self._read, sql, columns, args)
        finally:
            self._reading -= 1

    def _read(self, sql: Compiled, columns: _Columns, args: list[object]) -> list[Row]:
        import sqlite3  # here: a worker on PostgreSQL never loads it

        try:
            found = self._connection().execute(sql.sql, args).fetchall()
        except sqlite3.OperationalError as exc:  # locked past the timeout, or gone
            raise DatabaseUnreachable(f"{type(exc).__name__}: {exc}") from exc
        except sqlite3.Error as exc:
            raise DriverError(f"{type(exc).__name__}: {exc}") from exc
        names, processors = columns.names, columns.processors
        return [
            {
                name: process(value) if process is not None and value is not None else value
                for name, process, value in zip(names, processors, row, strict=True)
            }
            for row in found
        ]

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            import sqlite3

            # One per thread, used by that thread alone.
            connection = sqlite3.connect(
                self._path,
                timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            connection.execute("PRAGMA query_only=ON")
            with self._lock:
                self._opened.append(connection)
            self._local.connection = connection
        return connection

    def connections(self) -> tuple[int, int]:
        with self._lock:
            opened = len(self._opened)
        return opened, max(opened - self._reading, 0)

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self._threads.shutdown)
        with self._lock:
            for connection in self._opened:
                connection.close()
            self._opened.clear()


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
    database = engine.url.database
    assert database and database != ":memory:", "readers need the database in a file"
    # Two threads: on a machine of a few cores more only queue for the GIL.
    return SQLiteReader(database, engine.dialect, threads=min(pool_size, 2))
