"""An add-on needs its base product: its seats never exceed the base's, on
every path that sets seats (R8)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import account_body, bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.seat_checks import assert_counters_match_rows

RITA = {"name": "Rita Rep", "email": "rita@sales.example.com"}
SELL_AND_ADDON = [{"product": "sell", "seats": 2}, {"product": "sell_prospecting", "seats": 2}]


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


async def seats(engine: AsyncEngine, account_id: str) -> dict[str, tuple[int, int]]:
    """Per product, (seats, temporary seats) as stored."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT product, seats, temporary_seats FROM subscription_lines "
                "WHERE account_id = :a"
            ),
            {"a": account_id},
        )
        return {product: (int(s), int(t)) for product, s, t in rows}


async def count(engine: AsyncEngine, table: str) -> int:
    async with engine.connect() as connection:
        found = await connection.execute(text(f"SELECT count(*) FROM {table}"))
        return int(found.scalar_one())


def assert_addon_refused(response: httpx.Response, addon_seats: int, base_seats: int) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "addon_exceeds_base"
    assert (problem["addon"], problem["base"]) == ("sell_prospecting", "sell")
    assert (problem["addon_seats"], problem["base_seats"]) == (addon_seats, base_seats)


async def test_the_catalog_names_each_add_ons_base(client: httpx.AsyncClient) -> None:
    products = (await client.get("/v1/catalog")).json()["products"]
    bases = {p["code"]: p["base"] for p in products}
    assert bases["sell_prospecting"] == "sell"
    assert {code for code, base in bases.items() if base is not None} == {
        p["code"] for p in products if p["kind"] == "addon"
    }


async def test_an_account_with_9_addon_seats_over_2_base_seats_is_refused(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    accounts = await count(engine, "accounts")
    over = account_body(
        subscription=[{"product": "sell", "seats": 2}, {"product": "sell_prospecting", "seats": 9}]
    )
    assert_addon_refused(await client.post("/v1/accounts", json=over), 9, 2)
    alone = account_body(subscription=[{"product": "sell_prospecting", "seats": 1}])
    assert_addon_refused(await client.post("/v1/accounts", json=alone), 1, 0)
    assert await count(engine, "accounts") == accounts
    assert await count(engine, "agents") == 0


async def test_a_seat_change_raising_the_addon_past_its_base_changes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=SELL_AND_ADDON)
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/seat-changes"
    refused = await client.post(
        url, json={"changes": [{"product": "sell_prospecting", "seats": 9}]}, headers=owner
    )
    assert_addon_refused(refused, 9, 2)
    assert refused.json()["purchase_options"]["options"][0]["channel"] == "subscription_page"
    assert await seats(engine, account["id"]) == {"sell": (2, 0), "sell_prospecting": (2, 0)}
    assert await count(engine, "seat_changes") == 0
    version = (await client.get(f"/v1/accounts/{account['id']}/subscription")).json()["version"]
    assert version == 1

    both = await client.post(
        url,
        json={
            "changes": [
                {"product": "sell", "seats": 9},
                {"product": "sell_prospecting", "seats": 9},
            ]
        },
        headers=owner,
    )
    assert both.status_code == 201, both.text
    assert await seats(engine, account["id"]) == {"sell": (9, 0), "sell_prospecting": (9, 0)}


async def test_lowering_the_base_under_its_addon_is_refused_and_together_is_not(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=SELL_AND_ADDON)
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/seat-changes"
    lowered = await client.post(
        url, json={"changes": [{"product": "sell", "seats": 1}]}, headers=owner
    )
    assert_addon_refused(lowered, 2, 1)
    scheduled = await client.post(
        url,
        json={"changes": [{"product": "sell", "seats": 1}], "effective": "at_renewal"},
        headers=owner,
    )
    assert_addon_refused(scheduled, 2, 1)
    assert await seats(engine, account["id"]) == {"sell": (2, 0), "sell_prospecting": (2, 0)}
    assert await count(engine, "seat_changes") == 0

    together = await client.post(
        url,
        json={
            "changes": [
                {"product": "sell", "seats": 1},
                {"product": "sell_prospecting", "seats": 1},
            ]
        },
        headers=owner,
    )
    assert together.status_code == 201, together.text
    assert await seats(engine, account["id"]) == {"sell": (1, 0), "sell_prospecting": (1, 0)}


async def test_buying_addon_seats_on_the_fly_past_the_base_is_refused(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client, subscription=SELL_AND_ADDON)
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/agents"
    first = await client.post(url, json=agent(1, products=["sell_prospecting"]), headers=owner)
    assert first.status_code == 201, first.text  # the add-on is full now; sell has a seat free
    refused = await client.post(
        url, json=agent(2, products=["sell_prospecting"], buy_missing_seats=True), headers=owner
    )
    assert_addon_refused(refused, 3, 2)
    assert (await client.get(f"{url}/u2")).status_code == 404
    assert await seats(engine, account["id"]) == {"sell": (2, 0), "sell_prospecting": (2, 0)}
    assert await count(engine, "seat_changes") == 0
    assert await assert_counters_match_rows(engine, account["id"]) == {
        "sell": 1,
        "sell_prospecting": 2,
    }

    # Both missing: the purchase buys one of each, and the add-on stays within its base.
    sell_only = await client.post(url, json=agent(3, products=["sell"]), headers=owner)
    assert sell_only.status_code == 201, sell_only.text
    bought = await client.post(
        url,
        json=agent(4, products=["sell", "sell_prospecting"], buy_missing_seats=True),
        headers=owner,
    )
    assert bought.status_code == 201, bought.text
    assert bought.json()["seat_change_id"] is not None
    assert await seats(engine, account["id"]) == {"sell": (3, 0), "sell_prospecting": (3, 0)}


async def test_a_rep_cannot_fulfil_a_request_that_puts_the_addon_past_its_base(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(
        client, billing_mode="sales_assisted", sales_rep=RITA, subscription=SELL_AND_ADDON
    )
    owner = bearer(await mint_key(client, account["id"], "owner"))
    filed = await client.post(
        f"/v1/accounts/{account['id']}/sales-requests",
        json={"kind": "add_seats", "product": "sell_prospecting", "seats": 7},
        headers=owner,
    )
    assert filed.status_code == 201, filed.text
    url = f"/v1/sales-requests/{filed.json()['id']}"
    assert_addon_refused(await client.post(f"{url}/fulfill"), 9, 2)
    assert (await client.get(url)).json()["status"] == "submitted"
    assert await seats(engine, account["id"]) == {"sell": (2, 0), "sell_prospecting": (2, 0)}
    assert await count(engine, "seat_changes") == 0


async def test_temporary_seats_may_not_lift_the_addon_above_its_base(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=SELL_AND_ADDON)
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/temporary-seats"
    start = clock.now()
    window = {
        "starts_at": start.isoformat().replace("+00:00", "Z"),
        "ends_at": (start + timedelta(days=3)).isoformat().replace("+00:00", "Z"),
    }
    refused = await client.post(
        url, json={"product": "sell_prospecting", "seats": 1, **window}, headers=owner
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["code"] == "addon_exceeds_base"
    assert await count(engine, "temporary_seats") == 0
    assert await seats(engine, account["id"]) == {"sell": (2, 0), "sell_prospecting": (2, 0)}

    base = await client.post(url, json={"product": "sell", "seats": 1, **window}, headers=owner)
    assert base.status_code == 201, base.text
    addon = await client.post(
        url, json={"product": "sell_prospecting", "seats": 1, **window}, headers=owner
    )
    assert addon.status_code == 201, addon.text
    assert await seats(engine, account["id"]) == {"sell": (2, 1), "sell_prospecting": (2, 1)}


async def test_at_renewal_an_addon_above_its_lowered_base_follows_it_down(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account = await open_account(
        client,
        subscription=[{"product": "sell", "seats": 3}, {"product": "sell_prospecting", "seats": 1}],
    )
    owner = bearer(await mint_key(client, account["id"], "owner"))
    url = f"/v1/accounts/{account['id']}/seat-changes"
    scheduled = await client.post(
        url,
        json={"changes": [{"product": "sell", "seats": 1}], "effective": "at_renewal"},
        headers=owner,
    )
    assert scheduled.status_code == 201, scheduled.text
    # Allowed now (sell has 3), above sell once the scheduled decrease applies.
    raised = await client.post(
        url, json={"changes": [{"product": "sell_prospecting", "seats": 3}]}, headers=owner
    )
    assert raised.status_code == 201, raised.text

    clock.set_iso(account["term_end"])
    ran = (await client.post("/v1/admin/jobs/run")).json()
    assert ran["renewals"]["failed"] == []
    assert ran["renewals"]["seat_changes_applied"] == [scheduled.json()["id"]]
    assert await seats(engine, account["id"]) == {"sell": (1, 0), "sell_prospecting": (1, 0)}
    applied = (await client.get(f"{url}/{scheduled.json()['id']}")).json()
    assert sorted((ln["product"], ln["from"], ln["to"]) for ln in applied["lines"]) == [
        ("sell", 3, 1),
        ("sell_prospecting", 3, 1),
    ]
    assert await assert_counters_match_rows(engine, account["id"]) == {
        "sell": 1,
        "sell_prospecting": 1,
    }
