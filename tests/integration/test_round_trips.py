"""The statements an agent add costs: the hottest write has a budget, and the
webhook outbox is only looked up for accounts that have endpoints."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import add_sell_agent, mint_key, open_account


@contextmanager
def statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The SQL statements the app's engine sends (first words, without BEGIN
    and COMMIT): those SQLAlchemy runs, and on PostgreSQL those sent to asyncpg
    directly (app/db/fastpath), which asyncpg's query logger sees."""
    sent: list[str] = []

    def seen(sql: str) -> None:
        statement = " ".join(sql.split()[:3])
        if not statement.startswith(("BEGIN", "COMMIT")):
            sent.append(statement)

    def cursor(*args: Any) -> None:
        seen(str(args[2]))

    def driver(query: Any) -> None:
        seen(query.query)

    watched: list[Any] = []

    def watch(_dbapi: Any, record: Any, _proxy: Any) -> None:
        if engine.dialect.name == "postgresql":
            record.driver_connection.add_query_logger(driver)
            watched.append(record.driver_connection)

    event.listen(engine.sync_engine, "before_cursor_execute", cursor)
    event.listen(engine.sync_engine, "checkout", watch)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", cursor)
        event.remove(engine.sync_engine, "checkout", watch)
        for connection in watched:
            connection.remove_query_logger(driver)


async def test_an_agent_add_is_six_statements_without_webhooks(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 10}])
    owner = await mint_key(client, account["id"], "owner")
    await add_sell_agent(client, account["id"], owner, "warm")  # the key is cached now

    with statements(engine) as sent:
        await add_sell_agent(client, account["id"], owner, "ada")

    # Lock and read; insert the agent unless present; its seat; the line's
    # counter; the version; the event. No endpoint lookup, no outbox row.
    # (asyncpg logs a query when it is done, so the order of the two kinds may mix.)
    kinds = sorted(s.split()[0] for s in sent)
    assert kinds == ["INSERT", "INSERT", "INSERT", "SELECT", "UPDATE", "UPDATE"], sent
    assert not any("webhook" in s for s in sent)
    async with engine.connect() as connection:
        seats = await connection.execute(
            text("SELECT assigned FROM subscription_lines WHERE account_id = :a"),
            {"a": account["id"]},
        )
        assert seats.scalar_one() == 3  # owner, warm, ada


async def test_an_account_with_an_endpoint_gets_its_outbox_row(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 10}])
    owner = await mint_key(client, account["id"], "owner")
    registered = await client.post(
        f"/v1/accounts/{account['id']}/webhook-endpoints",
        json={"url": "http://127.0.0.1:9/seats", "event_types": ["agent.added"]},
    )
    assert registered.status_code == 201, registered.text
    await add_sell_agent(client, account["id"], owner, "warm")

    with statements(engine) as sent:
        await add_sell_agent(client, account["id"], owner, "ada")

    assert len(sent) == 8, sent  # the six, the endpoint lookup and the outbox row
    async with engine.connect() as connection:
        queued = await connection.execute(
            text("SELECT event_type FROM webhook_deliveries WHERE account_id = :a"),
            {"a": account["id"]},
        )
        assert [row[0] for row in queued] == ["agent.added", "agent.added"]
