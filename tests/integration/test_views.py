"""The read side reads what the repositories read, on both databases, and a
PostgreSQL reader survives its pooled connections being killed."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Executable, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.fastpath._driver import compiled
from app.db.fastpath._readers import PostgresReader, Row, SQLiteReader
from app.db.views import SUBSCRIPTIONS_BY_ID
from app.runtime import Runtime
from app.services.api_keys import hash_secret
from tests.builders import mint_key, open_account


def runtime_of(app: FastAPI) -> Runtime:
    runtime: Runtime = app.state.runtime
    return runtime


async def test_views_read_the_account_and_key_the_repositories_read(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    account = await open_account(
        client,
        sales_rep={"name": "Rita Rep", "email": "rita@sales.example"},
        subscription=[{"suite": "support_suite", "seats": 5}, {"product": "sell", "seats": 3}],
    )
    secret = await mint_key(client, account["id"], "admin")
    runtime = runtime_of(app)

    async with runtime.unit_of_work() as uow:
        stored = await uow.accounts.get(account["id"])
        stored_key = await uow.api_keys.by_hash(hash_secret(secret))
        stored_rep = await uow.accounts.sales_rep_email(account["id"])

    subscription = await runtime.views.subscription(account["id"])
    assert subscription is not None
    viewed, pending = subscription
    assert pending is None
    assert stored is not None and viewed == stored
    assert len(viewed.lines) == len(stored.lines) >= 2
    assert viewed.term_start.tzinfo is not None and viewed.term_start == stored.term_start
    assert await runtime.views.api_key(hash_secret(secret)) == stored_key
    assert stored_key is not None and stored_key.account_id == account["id"]
    assert await runtime.views.sales_rep_email(account["id"]) == stored_rep
    assert stored_rep == (True, "rita@sales.example")


async def test_views_answer_none_for_what_does_not_exist(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    views = runtime_of(app).views
    assert await views.subscription("acct_missing") is None
    assert await views.api_key(hash_secret("sk_nobody")) is None
    assert await views.sales_rep_email("acct_missing") == (False, None)


async def test_the_reader_retries_once_on_a_killed_connection(
    app: FastAPI, client: httpx.AsyncClient, engine: AsyncEngine, database_url: str
) -> None:
    account = await open_account(client)
    views = runtime_of(app).views
    if not database_url.startswith("postgresql"):
        # SQLite has no connection to lose: its reader opens files.
        assert isinstance(views.reader, SQLiteReader)
        return
    assert isinstance(views.reader, PostgresReader)
    assert (await views.subscription(account["id"])) is not None  # a pooled connection now exists

    async with engine.connect() as connection:
        killed = (
            await connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND application_name = 'seatkeeper-reader'"
                )
            )
        ).scalar_one()
    assert killed >= 1

    again = await views.subscription(account["id"])
    assert again is not None and again[0].id == account["id"]


async def test_account_reads_asked_for_together_are_one_query_on_postgresql(
    app: FastAPI, client: httpx.AsyncClient, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts = [
        await open_account(client, subscription=[{"product": "sell", "seats": seats}])
        for seats in (2, 3, 4)
    ]
    views = runtime_of(app).views
    queries: list[dict[str, object]] = []
    read = views.reader.rows

    async def counted(statement: Executable, **params: object) -> Sequence[Row]:
        queries.append(params)
        return await read(statement, **params)

    monkeypatch.setattr(views.reader, "rows", counted)
    asked = [a["id"] for a in accounts] + ["acct_missing", accounts[0]["id"]]
    read_together = await asyncio.gather(*(views.subscription(a) for a in asked))
    viewed = [found[0] if found else None for found in read_together]

    assert [v.id if v else None for v in viewed] == [*asked[:3], None, asked[0]]
    assert [v.line("sell").seats for v in viewed if v is not None] == [2, 3, 4, 2]  # type: ignore[union-attr]
    if database_url.startswith("postgresql"):
        assert queries == [{"account_ids": asked[:4]}]  # one query, each id once
    else:
        assert len(queries) == len(asked)  # in-process: nothing to save


async def test_a_batch_of_account_reads_looks_each_account_up_by_its_keys(
    app: FastAPI, client: httpx.AsyncClient, engine: AsyncEngine, database_url: str
) -> None:
    """Whatever the planner thinks of the table's size, the batch is a loop over
    the ids, each reading its account by key (app/db/accounts.py)."""
    accounts = [await open_account(client) for _ in range(3)]
    if not database_url.startswith("postgresql"):
        # Only a reader with round trips to save batches its reads.
        assert not runtime_of(app).views.reader.round_trips
        return
    ids = [a["id"] for a in accounts]
    sql = compiled(SUBSCRIPTIONS_BY_ID, engine.dialect)
    async with engine.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver is not None
        # SQLAlchemy's connection decodes json: the plan arrives as a list.
        explained = f"EXPLAIN (FORMAT JSON) {sql.sql}"
        plan = (await driver.fetchval(explained, *sql.arguments({"account_ids": ids})))[0]["Plan"]
        found = await driver.fetch(sql.sql, *sql.arguments({"account_ids": ids}))

    loop = plan["Plans"][0]  # under the sort by account and product
    assert loop["Node Type"] == "Nested Loop"
    assert loop["Plans"][0]["Node Type"] == "Function Scan"  # the ids, outermost
    assert sorted({row["id"] for row in found}) == sorted(ids)
