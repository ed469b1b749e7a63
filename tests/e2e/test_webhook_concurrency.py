"""A slow receiver holds back nothing but its own deliveries: the others are
sent, answered and written as delivered while it still has not answered, and
the slow ones are written once it does."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from app.runtime import Runtime
from app.services.dispatcher import Dispatcher
from tests.builders import open_account
from tests.conftest import TickingClock
from tests.webhook_fixtures import outbox, subscribe


async def until(condition: Callable[[], Awaitable[bool]], checks: int = 2000) -> None:
    """Wait for a condition the dispatcher makes true (bounded, not timed)."""
    for _ in range(checks):
        if await condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the dispatcher never got there")


async def test_a_slow_endpoint_does_not_hold_back_another_endpoints_deliveries(
    app: FastAPI, client: httpx.AsyncClient, clock: TickingClock, engine: AsyncEngine
) -> None:
    slow_answers = asyncio.Event()
    asked: list[str] = []

    async def receive(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        if request.url.path == "/slow":
            await slow_answers.wait()
        return httpx.Response(204)

    endpoints = {}
    for name in ("slow", "fast"):
        account = await open_account(client, subscription=[{"product": "sell", "seats": 20}])
        endpoints[name] = await subscribe(
            client, f"/v1/accounts/{account['id']}", f"http://127.0.0.1:9/{name}", ["agent.added"]
        )
        for n in range(12):  # more than one endpoint's share of concurrent sends (8)
            added = await client.post(
                f"/v1/accounts/{account['id']}/agents",
                json={"user_id": f"u{n}", "email": f"u{n}@x.example", "name": "A"},
            )
            assert added.status_code == 201, added.text

    async def statuses(name: str) -> list[str]:
        return [row.status for row in await outbox(engine, endpoints[name]["id"])]

    async def fast_all_delivered() -> bool:
        return await statuses("fast") == ["delivered"] * 12

    runtime: Runtime = app.state.runtime
    stop = asyncio.Event()
    async with httpx.AsyncClient(transport=httpx.MockTransport(receive)) as http:
        dispatcher = Dispatcher(
            runtime.unit_of_work, clock, http, jitter=lambda: 0.0, allow_private=True, batch=100
        )
        running = asyncio.create_task(dispatcher.run(stop, interval=0.01))
        try:
            await until(fast_all_delivered)
            # The slow endpoint got its share of sends, and nothing of it is settled.
            assert asked.count("/slow") == 8
            assert set(await statuses("slow")) == {"sending"}
            slow_answers.set()

            async def slow_all_delivered() -> bool:
                return await statuses("slow") == ["delivered"] * 12

            await until(slow_all_delivered)
        finally:
            slow_answers.set()
            stop.set()
            await running
    assert asked.count("/slow") == 12 and asked.count("/fast") == 12


async def test_events_made_while_the_dispatcher_sends_go_out_without_its_idle_wait(
    app: FastAPI, client: httpx.AsyncClient, clock: TickingClock, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 5}])
    endpoint = await subscribe(
        client, f"/v1/accounts/{account['id']}", "http://127.0.0.1:9/hooks", ["agent.added"]
    )

    async def add(user_id: str) -> None:
        added = await client.post(
            f"/v1/accounts/{account['id']}/agents",
            json={"user_id": user_id, "email": f"{user_id}@x.example", "name": "A"},
        )
        assert added.status_code == 201, added.text

    received: list[str] = []

    async def receive(request: httpx.Request) -> httpx.Response:
        user_id = httpx.Response(200, content=request.content).json()["data"]["user_id"]
        received.append(user_id)
        if user_id == "first":
            await add("second")  # made while the dispatcher is busy sending
        return httpx.Response(204)

    await add("first")

    async def both_delivered() -> bool:
        rows = await outbox(engine, endpoint["id"])
        return [row.status for row in rows] == ["delivered", "delivered"]

    runtime: Runtime = app.state.runtime
    stop = asyncio.Event()
    async with httpx.AsyncClient(transport=httpx.MockTransport(receive)) as http:
        dispatcher = Dispatcher(runtime.unit_of_work, clock, http, allow_private=True)
        # An idle dispatcher would look again only in an hour.
        running = asyncio.create_task(dispatcher.run(stop, interval=3600))
        try:
            await until(both_delivered)
        finally:
            stop.set()
            await running
    assert received == ["first", "second"]
