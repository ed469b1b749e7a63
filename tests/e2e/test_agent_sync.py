"""Bulk agent sync: an integration script makes the account's agents match a
list. A dry run plans (add, update, remove, missing seats, quote) and writes
nothing; applying writes exactly that plan, all or nothing, and never removes
the owner."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.models import Base
from tests.builders import bearer, mint_key, open_account
from tests.integration.test_round_trips import statements
from tests.seat_checks import assert_counters_match_rows

SUITE = ["chat", "explore", "guide", "support", "talk"]
SUITE_MONTHLY = 5500 + 1900 + 2900 + 2900 + 3900
SELL_MONTHLY = 4900


def person(user_id: str, **overrides: Any) -> dict[str, Any]:
    return {"user_id": user_id, "email": f"{user_id}@acme.example", "name": user_id, **overrides}


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple[str, ...]]]:
    async with engine.connect() as connection:
        return {
            table.name: sorted(
                tuple(str(v) for v in row)
                for row in (await connection.execute(table.select())).all()
            )
            for table in Base.metadata.sorted_tables
        }


async def add(client: httpx.AsyncClient, account_id: str, user_id: str, **body: Any) -> None:
    added = await client.post(f"/v1/accounts/{account_id}/agents", json=person(user_id, **body))
    assert added.status_code == 201, added.text


async def agents(client: httpx.AsyncClient, account_id: str) -> dict[str, dict[str, Any]]:
    listed = await client.get(f"/v1/accounts/{account_id}/agents", params={"limit": 200})
    assert listed.status_code == 200
    return {a["user_id"]: a for a in listed.json()["data"]}


async def events(client: httpx.AsyncClient, account_id: str) -> list[dict[str, Any]]:
    listed = await client.get(f"/v1/accounts/{account_id}/events", params={"limit": 200})
    return list(listed.json()["data"])


async def sync(
    client: httpx.AsyncClient,
    account_id: str,
    people: list[dict[str, Any]],
    headers: dict[str, str] | None = None,
    **options: Any,
) -> httpx.Response:
    """POST .../agent-syncs, with the client's platform-admin key unless `headers` say."""
    return await client.post(
        f"/v1/accounts/{account_id}/agent-syncs",
        json={"agents": people, **options},
        headers=headers,
    )


SYNC_EVENTS = (
    "agent_sync.applied",
    "agent.added",
    "agent.updated",
    "agent.downgraded",
    "agent.removed",
)


async def sync_events(client: httpx.AsyncClient, account_id: str) -> list[dict[str, Any]]:
    """The events a sync records, newest first (seat alerts left out)."""
    return [e for e in await events(client, account_id) if e["type"] in SYNC_EVENTS]


async def test_a_dry_run_plans_every_change_the_missing_seats_and_their_price_and_writes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 3}, {"product": "sell", "seats": 2}],
    )
    account_id = account["id"]
    await add(client, account_id, "u1", products=SUITE)
    await add(client, account_id, "u2", products=["sell"])
    await add(client, account_id, "u3", products=["support"])
    before = await snapshot(engine)

    planned = await sync(
        client,
        account_id,
        [
            person("u1", email="u1.new@acme.example", products=SUITE),
            person("u2", products=["sell", "support"]),
            person("u5", products=["sell"]),
            person("u6"),
        ],
        remove_missing=True,
    )

    assert planned.status_code == 200, planned.text
    plan = planned.json()
    assert plan["dry_run"] is True
    assert plan["add"] == [
        {**person("u5"), "role": "agent", "products": ["sell"]},
        {**person("u6"), "role": "agent", "products": sorted([*SUITE, "sell"])},
    ]
    assert [(u["user_id"], u["changes"]) for u in plan["update"]] == [
        ("u1", {"email": {"from": "u1@acme.example", "to": "u1.new@acme.example"}}),
        ("u2", {"products": {"from": ["sell"], "to": ["sell", "support"]}}),
    ]
    assert [(r["user_id"], r["products"]) for r in plan["remove"]] == [("u3", ["support"])]
    # support: 3 held - u3 + u2 + u6 = 4 on 3; sell: 2 held + u5 + u6 = 4 on 2.
    assert plan["missing_seats"] == [
        {"product": "sell", "count": 2},
        {"product": "support", "count": 1},
    ]
    quote = plan["quote"]
    assert {(ln["product"], ln["from"], ln["to"]) for ln in quote["lines"]} == {
        ("sell", 2, 4),
        *((p, 3, 4) for p in SUITE),
    }
    assert quote["amount_due"] == SUITE_MONTHLY + 2 * SELL_MONTHLY  # the term's first day
    assert quote["currency"] == "USD"
    assert plan["seat_change_id"] is None
    assert await snapshot(engine) == before


async def test_applying_writes_exactly_what_the_dry_run_planned(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 5}, {"product": "sell", "seats": 4}],
    )
    account_id = account["id"]
    owner_id = account["owner"]["user_id"]
    for user_id in ("u1", "u3", "u4"):
        await add(client, account_id, user_id, products=["support"])
    await add(client, account_id, "u2", products=["sell"])
    demoted = await client.patch(f"/v1/accounts/{account_id}/agents/u3", json={"role": "end_user"})
    assert demoted.status_code == 200
    hook = await client.post(
        f"/v1/accounts/{account_id}/webhook-endpoints",
        json={"url": "http://127.0.0.1:9/hook", "event_types": ["*"]},
    )
    assert hook.status_code == 201
    before = await agents(client, account_id)
    version = (await client.get(f"/v1/accounts/{account_id}/subscription")).headers["etag"]
    people = [
        person("u1", role="end_user"),  # an agent made an end user
        person("u2", name="Ben Two", products=["sell"]),  # a new name
        person("u3", products=["sell"]),  # an end user made an agent again
        person("u5", products=["support", "sell"]),  # new
        person("u6", role="end_user"),  # new, holding nothing
    ]  # u4 is not listed: removed; the owner is not listed: kept

    dry = await sync(client, account_id, people, remove_missing=True)
    applied = await sync(client, account_id, people, remove_missing=True, dry_run=False)

    assert dry.status_code == applied.status_code == 200, applied.text
    assert applied.json() == {**dry.json(), "dry_run": False}
    assert applied.headers["etag"] == f'"{int(version.strip(chr(34))) + 1}"'
    after = await agents(client, account_id)
    assert {u: (a["role"], a["products"], a["name"]) for u, a in after.items()} == {
        owner_id: ("agent", sorted([*SUITE, "sell"]), before[owner_id]["name"]),
        "u1": ("end_user", [], "u1"),
        "u2": ("agent", ["sell"], "Ben Two"),
        "u3": ("agent", ["sell"], "u3"),
        "u5": ("agent", ["sell", "support"], "u5"),
        "u6": ("end_user", [], "u6"),
    }
    assert after["u1"]["downgrade_reason"] == "manual"
    assert after["u3"]["agent_since"] > before["u3"]["agent_since"]  # the newest agent again
    assert after["u3"]["downgraded_at"] is None
    counters = await assert_counters_match_rows(engine, account_id)
    assert counters == {"support": 2, "sell": 4, **{p: 1 for p in SUITE if p != "support"}}

    trail = await sync_events(client, account_id)
    summary = trail[0]
    assert summary["type"] == "agent_sync.applied"
    assert summary["data"] == {
        "agents": 5,
        "added": 2,
        "updated": 3,
        "removed": 1,
        "remove_missing": True,
        "seats_taken": [
            {"product": "sell", "taken": 2, "freed": 0},
            {"product": "support", "taken": 1, "freed": 2},
        ],
        "seat_change_id": None,
    }
    mine = {(e["type"], e["data"]["user_id"]) for e in trail[1:7]}
    assert mine == {
        ("agent.added", "u5"),
        ("agent.added", "u6"),
        ("agent.downgraded", "u1"),
        ("agent.updated", "u2"),
        ("agent.updated", "u3"),
        ("agent.removed", "u4"),
    }
    by_user = {e["data"]["user_id"]: e["data"] for e in trail[1:7]}
    assert by_user["u1"] == {
        "user_id": "u1",
        "products": ["support"],
        "reason": "manual",
        "role": "end_user",
    }
    assert by_user["u3"]["added"] == ["sell"]
    assert by_user["u6"]["role"] == "end_user"
    async with engine.connect() as connection:
        queued = (
            await connection.execute(
                text("SELECT event_id FROM webhook_deliveries WHERE account_id = :a"),
                {"a": account_id},
            )
        ).scalars()
        outbox = set(queued)
    assert {e["id"] for e in trail[:7]} <= outbox  # every event of the sync went out

    again = await sync(client, account_id, people, remove_missing=True, dry_run=False)
    assert (again.json()["add"], again.json()["update"], again.json()["remove"]) == ([], [], [])
    assert (await sync_events(client, account_id))[0]["id"] == summary["id"]  # nothing new


async def test_a_shortfall_refuses_the_whole_sync_and_changes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 5}, {"product": "sell", "seats": 2}],
    )
    account_id = account["id"]
    await add(client, account_id, "u1", products=["support"])
    owner = bearer(await mint_key(client, account_id, "owner"))
    before = await snapshot(engine)
    people = [
        person("u1", name="Renamed", products=["support"]),
        *(person(f"n{n}", products=["sell"]) for n in range(3)),
    ]

    refused = await sync(client, account_id, people, owner, dry_run=False)

    assert refused.status_code == 409
    problem = refused.json()
    assert problem["code"] == "seats_exhausted"
    assert problem["missing"] == [
        {"product": "sell", "capacity": 2, "assigned": 1, "count": 2, "waiting": 0}
    ]
    assert problem["quote"]["amount_due"] == 2 * SELL_MONTHLY
    assert [(ln["product"], ln["from"], ln["to"]) for ln in problem["quote"]["lines"]] == [
        ("sell", 2, 4)
    ]
    options = {o["channel"]: o["available"] for o in problem["purchase_options"]["options"]}
    assert options["on_the_fly"] is True  # the caller could have bought them
    assert await snapshot(engine) == before  # not even the rename


async def test_missing_seats_are_bought_for_the_owner_and_never_for_an_admin(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 1}, {"product": "sell", "seats": 1}],
    )
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    admin = bearer(await mint_key(client, account_id, "admin"))
    people = [person("u1", products=["sell"]), person("u2", products=["sell"])]
    url = f"/v1/accounts/{account_id}/agent-syncs"
    body = {"agents": people, "buy_missing_seats": True, "dry_run": False}
    before = await snapshot(engine)

    by_admin = await client.post(url, json=body, headers=admin)

    assert by_admin.status_code == 409
    problem = by_admin.json()
    assert problem["code"] == "seats_exhausted"
    assert problem["missing"][0]["count"] == 2
    closed = {o["channel"]: o.get("reason_code") for o in problem["purchase_options"]["options"]}
    assert closed["on_the_fly"] == "not_account_owner"
    assert await snapshot(engine) == before

    by_owner = await client.post(url, json=body, headers=owner)

    assert by_owner.status_code == 200, by_owner.text
    answer = by_owner.json()
    assert [a["user_id"] for a in answer["add"]] == ["u1", "u2"]
    assert answer["missing_seats"] == [{"product": "sell", "count": 2}]
    change_id = answer["seat_change_id"]
    change = (await client.get(f"/v1/accounts/{account_id}/seat-changes/{change_id}")).json()
    assert change["channel"] == "on_the_fly"
    assert [(ln["product"], ln["from"], ln["to"]) for ln in change["lines"]] == [("sell", 1, 3)]
    assert change["amount_due"] == answer["quote"]["amount_due"] == 2 * SELL_MONTHLY
    lines = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    sell = next(ln for ln in lines if ln["product"] == "sell")
    assert (sell["seats"], sell["assigned"]) == (3, 3)
    assert await assert_counters_match_rows(engine, account_id) == {
        "sell": 3,
        **{p: 1 for p in SUITE},
    }
    trail = await sync_events(client, account_id)
    assert trail[0]["type"] == "agent_sync.applied"
    assert trail[0]["data"]["seat_change_id"] == change_id
    added = {e["data"]["user_id"]: e["data"] for e in trail if e["type"] == "agent.added"}
    assert {u: a["seat_change_id"] for u, a in added.items()} == {"u1": change_id, "u2": change_id}


async def test_the_owner_is_never_removed_demoted_or_left_without_a_product(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client)
    account_id = account["id"]
    owner_id = account["owner"]["user_id"]
    await add(client, account_id, "u1")
    await add(client, account_id, "u2")
    before = await snapshot(engine)

    for listed in (person(owner_id, role="end_user"), person(owner_id, products=["support"])):
        refused = await sync(client, account_id, [listed], dry_run=False)
        assert refused.status_code == 409
        assert (refused.json()["code"], refused.json()["user_id"]) == ("owner_protected", owner_id)
    assert await snapshot(engine) == before

    emptied = await sync(client, account_id, [], remove_missing=True, dry_run=False)

    assert emptied.status_code == 200
    assert [r["user_id"] for r in emptied.json()["remove"]] == ["u1", "u2"]
    assert list(await agents(client, account_id)) == [owner_id]
    assert await assert_counters_match_rows(engine, account_id) == {p: 1 for p in SUITE}

    renamed = await sync(
        client,
        account_id,
        [person(owner_id, email="boss@acme.example", name="Boss")],
        dry_run=False,
    )
    assert renamed.json()["update"][0]["changes"] == {
        "email": {"from": account["owner"]["email"], "to": "boss@acme.example"},
        "name": {"from": account["owner"]["name"], "to": "Boss"},
    }
    owner = (await client.get(f"/v1/accounts/{account_id}")).json()["owner"]
    assert (owner["email"], owner["name"]) == ("boss@acme.example", "Boss")


async def test_without_remove_missing_those_not_listed_stay(client: httpx.AsyncClient) -> None:
    account = await open_account(client)
    account_id = account["id"]
    await add(client, account_id, "u1")
    await add(client, account_id, "u2")

    kept = await sync(client, account_id, [person("u3")], dry_run=False)

    assert kept.status_code == 200
    assert (kept.json()["remove"], [a["user_id"] for a in kept.json()["add"]]) == ([], ["u3"])
    assert set(await agents(client, account_id)) == {account["owner"]["user_id"], "u1", "u2", "u3"}


async def test_too_many_agents_a_repeated_user_or_a_bad_entry_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 5}, {"product": "sell", "seats": 5}],
    )
    account_id = account["id"]
    await add(client, account_id, "u1")
    viewer = bearer(await mint_key(client, account_id, "viewer"))
    before = await snapshot(engine)

    too_many = await sync(
        client,
        account_id,
        [{"user_id": f"x{n}", "email": f"x{n}@a.io", "name": "X"} for n in range(10_001)],
        dry_run=False,
    )
    assert too_many.status_code == 422
    assert (too_many.json()["code"], too_many.json()["field"], too_many.json()["maximum"]) == (
        "limit_exceeded",
        "agents",
        10_000,
    )

    repeated = await sync(
        client,
        account_id,
        [person("u2"), person("u1"), person("u2"), person("u1")],
        dry_run=False,
    )
    assert repeated.status_code == 422
    assert (repeated.json()["code"], repeated.json()["user_ids"]) == (
        "duplicate_user_id",
        ["u1", "u2"],
    )

    unsubscribed = await sync(
        client,
        account_id,
        [person("u2"), person("u3", products=["sell", "bogus"])],
        dry_run=False,
    )
    assert unsubscribed.status_code == 422
    problem = unsubscribed.json()
    assert (problem["code"], problem["products"], problem["user_id"]) == (
        "product_not_subscribed",
        ["bogus"],
        "u3",
    )

    end_user_with_seats = await sync(
        client, account_id, [person("u2", role="end_user", products=["sell"])], dry_run=False
    )
    assert end_user_with_seats.status_code == 422
    assert end_user_with_seats.json()["errors"][0]["loc"][:3] == ["body", "agents", 0]

    read_only = await client.post(
        f"/v1/accounts/{account_id}/agent-syncs",
        json={"agents": [person("u2")], "dry_run": False},
        headers=viewer,
    )
    assert read_only.status_code == 403
    assert await snapshot(engine) == before


async def test_the_same_sync_sent_twice_at_once_applies_once(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 1}, {"product": "sell", "seats": 30}],
    )
    account_id = account["id"]
    people = [person(f"u{n}", products=["sell"]) for n in range(25)]

    first, second = await asyncio.gather(
        sync(client, account_id, people, dry_run=False),
        sync(client, account_id, people, dry_run=False),
    )

    assert (first.status_code, second.status_code) == (200, 200)
    added = sorted([len(first.json()["add"]), len(second.json()["add"])])
    assert added == [0, 25]  # the second planned against what the first left
    assert (await assert_counters_match_rows(engine, account_id))["sell"] == 26
    trail = await sync_events(client, account_id)
    assert [e["type"] for e in trail].count("agent_sync.applied") == 1


async def test_ten_thousand_agents_sync_in_one_request(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 1}, {"product": "sell", "seats": 10_001}],
    )
    account_id = account["id"]
    people = [
        {"user_id": f"s{n:05d}", "email": f"s{n}@a.io", "name": "S", "products": ["sell"]}
        for n in range(10_000)
    ]

    applied = await sync(client, account_id, people, dry_run=False)

    assert applied.status_code == 200, applied.text[:500]
    assert len(applied.json()["add"]) == 10_000
    async with engine.connect() as connection:
        counts = (
            await connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM agents WHERE account_id = :a), "
                    "(SELECT count(*) FROM agent_seats WHERE account_id = :a "
                    "AND product = 'sell'), "
                    "(SELECT assigned FROM subscription_lines WHERE account_id = :a "
                    "AND product = 'sell'), "
                    "(SELECT count(*) FROM events WHERE account_id = :a AND type = 'agent.added'), "
                    "(SELECT count(*) FROM events WHERE account_id = :a "
                    "AND type = 'agent_sync.applied')"
                ),
                {"a": account_id},
            )
        ).one()
    # Agents, Sell seats and the Sell counter: the owner's and 10,000 more.
    assert tuple(counts) == (10_001, 10_001, 10_001, 10_000, 1)

    again = await sync(client, account_id, people[:5_000], remove_missing=True)
    plan = again.json()
    assert (len(plan["add"]), len(plan["update"]), len(plan["remove"])) == (0, 0, 5_000)


async def _statements_of_a_sync(
    client: httpx.AsyncClient, engine: AsyncEngine, size: int
) -> list[str]:
    """The statements a sync of `size` people sends that adds, changes (names,
    seats taken, seats given back) and removes agents, with an endpoint that
    wants every event."""
    account = await open_account(
        client,
        subscription=[{"suite": "support_suite", "seats": 200}, {"product": "sell", "seats": 200}],
    )
    account_id = account["id"]
    hook = await client.post(
        f"/v1/accounts/{account_id}/webhook-endpoints",
        json={"url": "http://127.0.0.1:9/hook", "event_types": ["*"]},
    )
    assert hook.status_code == 201
    first = [person(f"a{n}", products=["sell"]) for n in range(size)]
    assert (await sync(client, account_id, first, dry_run=False)).status_code == 200
    half, quarter = size // 2, size // 4
    second = [
        *(person(f"a{n}", name="New", products=["sell", "support"]) for n in range(half)),
        *(person(f"a{n}", products=["support"]) for n in range(half, half + quarter)),
        *(person(f"b{n}", products=["sell"]) for n in range(half)),
    ]  # the last quarter of the a's is not listed: removed

    with statements(engine) as sent:
        applied = await sync(client, account_id, second, remove_missing=True, dry_run=False)

    assert applied.status_code == 200, applied.text
    plan = applied.json()
    assert (len(plan["add"]), len(plan["update"]), len(plan["remove"])) == (
        half,
        half + quarter,
        quarter,
    )
    return sent


async def test_a_sync_costs_the_same_statements_for_ten_times_the_agents(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    small = await _statements_of_a_sync(client, engine, 8)
    large = await _statements_of_a_sync(client, engine, 80)

    assert sorted(s.split()[0] for s in large) == sorted(s.split()[0] for s in small), large
    assert len(large) <= 30, large  # batched: never a statement per agent
