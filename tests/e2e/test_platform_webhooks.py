"""Platform webhook endpoints: one endpoint hears every account's events (for
CRM and billing services), and only a platform admin manages them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from app.runtime import Runtime
from app.services.dispatcher import Dispatcher
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.receiver import Receiver, running_receiver
from tests.webhook_fixtures import outbox, signed_by, subscribe


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as r:
        yield r


@pytest.fixture
async def dispatcher(
    app: FastAPI, client: httpx.AsyncClient, clock: TickingClock
) -> AsyncIterator[Dispatcher]:
    clock.set(datetime.now(UTC))  # receivers check webhook-timestamp against their clock
    runtime: Runtime = app.state.runtime
    async with httpx.AsyncClient() as http:
        yield Dispatcher(runtime.unit_of_work, clock, http, jitter=lambda: 0.0, allow_private=True)


async def test_a_platform_endpoint_receives_the_events_of_every_account(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher, engine: AsyncEngine
) -> None:
    endpoint = await subscribe(client, "/v1", receiver.url, ["agent.added"])
    assert endpoint["account_id"] is None
    receiver.secrets.append(endpoint["secret"])
    accounts = [
        (await open_account(client, subscription=[{"product": "sell", "seats": 3}]))["id"]
        for _ in range(2)
    ]
    for n, account_id in enumerate(accounts):
        added = await client.post(
            f"/v1/accounts/{account_id}/agents",
            json={"user_id": f"u{n}", "email": f"u{n}@x.example", "name": "A"},
        )
        assert added.status_code == 201
    await dispatcher.drain()

    got = sorted(
        (r["body"]["data"]["account_id"], r["body"]["data"]["user_id"]) for r in receiver.received
    )
    assert got == sorted([(accounts[0], "u0"), (accounts[1], "u1")])
    assert all(signed_by(r, endpoint["secret"]) for r in receiver.received)
    rows = await outbox(engine, endpoint["id"])
    assert sorted((row.account_id, row.status) for row in rows) == sorted(
        (a, "delivered") for a in accounts
    )
    # The accounts' own endpoint lists do not show it, nor reach it.
    for account_id in accounts:
        listed = await client.get(f"/v1/accounts/{account_id}/webhook-endpoints")
        assert listed.json()["data"] == []
        one = await client.get(f"/v1/accounts/{account_id}/webhook-endpoints/{endpoint['id']}")
        assert one.status_code == 404

    deliveries = (await client.get(f"/v1/webhook-endpoints/{endpoint['id']}/deliveries")).json()
    assert {d["id"] for d in deliveries["data"]} == {row.id for row in rows}
    owner = bearer(await mint_key(client, accounts[0], "owner"))
    stolen = await client.post(
        f"/v1/accounts/{accounts[0]}/deliveries/{rows[0].id}/retry", headers=owner
    )
    assert stolen.status_code == 404  # an account may not resend the platform's deliveries
    retried = await client.post(f"/v1/deliveries/{rows[0].id}/retry")
    assert (retried.status_code, retried.json()["status"]) == (200, "pending")


async def test_platform_endpoints_are_listed_patched_pinged_and_removed_by_the_platform_admin(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher, engine: AsyncEngine
) -> None:
    endpoint = await subscribe(client, "/v1", receiver.url, ["*"])
    receiver.secrets.append(endpoint["secret"])
    one = f"/v1/webhook-endpoints/{endpoint['id']}"

    listed = (await client.get("/v1/webhook-endpoints")).json()["data"]
    assert [e["id"] for e in listed] == [endpoint["id"]]
    patched = await client.patch(one, json={"event_types": ["seats.full"]})
    assert patched.json()["event_types"] == ["seats.full"]
    assert (await client.get(one)).json()["event_types"] == ["seats.full"]
    unknown = await client.patch(one, json={"event_types": ["billing.paid"]})
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_event_type")

    ping = await client.post(f"{one}/test")
    assert ping.status_code == 202
    await dispatcher.drain()
    (pinged,) = receiver.received
    assert pinged["body"]["type"] == "webhook.test"
    assert pinged["body"]["data"] == {"account_id": None, "endpoint_id": endpoint["id"]}

    rotated = await client.post(f"{one}/rotate-secret")
    assert rotated.json()["secret"] not in (None, endpoint["secret"])

    assert (await client.delete(one)).status_code == 204
    assert (await client.get(one)).status_code == 404
    assert await outbox(engine, endpoint["id"]) == []
    assert (await client.get("/v1/webhook-endpoints")).json()["data"] == []


async def test_only_a_platform_admin_may_touch_platform_endpoints(
    client: httpx.AsyncClient, receiver: Receiver
) -> None:
    endpoint = await subscribe(client, "/v1", receiver.url, ["*"])
    account = await open_account(client)
    keys = {role: await mint_key(client, account["id"], role) for role in ("owner", "admin")}
    rep = await client.post(
        "/v1/api-keys",
        json={"name": "rep", "role": "sales_rep", "email": "rita@sales.example.com"},
    )
    keys["sales_rep"] = rep.json()["key"]
    one = f"/v1/webhook-endpoints/{endpoint['id']}"
    for role, key in keys.items():
        headers = bearer(key)
        attempts = [
            await client.post(
                "/v1/webhook-endpoints",
                json={"url": receiver.url, "event_types": ["*"]},
                headers=headers,
            ),
            await client.get("/v1/webhook-endpoints", headers=headers),
            await client.get(one, headers=headers),
            await client.patch(one, json={"enabled": False}, headers=headers),
            await client.post(f"{one}/rotate-secret", headers=headers),
            await client.post(f"{one}/test", headers=headers),
            await client.delete(one, headers=headers),
        ]
        for response in attempts:
            assert response.status_code == 403, (role, response.request.url, response.text)
            assert response.json()["code"] == "insufficient_role"
    listed = (await client.get("/v1/webhook-endpoints")).json()["data"]
    assert [(e["id"], e["enabled"]) for e in listed] == [(endpoint["id"], True)]
