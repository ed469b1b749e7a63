"""Core statements sent to asyncpg itself, in the session's transaction.

Through SQLAlchemy each statement pays for its result objects and the ORM's
bookkeeping; on the hot paths that was most of a request's CPU. A statement
here is written once, in SQLAlchemy Core, and compiled once per dialect; its
parameters still go through SQLAlchemy's own bind processing (UTCDateTime
refuses naive datetimes), so the driver receives what SQLAlchemy would send.
The rules are in app/db/fastpath/__init__.py.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, cast

import asyncpg
from sqlalchemy import CursorResult, Executable, Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.compiler import SQLCompiler

from app.db.engine import on_postgresql

# Errors that mean the connection, not the statement, failed. (asyncpg raises
# InternalClientError when a backend was terminated while the connection idled.)
BROKEN = (
    OSError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.InternalClientError,
)
FAILED = (*BROKEN, asyncpg.PostgresError)
BATCH = 1_000  # rows per executemany where there is no COPY


class DriverError(Exception):
    """A statement failed in the driver; the cause is the driver's error. (The
    HTTP layer answers from the cause: 503 when the database is unreachable,
    422 for text it cannot store, else 500.)"""

    @classmethod
    def of(cls, exc: BaseException) -> DriverError:
        kind = DatabaseUnreachable if isinstance(exc, BROKEN) else DriverError
        return kind(f"{type(exc).__name__}: {exc}")


class DatabaseUnreachable(DriverError):
    """The connection, not the statement, failed (some of asyncpg's errors for
    that carry no SQLSTATE to tell by)."""


@dataclass(frozen=True, slots=True)
class Compiled:
    sql: str
    names: tuple[str, ...]
    processors: tuple[Callable[[Any], Any] | None, ...]

    def arguments(self, params: Mapping[str, object]) -> list[object]:
        return [
            process(params[name]) if process else params[name]
            for name, process in zip(self.names, self.processors, strict=True)
        ]


# Statements are module constants, so their identity is a stable key (each
# entry keeps its statement, so an id cannot be reused while cached).
_compiled: dict[tuple[int, str], tuple[Executable, Compiled]] = {}


def compiled(statement: Executable, dialect: Dialect) -> Compiled:
    key = (id(statement), dialect.name)
    entry = _compiled.get(key)
    if entry is None:
        sql = cast(SQLCompiler, statement.compile(dialect=dialect))  # type: ignore[attr-defined]
        names = tuple(sql.positiontup or ())
        processors = tuple(
            sql.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
        )
        entry = (statement, Compiled(str(sql), names, processors))
        _compiled[key] = entry
    return entry[1]


async def execute(session: AsyncSession, statement: Executable, params: Mapping[str, Any]) -> int:
    """Run `statement` in the session's transaction; answers the rows it touched."""
    driver = await _driver(session)
    if driver is None:
        result = await session.execute(statement, params)
        return cast(CursorResult[Any], result).rowcount
    sql = compiled(statement, session.get_bind().dialect)
    try:
        status: str = await driver.execute(sql.sql, *sql.arguments(params))
    except FAILED as exc:
        raise DriverError.of(exc) from exc
    return int(status.rsplit(" ", 1)[-1])


async def fetch(
    session: AsyncSession, statement: Executable, params: Mapping[str, Any]
) -> Sequence[Sequence[Any]]:
    """Run a query in the session's transaction; answers its rows as tuples
    (the driver's records on PostgreSQL: no result object per row, which on
    a downgrade's holders is most of the time and memory of reading them)."""
    driver = await _driver(session)
    if driver is None:
        return (await session.execute(statement, params)).all()
    sql = compiled(statement, session.get_bind().dialect)
    try:
        rows: list[asyncpg.Record] = await driver.fetch(sql.sql, *sql.arguments(params))
    except FAILED as exc:
        raise DriverError.of(exc) from exc
    return rows


async def execute_many(
    session: AsyncSession, statement: Executable, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Run `statement` once per row, in the session's transaction."""
    if not rows:
        return
    driver = await _driver(session)
    if driver is None:
        await session.execute(statement, list(rows))
        return
    sql = compiled(statement, session.get_bind().dialect)
    try:
        await driver.executemany(sql.sql, [sql.arguments(row) for row in rows])
    except FAILED as exc:
        raise DriverError.of(exc) from exc


async def copy_rows(session: AsyncSession, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert `rows` (each with the same keys) into `table`, in their order, in
    the session's transaction, taking them from the iterable as they are sent.

    On PostgreSQL one binary COPY: the server takes each row without parsing a
    statement or a document, and it stores the rows already sent while the
    next ones are still being made here (the driver sends every 512 kB), so
    on two cores the two halves of the work overlap (batches of INSERTs
    wait for each other). Each value still goes through
    its column's bind processing, as SQLAlchemy would send it. Elsewhere,
    executemany a thousand rows at a time: what a batch allocates stays in the
    worker.
    """
    it = iter(rows)
    driver = await _driver(session)
    if driver is None:
        while batch := list(islice(it, BATCH)):
            await session.execute(insert(table), batch)
        return
    first = next(it, None)
    if first is None:
        return
    dialect = session.get_bind().dialect
    names = list(first)
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    records = (
        [
            process(row[name]) if process else row[name]
            for name, process in zip(names, processors, strict=True)
        ]
        for row in chain([first], it)
    )
    try:
        await driver.copy_records_to_table(table.name, columns=names, records=records)
    except FAILED as exc:
        raise DriverError.of(exc) from exc


async def _driver(session: AsyncSession) -> asyncpg.Connection | None:
    """The asyncpg connection of the session's current transaction, if it has
    begun on PostgreSQL; else None (run through the session)."""
    if not on_postgresql(session):
        return None
    transaction = session.sync_session.get_transaction()
    if transaction is None:
        return None
    # Remembered per transaction: after a commit the session may hold another
    # connection, and this one may serve someone else's transaction. The
    # transaction is held weakly: it holds the session, and a cycle through
    # the session's info kept every session (and all its transaction reached)
    # alive until a full garbage collection.
    known = session.info.get("driver")
    if known is not None and known[0]() is transaction:
        return cast(asyncpg.Connection, known[1])
    connection = await session.connection()
    driver = (await connection.get_raw_connection()).driver_connection
    if driver is None or not driver.is_in_transaction():
        return None  # SQLAlchemy has not sent BEGIN yet: let it run this one
    session.info["driver"] = (weakref.ref(transaction), driver)
    return cast(asyncpg.Connection, driver)
