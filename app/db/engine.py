"""Engines for the two supported databases."""

from __future__ import annotations

from typing import Any

import pydantic_core
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

from app.config import PGBOUNCER_PARAMETER, behind_pgbouncer

SQLITE_BUSY_TIMEOUT_MS = 30_000


def make_engine(
    url: str, pool_size: int = 10, *, application_name: str | None = None
) -> AsyncEngine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    connect_args: dict[str, Any] = {}
    if application_name is not None:
        connect_args["server_settings"] = {"application_name": application_name}
    if behind_pgbouncer(url):
        connect_args.update(PGBOUNCER_CONNECT_ARGS)
    # A fixed-size pool: opening connections under load costs more than waiting for one.
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=0,
        pool_recycle=1800,
        json_serializer=to_json,
        connect_args=connect_args,
    )

    @event.listens_for(engine.sync_engine, "do_connect")
    def _without_our_parameter(_dialect: Any, _record: Any, _args: Any, params: Any) -> None:
        # The URL's own flag (behind_pgbouncer) is ours, not the driver's.
        params.pop(PGBOUNCER_PARAMETER, None)

    @event.listens_for(engine.sync_engine, "checkout")
    def _replace_closed(_dbapi: Any, record: Any, _proxy: Any) -> None:
        # A restart or failover of PostgreSQL closes every idle pooled
        # connection, and each would fail the next request that checks it out.
        # The driver sees the socket close while the connection idles, so asking
        # it replaces a dead connection without the round trip a pre-ping costs
        # on every checkout. (DisconnectionError makes the pool try another.)
        if record.driver_connection.is_closed():
            raise DisconnectionError("the pooled connection was closed by the server")

    return engine


# Through PgBouncer's transaction pooling, each transaction (and each
# statement outside one) may run on another server connection, where a named
# prepared statement may be missing, or be another client's of the same name.
# So no statement cache, asyncpg's or SQLAlchemy's, and the statements
# SQLAlchemy prepares are unnamed (""): with its cache off asyncpg sends an
# unnamed statement's Parse again with its Bind and Execute, in one message
# sequence PgBouncer keeps on one server connection, and a new one replaces
# it on the server, so none is left behind there.
PGBOUNCER_CONNECT_ARGS: dict[str, Any] = {
    "statement_cache_size": 0,
    "prepared_statement_cache_size": 0,
    "prepared_statement_name_func": lambda: "",
}


def on_postgresql(bind: AsyncSession | AsyncEngine) -> bool:
    """Whether the engine (or the session's) is PostgreSQL, else the embedded SQLite."""
    engine = bind.get_bind() if isinstance(bind, AsyncSession) else bind
    return engine.dialect.name == "postgresql"


def driver_dsn(engine: AsyncEngine) -> str:
    """The engine's URL as asyncpg itself takes it, for connections of our own."""
    url = engine.url.set(drivername="postgresql").difference_update_query([PGBOUNCER_PARAMETER])
    return url.render_as_string(hide_password=False)


def pooled_by_pgbouncer(engine: AsyncEngine) -> bool:
    """Whether the engine reaches PostgreSQL through PgBouncer's transaction pooling."""
    return behind_pgbouncer(engine.url.render_as_string(hide_password=False))


def to_json(value: Any) -> str:
    """JSON columns through pydantic-core's encoder: much faster than json.dumps
    on the small payloads a downgrade writes one of per agent. Readers parse
    the text, so the compact form
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


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for units of work (reads that change nothing use app/db/views.py)."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
