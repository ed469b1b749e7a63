"""Is the database at the schema this code was written for? Asked at start-up.

The answer needs only the newest revisions' ids, so they are read from the
migration scripts as text (each declares `revision` and `down_revision` on a
line of its own, as Alembic writes them) rather than by loading Alembic and
every script: those would stay in each worker's memory for the life of the
process. `seatkeeper migrate` still runs Alembic; a test fails if what is read
here and Alembic's heads ever differ.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

# Where Alembic records the revisions a database is at (its default name).
VERSION_TABLE = "alembic_version"

_DECLARED = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def head_revisions(versions: Path | None = None) -> set[str]:
    """The revisions no other revises, from the scripts in migrations/versions."""
    revised: set[str] = set()
    revisions: set[str] = set()
    for script in (versions or _versions_dir()).glob("*.py"):
        for name, value in _DECLARED.findall(script.read_text(encoding="utf-8")):
            ids = ast.literal_eval(value)  # a string, a tuple of them (a merge), or None
            ids = {ids} if isinstance(ids, str) else set(ids or ())
            (revisions if name == "revision" else revised).update(ids)
    return revisions - revised


async def is_up_to_date(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        current = await connection.run_sync(_current_revisions)
    return current == head_revisions()


def migrations_dir() -> Path:
    """The Alembic scripts: `migrations/` in the repository, shipped in the wheel
    as the `app.migrations` package (setup.py maps one to the other)."""
    # Located, not imported: the server never loads a migration.
    spec = importlib.util.find_spec("app.migrations")
    assert spec is not None and spec.submodule_search_locations, "app.migrations is not installed"
    return Path(next(iter(spec.submodule_search_locations)))


def _versions_dir() -> Path:
    return migrations_dir() / "versions"


def _current_revisions(connection: Connection) -> set[str]:
    if not inspect(connection).has_table(VERSION_TABLE):
        return set()  # never migrated
    return set(connection.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")))
