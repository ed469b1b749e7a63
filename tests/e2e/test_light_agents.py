"""Light agents hold no paid seat: given products free, capped per account,
moved to and from the agent role in one transaction, left out of usage,
alerts and every capacity cut (R13)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.seat_checks import assert_counters_match_rows

SUITE = ["chat", "explore", "guide", "support", "talk"]


def person(user_id: str, **overrides: Any) -> dict[str, Any]:
    return {"user_id": user_id, "email": f"{user_id}@acme.example", "name": user_id, **overrides}


def light(user_id: str, **overrides: Any) -> dict[str, Any]:
    return person(user_id, role="light_agent", **overrides)


async def owned_account(client: httpx.AsyncClient, seats: int) -> tuple[str, dict[str, str]]:
    opened = await open_account(client, subscription=[{"suite": "support_suite", "seats": seats}])
    return opened["id"], bearer(await mint_key(client, opened["id"], "owner"))


async def stored(engine: AsyncEngine, account_id: str) -> dict[str, Any]:
    """What the database holds for the account's roles and seats."""
    async with engine.connect() as connection:

        async def rows(sql: str) -> list[tuple[Any, ...]]:
            found = await connection.execute(text(sql), {"a": account_id})
            return sorted(tuple(row) for row in found)

        account = await rows("SELECT light_agents, light_agent_limit FROM accounts WHERE id = :a")
        return {
            "light_agents": int(account[0][0]),
            "light_agent_limit": int(account[0][1]),
            "lines": {
                p: (int(assigned), int(lights))
                for p, assigned, lights in await rows(
                    "SELECT product, assigned, light_agents FROM subscription_lines "
                    "WHERE account_id = :a"
                )
            },
            "roles": dict(await rows("SELECT user_id, role FROM agents WHERE account_id = :a")),
            "paid": await rows("SELECT user_id, product FROM agent_seats WHERE account_id = :a"),
            "free": await rows(
                "SELECT user_id, product FROM light_agent_products WHERE account_id = :a"
            ),
        }


async def events(client: httpx.AsyncClient, account_id: str, kind: str) -> list[dict[str, Any]]:
    answer = await client.get(f"/v1/accounts/{account_id}/events", params={"type": kind})
    assert answer.status_code == 200, answer.text
    return [e["data"] for e in answer.json()["data"]]


async def test_a_light_agent_takes_no_paid_seat_even_when_every_seat_is_taken(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=1)  # the owner holds the only seat
    agents = f"/v1/accounts/{account_id}/agents"
    assert (await client.post(agents, json=person("u1"), headers=owner)).json()[
        "code"
    ] == "seats_exhausted"

    added = await client.post(agents, json=light("l1", products=["support", "chat"]), headers=owner)
    assert added.status_code == 201, added.text
    body = added.json()
    assert (body["role"], body["products"], body["seat_change_id"]) == (
        "light_agent",
        ["chat", "support"],
        None,
    )

    lines = {
        ln["product"]: ln
        for ln in (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    }
    assert {p: (ln["assigned"], ln["light_agents"]) for p, ln in lines.items()} == {
        "chat": (1, 1),
        "explore": (1, 0),
        "guide": (1, 0),
        "support": (1, 1),
        "talk": (1, 0),
    }
    assert {ln["state"] for ln in lines.values()} == {"full"}  # light agents are not usage
    account = (await client.get(f"/v1/accounts/{account_id}")).json()
    assert (account["light_agents"], account["light_agent_limit"]) == (1, 50)
    db = await stored(engine, account_id)
    assert db["roles"]["l1"] == "light_agent"
    assert [row for row in db["paid"] if row[0] == "l1"] == []
    assert db["free"] == [("l1", "chat"), ("l1", "support")]
    assert db["light_agents"] == 1
    assert await assert_counters_match_rows(engine, account_id) == dict.fromkeys(SUITE, 1)
    (added_event,) = await events(client, account_id, "agent.added")
    assert (added_event["role"], added_event["products"]) == ("light_agent", ["chat", "support"])
    listed = (await client.get(agents, params={"role": "light_agent"})).json()["data"]
    assert [a["user_id"] for a in listed] == ["l1"]
    by_product = (await client.get(agents, params={"product": "chat"})).json()["data"]
    assert sorted(a["user_id"] for a in by_product) == sorted([account["owner"]["user_id"], "l1"])


async def test_light_agents_raise_no_usage_alert(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=2)
    for n in range(3):
        answer = await client.post(
            f"/v1/accounts/{account_id}/agents", json=light(f"l{n}"), headers=owner
        )
        assert answer.status_code == 201, answer.text
    lines = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    assert {(ln["assigned"], ln["available"], ln["state"], ln["light_agents"]) for ln in lines} == {
        (1, 1, "ok", 3)
    }
    assert await events(client, account_id, "seats.near_limit") == []
    assert await events(client, account_id, "seats.full") == []
    async with engine.connect() as connection:
        notices = await connection.execute(
            text("SELECT type FROM notifications WHERE account_id = :a"), {"a": account_id}
        )
        assert notices.scalars().all() == []


async def test_the_light_agent_limit_refuses_one_more_and_two_at_once_only_one_wins(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=3)
    agents = f"/v1/accounts/{account_id}/agents"
    refused = await client.patch(
        f"/v1/accounts/{account_id}", json={"light_agent_limit": 2}, headers=owner
    )
    assert refused.status_code == 403  # a platform admin sets it
    patched = await client.patch(f"/v1/accounts/{account_id}", json={"light_agent_limit": 2})
    assert patched.status_code == 200, patched.text
    assert patched.json()["light_agent_limit"] == 2
    (updated,) = await events(client, account_id, "account.updated")
    assert updated["changes"] == {"light_agent_limit": 2}

    assert (await client.post(agents, json=light("l1"), headers=owner)).status_code == 201
    answers = await asyncio.gather(
        client.post(agents, json=light("l2"), headers=owner),
        client.post(agents, json=light("l3"), headers=owner),
    )
    assert sorted(a.status_code for a in answers) == [201, 409]
    loser = next(a for a in answers if a.status_code == 409).json()
    assert (loser["code"], loser["light_agent_limit"], loser["light_agents"]) == (
        "light_agent_limit_reached",
        2,
        2,
    )
    winner = next(a for a in answers if a.status_code == 201).json()["user_id"]
    loser_id = ({"l2", "l3"} - {winner}).pop()
    db = await stored(engine, account_id)
    assert db["light_agents"] == 2
    assert sorted(u for u, role in db["roles"].items() if role == "light_agent") == sorted(
        ["l1", winner]
    )
    assert loser_id not in db["roles"]
    assert {lights for _, lights in db["lines"].values()} == {2}

    # A role change into a light agent meets the same limit, and changes nothing.
    assert (await client.post(agents, json=person("u1"), headers=owner)).status_code == 201
    before = await stored(engine, account_id)
    demote = await client.patch(f"{agents}/u1", json={"role": "light_agent"}, headers=owner)
    assert demote.status_code == 409
    assert demote.json()["code"] == "light_agent_limit_reached"
    assert await stored(engine, account_id) == before

    # The limit is never set below the light agents there are, nor past its maximum.
    lower = await client.patch(f"/v1/accounts/{account_id}", json={"light_agent_limit": 1})
    assert (lower.status_code, lower.json()["code"]) == (409, "light_agent_limit_reached")
    huge = await client.patch(f"/v1/accounts/{account_id}", json={"light_agent_limit": 100_001})
    assert (huge.status_code, huge.json()["code"]) == (422, "limit_exceeded")
    negative = await client.patch(f"/v1/accounts/{account_id}", json={"light_agent_limit": -1})
    assert negative.status_code == 422
    assert (await stored(engine, account_id))["light_agent_limit"] == 2


async def test_an_agent_made_a_light_agent_gives_back_the_paid_seats_in_one_move(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=2)
    agents = f"/v1/accounts/{account_id}/agents"
    assert (await client.post(agents, json=person("u1"), headers=owner)).status_code == 201
    assert (await client.post(agents, json=person("u2"), headers=owner)).status_code == 409

    moved = await client.patch(f"{agents}/u1", json={"role": "light_agent"}, headers=owner)
    assert moved.status_code == 200, moved.text
    u1 = moved.json()
    assert (u1["role"], u1["products"], u1["downgrade_reason"]) == ("light_agent", SUITE, "manual")
    assert u1["downgraded_at"] is not None
    db = await stored(engine, account_id)
    assert db["lines"] == dict.fromkeys(SUITE, (1, 1))
    assert [row for row in db["paid"] if row[0] == "u1"] == []
    assert db["free"] == [("u1", p) for p in SUITE]
    assert db["light_agents"] == 1
    assert await assert_counters_match_rows(engine, account_id) == dict.fromkeys(SUITE, 1)
    (downgraded,) = await events(client, account_id, "agent.downgraded")
    assert {k: v for k, v in downgraded.items() if k != "account_id"} == {
        "user_id": "u1",
        "products": SUITE,
        "reason": "manual",
        "role": "light_agent",
    }

    # The seat it gave back is free for someone else.
    assert (await client.post(agents, json=person("u2"), headers=owner)).status_code == 201


async def test_a_light_agent_made_an_agent_needs_a_free_seat_or_buys_it(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=2)
    agents = f"/v1/accounts/{account_id}/agents"
    added = await client.post(agents, json=light("l1"), headers=owner)
    assert (await client.post(agents, json=person("u2"), headers=owner)).status_code == 201
    before = await stored(engine, account_id)

    refused = await client.patch(f"{agents}/l1", json={"role": "agent"}, headers=owner)
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["code"] == "seats_exhausted"
    assert sorted(m["product"] for m in problem["missing"]) == SUITE
    assert await stored(engine, account_id) == before

    bought = await client.patch(
        f"{agents}/l1", json={"role": "agent", "buy_missing_seats": True}, headers=owner
    )
    assert bought.status_code == 200, bought.text
    l1 = bought.json()
    assert (l1["role"], l1["products"], l1["downgraded_at"]) == ("agent", SUITE, None)
    assert l1["seat_change_id"].startswith("chg_")
    assert l1["agent_since"] > added.json()["agent_since"]  # the newest agent now
    db = await stored(engine, account_id)
    assert (db["light_agents"], db["free"]) == (0, [])
    assert db["lines"] == dict.fromkeys(SUITE, (3, 0))
    assert await assert_counters_match_rows(engine, account_id) == dict.fromkeys(SUITE, 3)
    lines = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    assert {(ln["seats"], ln["assigned"], ln["light_agents"]) for ln in lines} == {(3, 3, 0)}
    (updated,) = await events(client, account_id, "agent.updated")
    assert (updated["role"], updated["seat_change_id"]) == ("agent", l1["seat_change_id"])


async def test_a_light_agent_with_a_seat_free_becomes_an_agent_without_buying(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=3)
    agents = f"/v1/accounts/{account_id}/agents"
    await client.post(agents, json=light("l1", products=["support"]), headers=owner)
    promoted = await client.patch(
        f"{agents}/l1", json={"role": "agent", "products": ["support", "talk"]}, headers=owner
    )
    assert promoted.status_code == 200, promoted.text
    assert (promoted.json()["products"], promoted.json()["seat_change_id"]) == (
        ["support", "talk"],
        None,
    )
    db = await stored(engine, account_id)
    assert db["lines"]["support"] == (2, 0)
    assert db["lines"]["talk"] == (2, 0)
    assert db["lines"]["chat"] == (1, 0)
    assert db["light_agents"] == 0


async def test_a_light_agent_made_an_end_user_and_back_moves_only_free_products(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=1)
    agents = f"/v1/accounts/{account_id}/agents"
    await client.post(agents, json=light("l1", products=["guide"]), headers=owner)

    ended = await client.patch(f"{agents}/l1", json={"role": "end_user"}, headers=owner)
    assert ended.status_code == 200, ended.text
    assert (ended.json()["role"], ended.json()["products"]) == ("end_user", [])
    db = await stored(engine, account_id)
    assert (db["light_agents"], db["free"]) == (0, [])
    assert db["lines"] == dict.fromkeys(SUITE, (1, 0))
    assert await events(client, account_id, "agent.downgraded") == []  # no paid seat given up
    (updated,) = await events(client, account_id, "agent.updated")
    assert (updated["role"], updated["removed"]) == ("end_user", ["guide"])

    again = await client.patch(f"{agents}/l1", json={"role": "light_agent"}, headers=owner)
    assert again.status_code == 200, again.text
    assert (again.json()["role"], again.json()["products"]) == ("light_agent", SUITE)
    db = await stored(engine, account_id)
    assert db["lines"] == dict.fromkeys(SUITE, (1, 1))
    assert db["light_agents"] == 1


async def test_the_owner_is_never_made_a_light_agent(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    opened = await open_account(client)
    account_id = opened["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    before = await stored(engine, account_id)
    refused = await client.patch(
        f"/v1/accounts/{account_id}/agents/{opened['owner']['user_id']}",
        json={"role": "light_agent"},
        headers=owner,
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "owner_protected")
    assert await stored(engine, account_id) == before


async def test_removing_a_light_agent_frees_its_place_under_the_limit(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=1)
    await client.patch(f"/v1/accounts/{account_id}", json={"light_agent_limit": 1})
    agents = f"/v1/accounts/{account_id}/agents"
    assert (await client.post(agents, json=light("l1"), headers=owner)).status_code == 201
    assert (await client.post(agents, json=light("l2"), headers=owner)).status_code == 409
    assert (await client.delete(f"{agents}/l1", headers=owner)).status_code == 204
    db = await stored(engine, account_id)
    assert (db["light_agents"], db["free"]) == (0, [])
    assert db["lines"] == dict.fromkeys(SUITE, (1, 0))
    assert (await client.post(agents, json=light("l2"), headers=owner)).status_code == 201


async def test_a_capacity_cut_downgrades_agents_and_never_a_light_agent(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(client, seats=3)
    agents = f"/v1/accounts/{account_id}/agents"
    for body in (person("u1"), person("u2"), light("l1")):  # l1 the newest of all
        assert (await client.post(agents, json=body, headers=owner)).status_code == 201
    changes = f"/v1/accounts/{account_id}/seat-changes"

    named = await client.post(
        changes,
        json={"changes": [{"suite": "support_suite", "seats": 2}], "downgrade": ["l1"]},
        headers=owner,
    )
    assert (named.status_code, named.json()["code"]) == (422, "invalid_downgrade")

    cut = await client.post(
        changes, json={"changes": [{"suite": "support_suite", "seats": 1}]}, headers=owner
    )
    assert cut.status_code == 201, cut.text
    assert sorted(d["user_id"] for d in cut.json()["downgraded_agents"]) == ["u1", "u2"]
    l1 = (await client.get(f"{agents}/l1")).json()
    assert (l1["role"], l1["products"], l1["downgraded_at"]) == ("light_agent", SUITE, None)
    db = await stored(engine, account_id)
    assert db["lines"] == dict.fromkeys(SUITE, (1, 1))
    assert db["light_agents"] == 1
    assert await assert_counters_match_rows(engine, account_id) == dict.fromkeys(SUITE, 1)
    downgraded = await events(client, account_id, "agent.downgraded")
    assert sorted(d["user_id"] for d in downgraded) == ["u1", "u2"]
