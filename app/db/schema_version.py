"""Is the database at the schema this code was written for? Asked at start-up.

The answer needs only the newest revision's id, so it is written down here
rather than found by loading Alembic and every migration script: those stayed
in each worker's memory for the life of the process (about 8 MB of a 120 MB
worker). `seatkeeper migrate` still runs Alembic; a test fails if this id and
Alembic's head ever differ.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

# The newest file in migrations/versions (2026_12_04_1800 counts_and_money_64_bit).
HEAD_REVISION = "b02f01327634"

# Where Alembic records the revisions a database is at (its default name).
VERSION_TABLE = "alembic_version"


async def is_up_to_date(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        current = await connection.run_sync(_current_revisions)
    return current == {HEAD_REVISION}


def _current_revisions(connection: Connection) -> set[str]:
    if not inspect(connection).has_table(VERSION_TABLE):
        return set()  # never migrated
    return set(connection.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")))
