"""A downgrade of many agents is a handful of statements, not one per agent."""

from __future__ import annotations

import json
import math
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import event, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.fastpath._driver import BATCH
from app.db.models import (
    AgentRow,
    AgentSeatRow,
    EventRow,
    SubscriptionLineRow,
    WebhookDeliveryRow,
)
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TEST_EPOCH
from tests.seat_checks import assert_counters_match_rows


async def seed_sell_agents(engine: AsyncEngine, account_id: str, count: int) -> None:
    """`count` agents holding a Sell seat each, written straight to the tables."""
    agents = [
        {
            "account_id": account_id,
            "user_id": f"bulk{n:05d}",
            "email": f"bulk{n}@acme.example",
            "name": f"Bulk {n}",
            "role": "agent",
            "is_owner": False,
            "added_at": TEST_EPOCH + timedelta(seconds=n),
            "updated_at": TEST_EPOCH,
        }
        for n in range(count)
    ]
    async with engine.begin() as connection:
        await connection.execute(insert(AgentRow), agents)
        await connection.execute(
            insert(AgentSeatRow),
            [
                {"account_id": account_id, "user_id": a["user_id"], "product": "sell"}
                for a in agents
            ],
        )
        await connection.execute(
            update(SubscriptionLineRow)
            .where(SubscriptionLineRow.account_id == account_id)
            .values(seats=count + 1, assigned=count + 1)
        )


async def open_sell_account(client: httpx.AsyncClient) -> tuple[str, dict[str, str]]:
    """An account with one Sell seat, and its owner's credentials."""
    account = await open_account(client, subscription=[{"product": "sell", "seats": 1}])
    return account["id"], bearer(await mint_key(client, account["id"], "owner"))


async def cut_sell_to_one(
    client: httpx.AsyncClient, account_id: str, owner: dict[str, str]
) -> dict[str, Any]:
    """Lower Sell to one seat: every seeded agent gives up theirs."""
    response = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 1}]},
        headers=owner,
    )
    assert response.status_code == 201, response.text
    change: dict[str, Any] = response.json()
    return change


async def statements_for_downgrade(
    client: httpx.AsyncClient, engine: AsyncEngine, agents: int
) -> int:
    account_id, owner = await open_sell_account(client)
    await seed_sell_agents(engine, account_id, agents)
    executed: list[str] = []

    def count(*args: Any) -> None:
        executed.append(str(args[2])[:40])

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        change = await cut_sell_to_one(client, account_id, owner)
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    assert len(change["downgraded_agents"]) == agents
    assert change["downgraded_agents"][0]["user_id"] == f"bulk{agents - 1:05d}"
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 1}
    return len(executed)


async def test_downgrading_1500_agents_takes_about_as_many_statements_as_15(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    few = await statements_for_downgrade(client, engine, 15)
    many = await statements_for_downgrade(client, engine, 1500)
    # Candidates and their holdings are a query each, seats and demotions one
    # statement each, events and notices bulk inserts: only the events grow. On
    # SQLite by an executemany per batch of rows; on PostgreSQL they are one
    # COPY however many (app/db/fastpath), which the driver runs unseen here.
    growth = 0 if engine.dialect.name == "postgresql" else math.ceil(1500 / BATCH) - 1
    assert many == few + growth
    assert many < 40


async def test_a_large_downgrade_announces_each_agent_once_to_an_endpoint_that_wants_it(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    # The events stream into the database and are made again for the outbox
    # (app/services/audit.py): both passes must name the same events.
    account_id, owner = await open_sell_account(client)
    subscribed = await client.post(
        f"/v1/accounts/{account_id}/webhook-endpoints",
        json={"url": "http://127.0.0.1:9/hook", "event_types": ["agent.downgraded"]},
    )
    assert subscribed.status_code == 201, subscribed.text
    await seed_sell_agents(engine, account_id, 1500)

    await cut_sell_to_one(client, account_id, owner)

    async with engine.connect() as connection:
        events = {
            row.id: row.data
            for row in await connection.execute(
                select(EventRow.id, EventRow.data).where(
                    EventRow.account_id == account_id, EventRow.type == "agent.downgraded"
                )
            )
        }
        outbox = (
            await connection.execute(
                select(WebhookDeliveryRow.event_id, WebhookDeliveryRow.payload).where(
                    WebhookDeliveryRow.account_id == account_id
                )
            )
        ).all()
    assert len(events) == 1500
    assert {data["user_id"] for data in events.values()} == {f"bulk{n:05d}" for n in range(1500)}
    assert sorted(event_id for event_id, _ in outbox) == sorted(events)
    for event_id, payload in outbox:
        body = json.loads(payload)
        assert body["type"] == "agent.downgraded"
        assert body["data"] == {"account_id": account_id, **events[event_id]}
