"""The waiting room: a user asked to wait for a seat instead of being refused,
and let in, oldest first, on every path that frees or adds seats."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.seat_checks import assert_counters_match_rows

RITA = {"name": "Rita Rep", "email": "rita@sales.example.com"}


def agent(user: str, **overrides: Any) -> dict[str, Any]:
    return {"user_id": user, "email": f"{user}@acme.example", "name": user, **overrides}


def waiter(user: str, **overrides: Any) -> dict[str, Any]:
    return agent(user, wait_for_seat=True, **overrides)


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def owned(client: httpx.AsyncClient, **account: Any) -> tuple[str, dict[str, str]]:
    opened = await open_account(client, **account)
    return opened["id"], bearer(await mint_key(client, opened["id"], "owner"))


async def waiting_ids(client: httpx.AsyncClient, account_id: str) -> list[tuple[str, int]]:
    listed = await client.get(f"/v1/accounts/{account_id}/waiting-agents")
    assert listed.status_code == 200, listed.text
    return [(w["user_id"], w["position"]) for w in listed.json()["data"]]


async def lines(client: httpx.AsyncClient, account_id: str) -> dict[str, dict[str, Any]]:
    subscription = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
    return {ln["product"]: ln for ln in subscription["lines"]}


async def agents_with_seats(client: httpx.AsyncClient, account_id: str) -> dict[str, list[str]]:
    listed = (await client.get(f"/v1/accounts/{account_id}/agents", params={"limit": 200})).json()
    return {a["user_id"]: a["products"] for a in listed["data"] if a["role"] == "agent"}


async def admitted_events(client: httpx.AsyncClient, account_id: str) -> list[str]:
    """Who came in from the waiting room, oldest event first."""
    events = (
        await client.get(
            f"/v1/accounts/{account_id}/events", params={"type": "agent.added", "limit": 200}
        )
    ).json()["data"]
    return [e["data"]["user_id"] for e in reversed(events) if e["data"].get("from_waiting_room")]


async def assert_sound(engine: AsyncEngine, account_id: str) -> None:
    """Counters match the rows, never over capacity, each line's waiting
    counter matches the waiting room, nobody both an agent and waiting."""
    await assert_counters_match_rows(engine, account_id)
    async with engine.connect() as connection:
        line_rows = (
            await connection.execute(
                text(
                    "SELECT product, seats + temporary_seats, assigned, waiting "
                    "FROM subscription_lines WHERE account_id = :a"
                ),
                {"a": account_id},
            )
        ).all()
        waiting_rows = (
            await connection.execute(
                text("SELECT user_id, products FROM waiting_agents WHERE account_id = :a"),
                {"a": account_id},
            )
        ).all()
        both = (
            await connection.execute(
                text(
                    "SELECT count(*) FROM waiting_agents w JOIN agents a "
                    "ON a.account_id = w.account_id AND a.user_id = w.user_id "
                    "WHERE w.account_id = :a"
                ),
                {"a": account_id},
            )
        ).scalar_one()
    wanted: dict[str, int] = {}
    for _, products in waiting_rows:
        for product in products if isinstance(products, list) else json.loads(products):
            wanted[product] = wanted.get(product, 0) + 1
    for product, capacity, assigned, waiting in line_rows:
        assert assigned <= capacity, product
        assert waiting == wanted.get(product, 0), product
    assert both == 0


async def test_a_user_waits_with_202_in_order_and_is_refused_twice(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    url = f"/v1/accounts/{account_id}/agents"
    assert (await client.post(url, json=agent("a1"), headers=owner)).status_code == 201
    sell_before = (await lines(client, account_id))["sell"]
    before = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["version"]

    first = await client.post(url, json=waiter("w1"), headers=owner)
    second = await client.post(url, json=waiter("w2", products=["sell"]), headers=owner)

    assert first.status_code == 202, first.text
    body = first.json()
    assert body["user_id"] == "w1"
    assert body["status"] == "waiting"
    assert body["products"] == ["sell"]
    assert body["position"] == 1
    assert body["queued_at"].startswith("20")
    assert second.status_code == 202
    assert second.json()["position"] == 2
    assert await waiting_ids(client, account_id) == [("w1", 1), ("w2", 2)]
    assert sell_before["waiting"] == 0
    subscription = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
    assert subscription["lines"][0]["waiting"] == 2
    assert subscription["version"] > before  # the subscription shows them

    # Paginated like every list, the position going on from page to page.
    page1 = (
        await client.get(f"/v1/accounts/{account_id}/waiting-agents", params={"limit": 1})
    ).json()
    assert [(w["user_id"], w["position"]) for w in page1["data"]] == [("w1", 1)]
    page2 = (
        await client.get(
            f"/v1/accounts/{account_id}/waiting-agents",
            params={"limit": 1, "cursor": page1["next_cursor"]},
        )
    ).json()
    assert [(w["user_id"], w["position"]) for w in page2["data"]] == [("w2", 2)]
    assert page2["next_cursor"] is None

    # Refused without waiting: the refusal says how many wait, in a field and in words.
    refused = await client.post(url, json=agent("a2"), headers=owner)
    assert refused.status_code == 409
    problem = refused.json()
    assert problem["code"] == "seats_exhausted"
    assert problem["waiting"] == 2
    assert "2 agents are waiting for a seat" in problem["detail"]
    assert problem["missing"] == [
        {"product": "sell", "capacity": 2, "assigned": 2, "count": 1, "waiting": 2}
    ]

    # Already waiting, or already an agent: refused clearly, whichever way.
    again = await client.post(url, json=waiter("w1"), headers=owner)
    plain = await client.post(url, json=agent("w1"), headers=owner)
    member = await client.post(url, json=waiter("a1"), headers=owner)
    assert (again.status_code, again.json()["code"]) == (409, "already_waiting")
    assert (plain.status_code, plain.json()["code"]) == (409, "already_waiting")
    assert (member.status_code, member.json()["code"]) == (409, "agent_exists")
    assert await waiting_ids(client, account_id) == [("w1", 1), ("w2", 2)]

    queued = (
        await client.get(
            f"/v1/accounts/{account_id}/events", params={"type": "waiting_agent.added"}
        )
    ).json()["data"]
    assert [e["data"]["user_id"] for e in queued] == ["w2", "w1"]
    await assert_sound(engine, account_id)


async def test_with_a_free_seat_or_a_purchase_wait_for_seat_adds_at_once(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    url = f"/v1/accounts/{account_id}/agents"
    free = await client.post(url, json=waiter("a1"), headers=owner)
    assert free.status_code == 201
    assert free.json()["role"] == "agent"

    bought = await client.post(url, json=waiter("a2", buy_missing_seats=True), headers=owner)
    assert bought.status_code == 201, bought.text
    assert bought.json()["seat_change_id"].startswith("chg_")
    assert await waiting_ids(client, account_id) == []
    await assert_sound(engine, account_id)


async def test_a_withdrawn_user_leaves_the_queue(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
    url = f"/v1/accounts/{account_id}/agents"
    for user in ("w1", "w2", "w3"):
        assert (await client.post(url, json=waiter(user), headers=owner)).status_code == 202

    gone = await client.delete(f"/v1/accounts/{account_id}/waiting-agents/w2", headers=owner)
    assert gone.status_code == 204
    assert await waiting_ids(client, account_id) == [("w1", 1), ("w3", 2)]
    assert (await lines(client, account_id))["sell"]["waiting"] == 2
    twice = await client.delete(f"/v1/accounts/{account_id}/waiting-agents/w2", headers=owner)
    assert (twice.status_code, twice.json()["code"]) == (404, "not_found")
    removed = (
        await client.get(
            f"/v1/accounts/{account_id}/events", params={"type": "waiting_agent.removed"}
        )
    ).json()["data"]
    assert [(e["data"]["user_id"], e["data"]["products"]) for e in removed] == [("w2", ["sell"])]
    # Withdrawn, they may wait again, at the end of the queue.
    assert (await client.post(url, json=waiter("w2"), headers=owner)).json()["position"] == 3
    await assert_sound(engine, account_id)


async def test_removing_an_agent_lets_the_oldest_in(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    url = f"/v1/accounts/{account_id}/agents"
    await client.post(url, json=agent("a1"), headers=owner)
    for user in ("w1", "w2"):
        await client.post(url, json=waiter(user), headers=owner)

    assert (await client.delete(f"{url}/a1", headers=owner)).status_code == 204

    assert await waiting_ids(client, account_id) == [("w2", 1)]
    seated = await agents_with_seats(client, account_id)
    assert seated["w1"] == ["sell"]
    assert "a1" not in seated
    assert await admitted_events(client, account_id) == ["w1"]
    sell = (await lines(client, account_id))["sell"]
    assert (sell["capacity"], sell["assigned"], sell["waiting"]) == (2, 2, 1)
    await assert_sound(engine, account_id)


async def test_a_manual_downgrade_lets_the_oldest_in(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    url = f"/v1/accounts/{account_id}/agents"
    await client.post(url, json=agent("a1"), headers=owner)
    await client.post(url, json=waiter("w1"), headers=owner)

    demoted = await client.patch(f"{url}/a1", json={"role": "end_user"}, headers=owner)
    assert demoted.status_code == 200, demoted.text

    assert await waiting_ids(client, account_id) == []
    assert (await agents_with_seats(client, account_id))["w1"] == ["sell"]
    assert await admitted_events(client, account_id) == ["w1"]
    await assert_sound(engine, account_id)


async def test_a_purchase_lets_in_as_many_as_it_adds(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
    url = f"/v1/accounts/{account_id}/agents"
    for user in ("w1", "w2", "w3"):
        await client.post(url, json=waiter(user), headers=owner)

    bought = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 3}]},
        headers=owner,
    )
    assert bought.status_code == 201, bought.text

    assert await waiting_ids(client, account_id) == [("w3", 1)]
    assert await admitted_events(client, account_id) == ["w1", "w2"]
    sell = (await lines(client, account_id))["sell"]
    assert (sell["capacity"], sell["assigned"], sell["waiting"]) == (3, 3, 1)
    await assert_sound(engine, account_id)


async def test_seats_bought_on_the_fly_go_to_the_agent_they_were_bought_for(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
    url = f"/v1/accounts/{account_id}/agents"
    await client.post(url, json=waiter("w1"), headers=owner)

    bought = await client.post(url, json=agent("a1", buy_missing_seats=True), headers=owner)

    assert bought.status_code == 201, bought.text
    assert await waiting_ids(client, account_id) == [("w1", 1)]
    await assert_sound(engine, account_id)


async def test_temporary_seats_starting_let_the_waiting_in(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
    url = f"/v1/accounts/{account_id}/agents"
    for user in ("w1", "w2", "w3"):
        await client.post(url, json=waiter(user), headers=owner)
    start = clock.now()

    now = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={
            "product": "sell",
            "seats": 1,
            "starts_at": iso(start),
            "ends_at": iso(start + timedelta(days=5)),
        },
        headers=owner,
    )
    assert now.status_code == 201, now.text
    assert await waiting_ids(client, account_id) == [("w2", 1), ("w3", 2)]

    later = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={
            "product": "sell",
            "seats": 1,
            "starts_at": iso(start + timedelta(days=1)),
            "ends_at": iso(start + timedelta(days=5)),
        },
        headers=owner,
    )
    assert later.status_code == 201, later.text
    assert await waiting_ids(client, account_id) == [("w2", 1), ("w3", 2)]
    clock.advance(timedelta(days=1, seconds=1))
    report = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]
    assert report["started"] == [later.json()["id"]]

    assert await waiting_ids(client, account_id) == [("w3", 1)]
    assert await admitted_events(client, account_id) == ["w1", "w2"]
    await assert_sound(engine, account_id)


async def test_a_fulfilled_sales_request_lets_the_waiting_in(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(
        client,
        billing_mode="sales_assisted",
        sales_rep=RITA,
        subscription=[{"product": "sell", "seats": 1}],
    )
    url = f"/v1/accounts/{account_id}/agents"
    for user in ("w1", "w2"):
        assert (await client.post(url, json=waiter(user), headers=owner)).status_code == 202
    filed = await client.post(
        f"/v1/accounts/{account_id}/sales-requests",
        json={"kind": "add_seats", "product": "sell", "seats": 2},
        headers=owner,
    )
    assert filed.status_code == 201, filed.text

    fulfilled = await client.post(f"/v1/sales-requests/{filed.json()['id']}/fulfill")
    assert fulfilled.status_code == 200, fulfilled.text

    assert await waiting_ids(client, account_id) == []
    assert await admitted_events(client, account_id) == ["w1", "w2"]
    await assert_sound(engine, account_id)


async def test_partial_fits_wait_and_do_not_hold_back_younger_ones(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(
        client,
        subscription=[{"product": "sell", "seats": 2}, {"product": "chat", "seats": 2}],
    )
    url = f"/v1/accounts/{account_id}/agents"
    await client.post(url, json=agent("a_sell", products=["sell"]), headers=owner)
    await client.post(url, json=agent("a_chat", products=["chat"]), headers=owner)
    await client.post(url, json=waiter("w_both", products=["chat", "sell"]), headers=owner)
    await client.post(url, json=waiter("w_chat1", products=["chat"]), headers=owner)
    await client.post(url, json=waiter("w_chat2", products=["chat"]), headers=owner)
    assert {p: ln["waiting"] for p, ln in (await lines(client, account_id)).items()} == {
        "chat": 3,
        "sell": 1,
    }

    # A chat seat frees: the oldest lacks a sell seat and is not seated with chat
    # alone; the next one whose seats are all free comes in.
    await client.delete(f"{url}/a_chat", headers=owner)
    assert await waiting_ids(client, account_id) == [("w_both", 1), ("w_chat2", 2)]
    assert await admitted_events(client, account_id) == ["w_chat1"]

    # A seat of each: the oldest first, who takes the chat seat the younger wanted.
    bought = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 3}, {"product": "chat", "seats": 3}]},
        headers=owner,
    )
    assert bought.status_code == 201, bought.text
    assert await waiting_ids(client, account_id) == [("w_chat2", 1)]
    assert await admitted_events(client, account_id) == ["w_chat1", "w_both"]
    assert sorted((await agents_with_seats(client, account_id))["w_both"]) == ["chat", "sell"]
    assert {p: ln["waiting"] for p, ln in (await lines(client, account_id)).items()} == {
        "chat": 1,
        "sell": 0,
    }
    await assert_sound(engine, account_id)


async def test_seats_full_says_how_many_wait(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    url = f"/v1/accounts/{account_id}/agents"
    await client.post(url, json=agent("a1"), headers=owner)
    for user in ("w1", "w2", "w3"):
        await client.post(url, json=waiter(user), headers=owner)

    # w1 takes the seat a1 freed: full again, with two still waiting.
    await client.delete(f"{url}/a1", headers=owner)

    notices = (await client.get(f"/v1/accounts/{account_id}/notifications")).json()["data"]
    full = [n for n in notices if n["type"] == "seats_full"]
    assert len(full) == 2
    assert full[0]["data"]["waiting"] == 2
    assert "2 agents are waiting for a seat" in full[0]["body"]
    assert full[0]["data"]["lines"] == [
        {"product": "sell", "capacity": 2, "assigned": 2, "waiting": 2}
    ]
    assert full[1]["data"]["waiting"] == 0  # the first time, before anyone waited
    assert "waiting" not in full[1]["body"]
    await assert_sound(engine, account_id)


async def test_bad_input_and_strangers_change_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
    url = f"/v1/accounts/{account_id}/agents"
    await client.post(url, json=waiter("w1"), headers=owner)
    before = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
    viewer = bearer(await mint_key(client, account_id, "viewer"))
    _, stranger = await owned(client)

    answers = [
        await client.post(url, json=agent("w2", wait_for_seat="maybe"), headers=owner),
        await client.post(url, json=waiter("w2", products=["nope"]), headers=owner),
        await client.post(url, json=waiter("w 2"), headers=owner),
        await client.post(url, json=waiter("w2"), headers=viewer),
        await client.post(url, json=waiter("w2"), headers=stranger),
        await client.delete(f"/v1/accounts/{account_id}/waiting-agents/w1", headers=viewer),
        await client.delete(f"/v1/accounts/{account_id}/waiting-agents/w1", headers=stranger),
        await client.delete(f"/v1/accounts/{account_id}/waiting-agents/w%201", headers=owner),
        await client.get(f"/v1/accounts/{account_id}/waiting-agents", headers=stranger),
        await client.get(f"/v1/accounts/{account_id}/waiting-agents", params={"cursor": "bogus"}),
        await client.get(f"/v1/accounts/{account_id}/waiting-agents", params={"limit": 0}),
    ]

    assert [a.status_code for a in answers] == [
        422,
        422,
        422,
        403,
        404,
        403,
        404,
        422,
        404,
        422,
        422,
    ]
    assert all(a.headers["content-type"].startswith("application/problem+json") for a in answers)
    assert answers[1].json()["code"] != "seats_exhausted"
    after = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
    assert after == before
    assert await waiting_ids(client, account_id) == [("w1", 1)]
    await assert_sound(engine, account_id)


async def test_queueing_moves_the_etag_and_a_stale_if_match_queues_nobody(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
    base = f"/v1/accounts/{account_id}"
    tag = (await client.get(f"{base}/subscription")).headers["etag"]

    queued = await client.post(
        f"{base}/agents", json=waiter("w1"), headers={**owner, "If-Match": tag}
    )
    assert queued.status_code == 202, queued.text
    assert queued.headers["etag"] != tag
    assert (await client.get(f"{base}/subscription")).headers["etag"] == queued.headers["etag"]

    stale = await client.post(
        f"{base}/agents", json=waiter("w2"), headers={**owner, "If-Match": tag}
    )
    assert (stale.status_code, stale.json()["code"]) == (412, "precondition_failed")
    gone = await client.delete(f"{base}/waiting-agents/w1", headers={**owner, "If-Match": tag})
    assert gone.status_code == 412
    assert await waiting_ids(client, account_id) == [("w1", 1)]
    await assert_sound(engine, account_id)


async def test_the_same_user_queued_twice_at_once_waits_once(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
    url = f"/v1/accounts/{account_id}/agents"

    answers = await asyncio.gather(
        *(client.post(url, json=waiter("w1"), headers=owner) for _ in range(4))
    )

    assert sorted(a.status_code for a in answers) == [202, 409, 409, 409]
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"already_waiting"}
    assert await waiting_ids(client, account_id) == [("w1", 1)]
    assert (await lines(client, account_id))["sell"]["waiting"] == 1
    await assert_sound(engine, account_id)
