"""Alembic builds every schema, both ways, and matches the models; the server
starts only on a database at Alembic's head."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.config import Settings
from app.db import migrate
from app.db.engine import make_engine
from app.db.models import Base
from app.db.schema_version import VERSION_TABLE, head_revisions
from app.main import DatabaseNotMigrated, create_app


def _tables(url: str) -> set[str]:
    async def read() -> set[str]:
        engine = make_engine(url, pool_size=1)
        try:
            async with engine.connect() as connection:
                names = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        finally:
            await engine.dispose()
        return names - {"alembic_version"}

    return asyncio.run(read())


def _differences(url: str) -> list[object]:
    async def compare() -> list[object]:
        engine = make_engine(url, pool_size=1)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(
                    lambda c: compare_metadata(
                        MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata
                    )
                )
        finally:
            await engine.dispose()

    return asyncio.run(compare())


def test_migrations_go_down_to_base_and_up_to_head_again(database_url: str) -> None:
    expected = set(Base.metadata.tables)
    assert _tables(database_url) == expected

    migrate.downgrade(database_url, "base")
    assert _tables(database_url) == set()

    migrate.upgrade(database_url, "head")
    assert _tables(database_url) == expected


def test_the_migrated_schema_matches_the_models(database_url: str) -> None:
    assert _differences(database_url) == []


def test_the_revision_the_server_expects_is_alembics_head() -> None:
    assert migrate.head_revisions() == head_revisions(), (
        "app/db/schema_version.py reads the migration scripts' heads differently from Alembic: "
        f"{sorted(head_revisions())} against {sorted(migrate.head_revisions())}"
    )


def _starts(url: str) -> bool:
    async def start() -> None:
        app = create_app(Settings(database_url=url, dispatcher=False, jobs_interval=0))
        async with app.router.lifespan_context(app):
            pass

    try:
        asyncio.run(start())
    except DatabaseNotMigrated:
        return False
    return True


def _claim_revision(url: str, revision: str) -> None:
    async def claim() -> None:
        engine = make_engine(url, pool_size=1)
        try:
            async with engine.begin() as connection:
                await connection.execute(
                    text(f"UPDATE {VERSION_TABLE} SET version_num = :r"), {"r": revision}
                )
        finally:
            await engine.dispose()

    asyncio.run(claim())


def test_the_server_starts_on_a_database_at_head(database_url: str) -> None:
    assert _starts(database_url)


def test_the_server_refuses_a_database_never_migrated(database_url: str) -> None:
    migrate.downgrade(database_url, "base")
    try:
        assert not _starts(database_url)
    finally:
        migrate.upgrade(database_url, "head")


def test_the_server_refuses_a_database_one_migration_behind(database_url: str) -> None:
    migrate.downgrade(database_url, "-1")
    try:
        assert not _starts(database_url)
    finally:
        migrate.upgrade(database_url, "head")


def test_the_server_refuses_a_database_migrated_by_newer_code(database_url: str) -> None:
    _claim_revision(database_url, "0123456789ab")
    try:
        assert not _starts(database_url)
    finally:
        (head,) = head_revisions()
        _claim_revision(database_url, head)
