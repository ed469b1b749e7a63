"""A revoked key stops working in every process, not only the one that revoked it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime
from app.services.key_cache import DEFAULT_TTL
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock


@asynccontextmanager
async def another_process(settings: Settings, clock: TickingClock) -> AsyncIterator[FastAPI]:
    """A second app on the same database: what another worker or replica is."""
    other = create_app(settings, clock=clock)
    async with other.router.lifespan_context(other):
        yield other


def runtime_of(app: FastAPI) -> Runtime:
    runtime: Runtime = app.state.runtime
    return runtime


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 5.0) -> bool:
    for _ in range(int(seconds / 0.05)):
        if await check():
            return True
        await asyncio.sleep(0.05)
    return False


async def test_a_revocation_reaches_another_process_at_once(
    client: httpx.AsyncClient, settings: Settings, clock: TickingClock, database_url: str
) -> None:
    account = await open_account(client)
    path = f"/v1/accounts/{account['id']}"
    viewer = await mint_key(client, account["id"], "viewer")
    keys = (await client.get(f"{path}/api-keys")).json()["data"]
    viewer_id = next(k["id"] for k in keys if k["role"] == "viewer")

    async with another_process(settings, clock) as other_app:
        transport = httpx.ASGITransport(app=other_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://other") as other:
            cache = runtime_of(other_app).keys

            async def read() -> int:
                return (await other.get(path, headers=bearer(viewer))).status_code

            if not settings.listens_for_notifications():
                # No one to hear revocations from (SQLite, or through
                # PgBouncer): keys are kept briefly only.
                assert not cache.hearing and cache.ttl == DEFAULT_TTL
                return
            assert await eventually(lambda: _true(cache.hearing))
            assert await read() == 200 and len(cache) == 1  # the key is cached there

            revoked = await client.delete(f"{path}/api-keys/{viewer_id}")
            assert revoked.status_code == 204

            assert await eventually(lambda: _equal(read(), 401), seconds=2.0)
            assert len(cache) == 0


async def test_a_process_that_stops_hearing_revocations_forgets_its_keys(
    client: httpx.AsyncClient, app: FastAPI, engine: AsyncEngine, database_url: str
) -> None:
    account = await open_account(client)
    owner = await mint_key(client, account["id"], "owner")
    cache = runtime_of(app).keys
    if not runtime_of(app).settings.listens_for_notifications():
        assert not cache.hearing
        return
    assert await eventually(lambda: _true(cache.hearing))
    response = await client.get(f"/v1/accounts/{account['id']}", headers=bearer(owner))
    assert response.status_code == 200 and len(cache) >= 1

    async with engine.connect() as connection:
        await connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'seatkeeper-keys' AND datname = current_database()"
            )
        )

    assert await eventually(lambda: _true(not cache.hearing))
    assert len(cache) == 0


async def _true(value: bool) -> bool:
    return value


async def _equal(status: Awaitable[int], expected: int) -> bool:
    return await status == expected
