"""The read side reads what the repositories read, on both databases, and a
PostgreSQL reader survives its pooled connections being killed."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.readers import EngineReader, PostgresReader
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

    viewed = await runtime.views.account(account["id"])
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
    assert await views.account("acct_missing") is None
    assert await views.api_key(hash_secret("sk_nobody")) is None
    assert await views.sales_rep_email("acct_missing") == (False, None)


async def test_the_reader_retries_once_on_a_killed_connection(
    app: FastAPI, client: httpx.AsyncClient, engine: AsyncEngine, database_url: str
) -> None:
    account = await open_account(client)
    views = runtime_of(app).views
    if not database_url.startswith("postgresql"):
        # SQLite has no round trip to save: its reads stay on the engine.
        assert isinstance(views.reader, EngineReader)
        return
    assert isinstance(views.reader, PostgresReader)
    assert (await views.account(account["id"])) is not None  # a pooled connection now exists

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

    again = await views.account(account["id"])
    assert again is not None and again.id == account["id"]
