"""Alembic environment: runs every migration on the service's own async engine."""

from __future__ import annotations

import asyncio
from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from app.config import load_settings
from app.db.engine import make_engine
from app.db.models import Base
from app.db.types import UTCDateTime

config = context.config
target_metadata = Base.metadata


def _database_url() -> str:
    url = config.attributes.get("database_url")
    return str(url) if url else load_settings().database_url


def _render_item(kind: str, item: object, _autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations stay free of app imports: UTCDateTime is a plain aware DateTime.
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds a table to alter it (copy, drop, rename). With
        # foreign keys enforced, dropping the old `accounts` or `agents` would
        # cascade and delete every row that refers to it. Off for the run (it
        # can only change outside a transaction), checked once at the end.
        _pragma(connection, "PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()
    if sqlite:
        broken = _pragma(connection, "PRAGMA foreign_key_check")
        _pragma(connection, "PRAGMA foreign_keys=ON")
        if broken:
            raise RuntimeError(f"the migration left rows that break a foreign key: {broken[:5]}")


def _pragma(connection: Connection, statement: str) -> list[tuple[object, ...]]:
    """Run a PRAGMA on the driver's connection, outside SQLAlchemy's transaction."""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


async def _run_online() -> None:
    engine = make_engine(_database_url(), pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
