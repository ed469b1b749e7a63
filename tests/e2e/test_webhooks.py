"""Webhooks: signed, at least once, and nothing lost or invented."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime
from app.services.dispatcher import Dispatcher
from tests.builders import bearer, mint_key, open_account
from tests.conftest import ADMIN_KEY, TickingClock
from tests.receiver import Receiver, running_receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as r:
        yield r


@pytest.fixture
def now_clock(clock: TickingClock) -> TickingClock:
    # Receivers check webhook-timestamp against their own clock (5 minutes' tolerance).
    clock.set(datetime.now(UTC))
    return clock


@pytest.fixture
async def dispatcher(
    app: FastAPI, client: httpx.AsyncClient, now_clock: TickingClock
) -> AsyncIterator[Dispatcher]:
    runtime: Runtime = app.state.runtime
    async with httpx.AsyncClient() as http:
        yield Dispatcher(
            runtime.unit_of_work, now_clock, http, jitter=lambda: 0.0, allow_private=True
        )


async def subscribe(
    client: httpx.AsyncClient, account_id: str, url: str, types: list[str]
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/accounts/{account_id}/webhook-endpoints", json={"url": url, "event_types": types}
    )
    assert response.status_code == 201, response.text
    endpoint: dict[str, Any] = response.json()
    assert endpoint["secret"].startswith("whsec_")
    return endpoint


async def busy_account(client: httpx.AsyncClient, receiver: Receiver, types: list[str]) -> str:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 3}])
    endpoint = await subscribe(client, account["id"], receiver.url, types)
    receiver.secrets.append(endpoint["secret"])
    owner = bearer(await mint_key(client, account["id"], "owner"))
    for n in (1, 2):
        await client.post(
            f"/v1/accounts/{account['id']}/agents",
            json={"user_id": f"u{n}", "email": f"u{n}@x.example", "name": "A"},
        )
    await client.post(
        f"/v1/accounts/{account['id']}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 1}]},
        headers=owner,
    )
    return str(account["id"])


async def committed_events(client: httpx.AsyncClient, account_id: str) -> list[dict[str, Any]]:
    """The account's events from the endpoint's creation on, oldest first."""
    events = (await client.get(f"/v1/accounts/{account_id}/events", params={"limit": 200})).json()[
        "data"
    ]
    in_order = list(reversed(events))
    start = next(i for i, e in enumerate(in_order) if e["type"] == "webhook_endpoint.created")
    return in_order[start:]


async def test_every_committed_event_arrives_signed_exactly_as_committed(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    account_id = await busy_account(client, receiver, ["*"])
    sent = await dispatcher.drain()

    events = await committed_events(client, account_id)
    assert sent == len(events) > 5
    assert receiver.bad_signatures == 0
    assert receiver.verified_by_library == len(events)
    # Sent concurrently: they arrive in any order, each once.
    arrived = sorted(receiver.received, key=lambda r: r["headers"]["webhook-id"])
    assert [r["headers"]["webhook-id"] for r in arrived] == sorted(e["id"] for e in events)
    for delivered, committed in zip(arrived, sorted(events, key=lambda e: e["id"]), strict=True):
        assert delivered["body"]["type"] == committed["type"]
        assert delivered["body"]["data"] == {"account_id": account_id, **committed["data"]}
    types = [e["type"] for e in events]
    assert {
        "agent.added",
        "seats.full",
        "seat_change.applied",
        "agent.downgraded",
    } <= set(types)


async def test_an_endpoint_gets_only_the_types_it_asked_for(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    await busy_account(client, receiver, ["agent.downgraded", "seats.full"])
    await dispatcher.drain()
    assert Counter(r["body"]["type"] for r in receiver.received) == {
        "agent.downgraded": 2,
        "seats.full": 1,
    }


async def test_a_receiver_down_for_a_while_gets_everything_once_it_is_back(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher, now_clock: TickingClock
) -> None:
    receiver.down = True
    account_id = await busy_account(client, receiver, ["*"])
    await dispatcher.drain()
    assert receiver.received == []
    events = await committed_events(client, account_id)
    assert receiver.refused == len(events)  # no head of the line: every one is tried

    endpoint = (await client.get(f"/v1/accounts/{account_id}/webhook-endpoints")).json()["data"][0]
    deliveries = (
        await client.get(f"/v1/accounts/{account_id}/webhook-endpoints/{endpoint['id']}/deliveries")
    ).json()["data"]
    head = deliveries[-1]
    assert (head["status"], head["attempts"], head["last_status_code"]) == ("pending", 1, 503)
    assert head["next_attempt_at"] > head["created_at"]

    for _ in range(3):  # still down: backoff grows, nothing is lost
        now_clock.advance(timedelta(minutes=2))
        await dispatcher.drain()
    receiver.down = False
    now_clock.advance(timedelta(minutes=5))
    await dispatcher.drain()

    assert sorted(receiver.ids()) == sorted(e["id"] for e in events)
    after = (
        await client.get(f"/v1/accounts/{account_id}/webhook-endpoints/{endpoint['id']}/deliveries")
    ).json()["data"]
    assert {(d["status"], d["attempts"]) for d in after} == {("delivered", 5)}


async def test_a_delivery_is_given_up_after_a_day(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher, now_clock: TickingClock
) -> None:
    receiver.down = True
    account_id = await busy_account(client, receiver, ["seats.full"])
    await dispatcher.drain()
    now_clock.advance(timedelta(hours=25))
    await dispatcher.drain()
    endpoint = (await client.get(f"/v1/accounts/{account_id}/webhook-endpoints")).json()["data"][0]
    deliveries = (
        await client.get(f"/v1/accounts/{account_id}/webhook-endpoints/{endpoint['id']}/deliveries")
    ).json()["data"]
    assert [(d["status"], d["attempts"]) for d in deliveries] == [("failed", 2)]


async def test_a_dispatcher_killed_mid_delivery_loses_nothing(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher, now_clock: TickingClock
) -> None:
    account_id = await busy_account(client, receiver, ["seats.full"])
    receiver.hang_seconds = 0.5
    killed = asyncio.create_task(dispatcher.run_once())
    await asyncio.sleep(0.2)
    killed.cancel()  # dies while the receiver is still answering
    with pytest.raises(asyncio.CancelledError):
        await killed
    receiver.hang_seconds = 0

    assert await dispatcher.drain() == 0  # still leased to the dead dispatcher
    now_clock.advance(timedelta(seconds=61))
    assert await dispatcher.drain() == 1

    # At least once: the receiver may have seen it twice, never zero times.
    full_events = [
        e["id"] for e in await committed_events(client, account_id) if e["type"] == "seats.full"
    ]
    assert set(receiver.ids()) == set(full_events)
    assert 1 <= len(receiver.ids()) <= 2


async def test_two_dispatchers_never_send_the_same_delivery_at_once(
    client: httpx.AsyncClient,
    app: FastAPI,
    receiver: Receiver,
    dispatcher: Dispatcher,
    now_clock: TickingClock,
) -> None:
    account_ids = [await busy_account(client, receiver, ["*"]) for _ in range(3)]
    runtime: Runtime = app.state.runtime
    async with httpx.AsyncClient() as http:
        other = Dispatcher(runtime.unit_of_work, now_clock, http, allow_private=True)
        sent = await asyncio.gather(dispatcher.drain(), other.drain())
    expected = []
    for account_id in account_ids:
        expected += [e["id"] for e in await committed_events(client, account_id)]
    assert sum(sent) == len(expected)
    assert sorted(receiver.ids()) == sorted(expected)  # each exactly once


async def test_the_apps_dispatcher_opens_its_own_client_to_deliver_and_closes_it_at_the_end(
    client: httpx.AsyncClient, app: FastAPI, receiver: Receiver, now_clock: TickingClock
) -> None:
    account_id = await busy_account(client, receiver, ["*"])
    events = await committed_events(client, account_id)
    runtime: Runtime = app.state.runtime
    own = Dispatcher(runtime.unit_of_work, now_clock, allow_private=True)
    assert own.http is None  # nothing opened before there is something to send

    stop = asyncio.Event()
    running = asyncio.create_task(own.run(stop, interval=0.01))
    async with asyncio.timeout(10):
        while len(receiver.received) < len(events):
            await asyncio.sleep(0.01)
    opened = own.http
    stop.set()
    await running

    assert sorted(receiver.ids()) == sorted(e["id"] for e in events)
    assert opened is not None and opened.is_closed
    assert own.http is None


async def test_private_and_malformed_targets_are_refused(
    settings: Settings, clock: TickingClock
) -> None:
    strict = create_app(settings.model_copy(update={"webhook_allow_private": False}), clock=clock)
    async with strict.router.lifespan_context(strict):
        transport = httpx.ASGITransport(app=strict)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://t",
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        ) as http:
            account = await open_account(http)
            url = f"/v1/accounts/{account['id']}/webhook-endpoints"
            cases = {
                "http://127.0.0.1:9000/x": ("private_url", "loopback"),
                "http://10.1.2.3/x": ("private_url", "private"),
                "http://169.254.169.254/latest": ("private_url", "link-local"),
                "http://[::1]/x": ("private_url", "loopback"),
                "ftp://example.com/x": ("invalid_url", None),
                "http://user:pw@example.com/x": ("invalid_url", None),
            }
            for target, (code, reason) in cases.items():
                response = await http.post(url, json={"url": target, "event_types": ["*"]})
                assert response.status_code == 422, target
                assert response.json()["code"] == code, target
                assert response.json().get("reason") == reason, target
            assert (await http.get(url)).json()["data"] == []
