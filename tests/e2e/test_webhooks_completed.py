"""Webhooks that can be managed: the event-type catalog, PATCH, secret rotation
with both signatures, a test ping, redelivery, opaque delivery ids, no
head-of-line blocking, and one shape of agent.downgraded."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.domain.event_types import EVENT_TYPES
from app.main import create_app
from app.runtime import Runtime
from app.services.dispatcher import Dispatcher
from tests.builders import bearer, mint_key, open_account
from tests.conftest import ADMIN_KEY, TickingClock
from tests.receiver import Receiver, running_receiver
from tests.webhook_fixtures import outbox, signed_by, subscribe


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


async def sell_account(client: httpx.AsyncClient, seats: int = 3) -> str:
    account = await open_account(client, subscription=[{"product": "sell", "seats": seats}])
    return str(account["id"])


async def add_agent(client: httpx.AsyncClient, account_id: str, n: int) -> None:
    added = await client.post(
        f"/v1/accounts/{account_id}/agents",
        json={"user_id": f"u{n}", "email": f"u{n}@x.example", "name": "A"},
    )
    assert added.status_code == 201, added.text


async def test_event_types_are_listed_documented_and_an_unknown_one_is_refused(
    client: httpx.AsyncClient, receiver: Receiver
) -> None:
    listed = await client.get("/v1/event-types")
    assert listed.status_code == 200
    by_type = {t["type"]: t["description"] for t in listed.json()["data"]}
    assert set(by_type) == set(EVENT_TYPES)
    assert {"agent.downgraded", "seats.full", "webhook.test"} <= set(by_type)
    assert "capacity cut" in by_type["agent.downgraded"]
    assert (await client.get("/v1/event-types", headers={"Authorization": ""})).status_code == 401

    spec = (await client.get("/openapi.json")).json()
    assert set(spec["webhooks"]) == set(EVENT_TYPES)
    reference = spec["webhooks"]["agent.downgraded"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    assert reference == {"$ref": "#/components/schemas/AgentDowngradedEvent"}
    payload = spec["components"]["schemas"]["AgentDowngradedEvent"]
    data = payload["properties"]["data"]
    assert data["required"] == ["account_id", "user_id", "products", "reason", "role"]
    assert data["properties"]["products"]["items"] == {"type": "string"}
    assert payload["properties"]["type"] == {"type": "string", "const": "agent.downgraded"}

    account_id = await sell_account(client)
    url = f"/v1/accounts/{account_id}/webhook-endpoints"
    refused = await client.post(
        url, json={"url": receiver.url, "event_types": ["agent.added", "agent.exploded"]}
    )
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert (refused.json()["code"], refused.json()["event_types"]) == (
        "unknown_event_type",
        ["agent.exploded"],
    )
    assert (await client.get(url)).json()["data"] == []

    endpoint = await subscribe(client, f"/v1/accounts/{account_id}", receiver.url, ["*"])
    patched = await client.patch(f"{url}/{endpoint['id']}", json={"event_types": ["seat.full"]})
    assert (patched.status_code, patched.json()["code"]) == (422, "unknown_event_type")
    assert (await client.get(f"{url}/{endpoint['id']}")).json()["event_types"] == ["*"]


async def test_patch_changes_the_url_the_types_and_whether_it_is_enabled(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher, engine: AsyncEngine
) -> None:
    account_id = await sell_account(client, seats=5)
    url = f"/v1/accounts/{account_id}/webhook-endpoints"
    endpoint = await subscribe(client, f"/v1/accounts/{account_id}", receiver.url, ["seats.full"])
    receiver.secrets.append(endpoint["secret"])
    one = f"{url}/{endpoint['id']}"

    with running_receiver() as other:
        other.secrets.append(endpoint["secret"])
        patched = await client.patch(one, json={"url": other.url, "event_types": ["agent.added"]})
        assert patched.status_code == 200, patched.text
        assert patched.json() | {"created_at": None} == {
            "id": endpoint["id"],
            "account_id": account_id,
            "url": other.url,
            "event_types": ["agent.added"],
            "enabled": True,
            "previous_secret_expires_at": None,
            "created_at": None,
        }
        await add_agent(client, account_id, 1)
        await dispatcher.drain()
        assert [r["body"]["type"] for r in other.received] == ["agent.added"]
        assert receiver.received == []

        disabled = await client.patch(one, json={"enabled": False})
        assert disabled.json()["enabled"] is False
        await add_agent(client, account_id, 2)  # not queued for a disabled endpoint
        assert (await client.patch(one, json={"enabled": True})).json()["enabled"] is True
        await add_agent(client, account_id, 3)
        await dispatcher.drain()
        assert [r["body"]["data"]["user_id"] for r in other.received] == ["u1", "u3"]
        assert [row.event_type for row in await outbox(engine, endpoint["id"])] == [
            "agent.added",
            "agent.added",
        ]

    bad = await client.patch(one, json={"url": "ftp://hooks.example.com/x"})
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_url")
    unknown_field = await client.patch(one, json={"secret": "whsec_x"})
    assert unknown_field.status_code == 422
    assert (await client.get(one)).json()["url"] == other.url

    updates = (
        await client.get(
            f"/v1/accounts/{account_id}/events", params={"type": "webhook_endpoint.updated"}
        )
    ).json()["data"]
    assert [e["data"]["changes"] for e in reversed(updates)] == [
        {
            "url": {"from": receiver.url, "to": other.url},
            "event_types": {"from": ["seats.full"], "to": ["agent.added"]},
        },
        {"enabled": {"from": True, "to": False}},
        {"enabled": {"from": False, "to": True}},
    ]


async def test_a_rotated_secret_signs_alongside_the_old_one_for_a_day(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher, now_clock: TickingClock
) -> None:
    account_id = await sell_account(client)
    endpoint = await subscribe(client, f"/v1/accounts/{account_id}", receiver.url, ["agent.added"])
    old = endpoint["secret"]
    receiver.secrets.append(old)  # the receiver has not switched yet
    rotate = f"/v1/accounts/{account_id}/webhook-endpoints/{endpoint['id']}/rotate-secret"
    rotated = await client.post(rotate, headers={"Idempotency-Key": "rotate-1"})
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["secret"]
    assert new.startswith("whsec_") and new != old
    expires = datetime.fromisoformat(rotated.json()["previous_secret_expires_at"])
    assert timedelta(hours=23, minutes=59) < expires - now_clock.now() <= timedelta(hours=24)
    replay = await client.post(rotate, headers={"Idempotency-Key": "rotate-1"})
    assert replay.headers.get("idempotent-replayed") == "true"
    assert replay.json()["secret"] is None  # never stored in an answer

    await add_agent(client, account_id, 1)
    await dispatcher.drain()
    (during,) = receiver.received
    assert len(during["headers"]["webhook-signature"].split(" ")) == 2
    assert signed_by(during, old) and signed_by(during, new)

    now_clock.advance(timedelta(hours=24, minutes=1))
    receiver.secrets[:] = [new]
    await add_agent(client, account_id, 2)
    await dispatcher.drain()
    after = receiver.received[1]
    assert after["body"]["data"]["user_id"] == "u2"
    assert len(after["headers"]["webhook-signature"].split(" ")) == 1
    assert signed_by(after, new) and not signed_by(after, old)
    got = (await client.get(f"/v1/accounts/{account_id}/webhook-endpoints/{endpoint['id']}")).json()
    assert got["previous_secret_expires_at"] is None
    assert receiver.bad_signatures == 0


async def test_a_test_ping_goes_to_that_endpoint_only_and_is_not_an_audit_event(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher, engine: AsyncEngine
) -> None:
    account_id = await sell_account(client)
    base = f"/v1/accounts/{account_id}"
    endpoint = await subscribe(client, base, receiver.url, ["agent.added"])
    receiver.secrets.append(endpoint["secret"])
    bystander = await subscribe(client, base, receiver.url, ["*"])

    ping = await client.post(f"{base}/webhook-endpoints/{endpoint['id']}/test")
    assert ping.status_code == 202, ping.text
    queued = ping.json()
    assert queued["id"].startswith("dlv_") and queued["event_type"] == "webhook.test"
    assert queued["status"] == "pending"
    await dispatcher.drain()

    (delivered,) = receiver.received
    assert delivered["headers"]["webhook-id"] == queued["event_id"]
    assert delivered["body"]["type"] == "webhook.test"
    assert delivered["body"]["data"] == {"account_id": account_id, "endpoint_id": endpoint["id"]}
    deliveries = (await client.get(f"{base}/webhook-endpoints/{endpoint['id']}/deliveries")).json()
    assert [(d["id"], d["status"], d["attempts"]) for d in deliveries["data"]] == [
        (queued["id"], "delivered", 1)
    ]
    assert "webhook.test" not in [r.event_type for r in await outbox(engine, bystander["id"])]
    events = (await client.get(f"{base}/events", params={"type": "webhook.test"})).json()
    assert events["data"] == []

    await client.patch(f"{base}/webhook-endpoints/{endpoint['id']}", json={"enabled": False})
    refused = await client.post(f"{base}/webhook-endpoints/{endpoint['id']}/test")
    assert (refused.status_code, refused.json()["code"]) == (409, "webhook_endpoint_disabled")
    assert len(await outbox(engine, endpoint["id"])) == 1


async def test_a_failed_delivery_is_sent_again_on_retry(
    client: httpx.AsyncClient,
    receiver: Receiver,
    dispatcher: Dispatcher,
    now_clock: TickingClock,
    engine: AsyncEngine,
) -> None:
    account_id = await sell_account(client)
    base = f"/v1/accounts/{account_id}"
    endpoint = await subscribe(client, base, receiver.url, ["agent.added"])
    receiver.secrets.append(endpoint["secret"])
    receiver.down = True
    await add_agent(client, account_id, 1)
    await dispatcher.drain()
    now_clock.advance(timedelta(hours=25))
    await dispatcher.drain()
    (failed,) = (await client.get(f"{base}/webhook-endpoints/{endpoint['id']}/deliveries")).json()[
        "data"
    ]
    assert (failed["status"], failed["attempts"], failed["last_status_code"]) == ("failed", 2, 503)

    receiver.down = False
    retried = await client.post(f"{base}/deliveries/{failed['id']}/retry")
    assert retried.status_code == 200, retried.text
    assert (retried.json()["id"], retried.json()["status"]) == (failed["id"], "pending")
    assert await dispatcher.drain() == 1
    (delivered,) = receiver.received
    assert delivered["headers"]["webhook-id"] == failed["event_id"]
    (row,) = await outbox(engine, endpoint["id"])
    assert (row.id, row.status, row.attempts) == (failed["id"], "delivered", 3)
    assert row.retried_at is not None
    audit = (await client.get(f"{base}/events", params={"type": "webhook_delivery.retried"})).json()
    assert [e["data"] for e in audit["data"]] == [
        {"endpoint_id": endpoint["id"], "delivery_id": failed["id"]}
    ]

    # Another account's key, an unknown id and a sequence number are all 404.
    other = await sell_account(client)
    other_owner = bearer(await mint_key(client, other, "owner"))
    foreign = await client.post(
        f"/v1/accounts/{other}/deliveries/{failed['id']}/retry", headers=other_owner
    )
    assert (foreign.status_code, foreign.json()["code"]) == (404, "not_found")
    for unknown in ("dlv_nope", f"dlv_{row.seq}", str(row.seq)):
        response = await client.post(f"{base}/deliveries/{unknown}/retry")
        assert response.status_code == 404, unknown


async def test_a_failing_event_does_not_hold_back_the_ones_after_it(
    client: httpx.AsyncClient,
    receiver: Receiver,
    dispatcher: Dispatcher,
    now_clock: TickingClock,
    engine: AsyncEngine,
) -> None:
    account_id = await sell_account(client, seats=3)
    endpoint = await subscribe(client, f"/v1/accounts/{account_id}", receiver.url, ["*"])
    receiver.secrets.append(endpoint["secret"])
    receiver.refuse_types = {"seats.full"}
    await add_agent(client, account_id, 1)
    await add_agent(client, account_id, 2)  # the owner, u1 and u2 fill the seats
    removed = await client.delete(f"/v1/accounts/{account_id}/agents/u1")
    assert removed.status_code == 204
    await add_agent(client, account_id, 3)
    await dispatcher.drain()

    rows = await outbox(engine, endpoint["id"])
    types = [row.event_type for row in rows]
    full_at = types.index("seats.full")
    assert {"agent.removed", "agent.added"} <= set(types[full_at + 1 :])  # written after it
    assert [row.status for row in rows] == [
        "pending" if t == "seats.full" else "delivered" for t in types
    ]
    # Every event but the refused ones arrived, the later ones included.
    refused = [row.event_id for row in rows if row.event_type == "seats.full"]
    assert sorted(receiver.ids()) == sorted(
        row.event_id for row in rows if row.event_type != "seats.full"
    )
    # Opaque, unique ids: dlv_ and random, never the outbox's sequence.
    ids = [row.id for row in rows]
    assert len(set(ids)) == len(ids)
    for row in rows:
        assert row.id.startswith("dlv_") and len(row.id) > 20 and row.id != f"dlv_{row.seq}"

    receiver.refuse_types = set()
    now_clock.advance(timedelta(seconds=10))
    assert await dispatcher.drain() == len(refused)
    assert sorted(receiver.ids()[-len(refused) :]) == sorted(refused)
    # Each body says when its event happened: a receiver orders by it.
    stamps = {r["headers"]["webhook-id"]: r["body"]["timestamp"] for r in receiver.received}
    assert [stamps[row.event_id] for row in rows] == sorted(stamps.values())


async def test_agent_downgraded_has_one_shape_for_a_manual_demotion_and_a_capacity_cut(
    client: httpx.AsyncClient, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    account = await open_account(
        client, subscription=[{"product": "sell", "seats": 3}, {"product": "support", "seats": 3}]
    )
    account_id = account["id"]
    endpoint = await subscribe(
        client, f"/v1/accounts/{account_id}", receiver.url, ["agent.downgraded"]
    )
    receiver.secrets.append(endpoint["secret"])
    agents = f"/v1/accounts/{account_id}/agents"
    for n in (1, 2):
        await client.post(
            agents,
            json={"user_id": f"u{n}", "email": f"u{n}@x.example", "name": "A"},
        )
    demoted = await client.patch(f"{agents}/u1", json={"role": "end_user"})
    assert demoted.status_code == 200, demoted.text

    owner = bearer(await mint_key(client, account_id, "owner"))
    cut = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 1}]},
        headers=owner,
    )
    assert cut.status_code in (200, 201), cut.text
    change_id = cut.json()["id"]
    await dispatcher.drain()

    bodies = sorted((r["body"]["data"] for r in receiver.received), key=lambda d: str(d["reason"]))
    assert bodies == [
        {
            "account_id": account_id,
            "user_id": "u1",
            "products": ["sell", "support"],  # what the manual demotion gave up
            "reason": "manual",
            "role": "end_user",
        },
        {
            "account_id": account_id,
            "user_id": "u2",
            "products": ["sell"],  # what the capacity cut took; support is kept
            "reason": "seats_reduced",
            "role": "agent",
            "seat_change_id": change_id,
        },
    ]
    trail = (
        await client.get(f"/v1/accounts/{account_id}/events", params={"type": "agent.downgraded"})
    ).json()["data"]
    assert sorted(({"account_id": account_id, **e["data"]} for e in trail), key=json.dumps) == (
        sorted(bodies, key=json.dumps)
    )


async def test_a_patched_url_is_checked_like_a_new_one(
    settings: Settings, clock: TickingClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    strict = create_app(settings.model_copy(update={"webhook_allow_private": False}), clock=clock)

    async def public(host: str) -> list[str]:
        return ["93.184.216.34"]

    async with (
        strict.router.lifespan_context(strict),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=strict),
            base_url="http://t",
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        ) as http,
    ):
        monkeypatch.setattr("app.services.webhooks.resolve", public)
        account = await open_account(http)
        base = f"/v1/accounts/{account['id']}/webhook-endpoints"
        created = await http.post(
            base, json={"url": "https://hooks.example.com/in", "event_types": ["*"]}
        )
        assert created.status_code == 201, created.text
        one = f"{base}/{created.json()['id']}"
        for target, reason in (
            ("http://127.0.0.1:9000/x", "loopback"),
            ("http://169.254.169.254/latest", "link-local"),
            ("http://10.1.2.3/x", "private"),
        ):
            monkeypatch.setattr("app.services.webhooks.resolve", _resolving(target))
            refused = await http.patch(one, json={"url": target})
            assert refused.status_code == 422, target
            assert (refused.json()["code"], refused.json()["reason"]) == ("private_url", reason)
        assert (await http.get(one)).json()["url"] == "https://hooks.example.com/in"


def _resolving(url: str) -> Any:
    """A resolver answering the URL's own literal address."""
    address = httpx.URL(url).host

    async def resolve(host: str) -> list[str]:
        return [address]

    return resolve
