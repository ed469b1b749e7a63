"""Alembic builds every schema, both ways, and matches the models."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.db import migrate
from app.db.engine import make_engine
from app.db.models import Base


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
