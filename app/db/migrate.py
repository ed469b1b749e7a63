"""Alembic, driven from code so `seatkeeper migrate` works from any directory.

Only the `migrate` command and the tests import this; the server checks the
schema with `app.db.schema_version`, without Alembic."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from app.db.schema_version import migrations_dir

MIGRATIONS_DIR = migrations_dir()


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Passed as an attribute, not an option, so a '%' in a password needs no escaping.
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


def head_revisions() -> set[str]:
    """The heads of the migration scripts, as Alembic reads them."""
    return set(ScriptDirectory.from_config(alembic_config("")).get_heads())
