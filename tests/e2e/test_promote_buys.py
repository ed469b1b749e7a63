"""Making an end user an agent again buys the missing seats on the fly, by
the same path as adding an agent (R3)."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.seat_checks import assert_counters_match_rows

SUITE = ["chat", "explore", "guide", "support", "talk"]


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


async def full_suite_with_an_end_user(
    client: httpx.AsyncClient, **account: Any
) -> tuple[str, dict[str, str]]:
    """Two suite seats, held by the owner and u2; u1 an end user."""
    opened = await open_account(
        client, subscription=[{"suite": "support_suite", "seats": 2}], **account
    )
    account_id = opened["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    agents = f"/v1/accounts/{account_id}/agents"
    assert (await client.post(agents, json=agent(1), headers=owner)).status_code == 201
    demoted = await client.patch(f"{agents}/u1", json={"role": "end_user"}, headers=owner)
    assert demoted.json()["role"] == "end_user"
    assert (await client.post(agents, json=agent(2), headers=owner)).status_code == 201
    return account_id, owner


async def seat_changes(engine: AsyncEngine, account_id: str) -> list[tuple[str, str, int]]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT id, channel, amount_due FROM seat_changes WHERE account_id = :a "
                "ORDER BY created_at"
            ),
            {"a": account_id},
        )
        return [(r[0], r[1], int(r[2])) for r in rows]


async def test_re_promoting_an_end_user_buys_the_missing_seats_on_the_fly(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await full_suite_with_an_end_user(client)
    url = f"/v1/accounts/{account_id}/agents/u1"

    refused = await client.patch(url, json={"role": "agent"}, headers=owner)
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["code"] == "seats_exhausted"
    assert sorted(m["product"] for m in problem["missing"]) == SUITE
    quote = problem["quote"]
    assert sorted((ln["product"], ln["from"], ln["to"]) for ln in quote["lines"]) == [
        (p, 2, 3) for p in SUITE
    ]
    on_the_fly = {o["channel"]: o["available"] for o in problem["purchase_options"]["options"]}
    assert on_the_fly["on_the_fly"] is True
    assert await seat_changes(engine, account_id) == []

    bought = await client.patch(
        url, json={"role": "agent", "buy_missing_seats": True}, headers=owner
    )
    assert bought.status_code == 200, bought.text
    promoted = bought.json()
    assert promoted["role"] == "agent"
    assert sorted(promoted["products"]) == SUITE
    assert promoted["agent_since"] > promoted["added_at"]
    changes = await seat_changes(engine, account_id)
    assert changes == [(promoted["seat_change_id"], "on_the_fly", quote["amount_due"])]
    change = (
        await client.get(f"/v1/accounts/{account_id}/seat-changes/{promoted['seat_change_id']}")
    ).json()
    assert change["lines"] == quote["lines"]
    lines = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    assert {(ln["seats"], ln["assigned"]) for ln in lines} == {(3, 3)}
    assert await assert_counters_match_rows(engine, account_id) == dict.fromkeys(SUITE, 3)
    updated = (
        await client.get(f"/v1/accounts/{account_id}/events", params={"type": "agent.updated"})
    ).json()["data"][0]["data"]
    assert (updated["user_id"], updated["seat_change_id"]) == ("u1", promoted["seat_change_id"])


async def test_an_admin_asking_to_buy_while_re_promoting_is_told_who_can(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, _ = await full_suite_with_an_end_user(client)
    admin = bearer(await mint_key(client, account_id, "admin"))
    refused = await client.patch(
        f"/v1/accounts/{account_id}/agents/u1",
        json={"role": "agent", "buy_missing_seats": True},
        headers=admin,
    )
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["code"] == "seats_exhausted"
    options = {o["channel"]: o for o in problem["purchase_options"]["options"]}
    assert options["on_the_fly"]["reason_code"] == "not_account_owner"
    assert await seat_changes(engine, account_id) == []
    u1 = (await client.get(f"/v1/accounts/{account_id}/agents/u1")).json()
    assert (u1["role"], u1["products"]) == ("end_user", [])


async def test_adding_products_by_patch_buys_them_the_same_way(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    opened = await open_account(
        client,
        subscription=[{"product": "sell", "seats": 1}, {"product": "support", "seats": 2}],
    )
    account_id = opened["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    agents = f"/v1/accounts/{account_id}/agents"
    added = await client.post(agents, json=agent(1, products=["support"]), headers=owner)
    assert added.status_code == 201
    bought = await client.patch(
        f"{agents}/u1",
        json={"products": ["support", "sell"], "buy_missing_seats": True},
        headers=owner,
    )
    assert bought.status_code == 200, bought.text
    assert bought.json()["products"] == ["sell", "support"]
    assert bought.json()["agent_since"] == added.json()["agent_since"]  # was an agent already
    changes = await seat_changes(engine, account_id)
    assert [(c[0], c[1]) for c in changes] == [(bought.json()["seat_change_id"], "on_the_fly")]
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 2, "support": 2}
