"""Migrating down and up again keeps every row of a lived-in database.

On SQLite, Alembic's batch mode alters a table by rebuilding it; with foreign
keys enforced, dropping the old `accounts` or `agents` cascaded to every row
that referred to it (seats, events, ...). The round trip goes through the
migrations since the 64-bit one, each of which rebuilds a parent table. The
keys that carry the account (b5e1c7a9f345) keep the rows of no account too
(a platform endpoint's event and test ping, a platform-scope Idempotency-Key),
NULL below it and '' above."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db import migrate
from tests.builders import account_body, open_account
from tests.webhook_fixtures import subscribe

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


async def _no_account_rows(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as connection:
        return {
            table: (
                await connection.execute(
                    text(f"SELECT count(*) FROM {table} WHERE account_id = ''")
                )
            ).scalar_one()
            for table in ("events", "webhook_deliveries", "idempotency_keys")
        }


async def test_the_keys_with_the_account_keep_the_rows_of_no_account(
    client: httpx.AsyncClient, engine: AsyncEngine, database_url: str
) -> None:
    platform = await subscribe(client, "/v1", "http://127.0.0.1:9/hooks", ["agent.added"])
    pinged = await client.post(f"/v1/webhook-endpoints/{platform['id']}/test")
    assert pinged.status_code == 202, pinged.text
    for n in range(2):
        opened = await client.post(
            "/v1/accounts",
            json=account_body(subscription=[{"product": "sell", "seats": 3}]),
            headers={"Idempotency-Key": f"open-{n}"},
        )
        assert opened.status_code == 201, opened.text
        added = await client.post(
            f"/v1/accounts/{opened.json()['id']}/agents",
            json={"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": "U"},
            headers={"Idempotency-Key": f"add-{n}"},
        )
        assert added.status_code == 201, added.text
    before = await _row_counts(engine)
    assert before["idempotency_keys"] == 4
    # The endpoint's creation event, its test ping, and the two opening keys
    # (their path names no account); the platform endpoint hears both agents.
    assert await _no_account_rows(engine) == {
        "events": 1,
        "webhook_deliveries": 1,
        "idempotency_keys": 2,
    }
    assert before["webhook_deliveries"] == 3
    await engine.dispose()

    await asyncio.to_thread(migrate.downgrade, database_url, "a4d0b6f8e234")
    await asyncio.to_thread(migrate.upgrade, database_url)

    assert await _row_counts(engine) == before
    # Below the revision the idempotency keys had no account: all come back under ''.
    assert await _no_account_rows(engine) == {
        "events": 1,
        "webhook_deliveries": 1,
        "idempotency_keys": 4,
    }
