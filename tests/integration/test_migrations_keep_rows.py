"""Migrating down and up again keeps every row of a lived-in database.

On SQLite, Alembic's batch mode alters a table by rebuilding it; with foreign
keys enforced, dropping the old `accounts` or `agents` cascaded to every row
that referred to it (seats, events, ...). The round trip goes through the
migrations since the 64-bit one, each of which rebuilds a parent table."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db import migrate
from tests.builders import open_account

# The oldest revision the round trip goes down to: past it, a downgrade drops
# data it cannot keep in the older schema (the sales request fields).
DOWN_TO = "5a1e5c0f7e21"


async def _row_counts(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        counts = {}
        for table in sorted(set(tables) - {"alembic_version"}):
            counts[table] = (
                await connection.execute(text(f'SELECT count(*) FROM "{table}"'))
            ).scalar_one()
    return counts


async def test_down_and_up_again_keeps_every_row(
    client: httpx.AsyncClient, engine: AsyncEngine, database_url: str
) -> None:
    for n in range(2):
        account = await open_account(client, subscription=[{"suite": "support_suite", "seats": 5}])
        for i in range(3):
            added = await client.post(
                f"/v1/accounts/{account['id']}/agents",
                json={"user_id": f"u{n}{i}", "email": f"u{n}{i}@acme.example", "name": "U"},
            )
            assert added.status_code == 201, added.text
    before = await _row_counts(engine)
    assert before["agent_seats"] >= 2 * 4 * 2  # owner and three agents, two products each
    await engine.dispose()  # nothing of the app's holds the database while it migrates

    await asyncio.to_thread(migrate.downgrade, database_url, DOWN_TO)
    await asyncio.to_thread(migrate.upgrade, database_url)

    after = await _row_counts(engine)
    assert after == before
