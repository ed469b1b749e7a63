"""The subscription page: buying and removing seats, parity, downgrades, money."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.models import Base, NotificationRow
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.seat_checks import assert_counters_match_rows

SUITE = ["chat", "explore", "guide", "support", "talk"]
SUITE_MONTHLY = 5500 + 1900 + 2900 + 2900 + 3900


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


async def owned_account(client: httpx.AsyncClient, **overrides: Any) -> tuple[str, dict[str, str]]:
    account = await open_account(client, **overrides)
    return account["id"], bearer(await mint_key(client, account["id"], "owner"))


async def test_an_owner_buys_suite_seats_and_pays_the_prorated_price(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(
        client, subscription=[{"suite": "support_suite", "seats": 3}]
    )
    response = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"suite": "support_suite", "seats": 5}]},
        headers=owner,
    )
    assert response.status_code == 201, response.text
    change = response.json()
    assert change["status"] == "applied"
    assert change["channel"] == "subscription_page"
    assert change["id"].startswith("chg_")
    assert sorted((ln["product"], ln["from"], ln["to"]) for ln in change["lines"]) == [
        (p, 3, 5) for p in SUITE
    ]
    assert change["amount_due"] == 2 * SUITE_MONTHLY  # the term's first day: the whole month
    subscription = await client.get(f"/v1/accounts/{account_id}/subscription")
    assert {ln["seats"] for ln in subscription.json()["lines"]} == {5}
    assert subscription.headers["etag"] == '"2"'
    async with engine.connect() as connection:
        notices = (await connection.execute(text("SELECT type FROM notifications"))).scalars().all()
    assert notices == ["seat_change_applied"]
    listed = (await client.get(f"/v1/accounts/{account_id}/seat-changes")).json()["data"]
    assert [c["id"] for c in listed] == [change["id"]]
    one = await client.get(f"/v1/accounts/{account_id}/seat-changes/{change['id']}")
    assert one.json() == change


async def test_a_product_change_that_splits_a_suite_is_refused(client: httpx.AsyncClient) -> None:
    account_id, owner = await owned_account(client)
    refused = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "support", "seats": 8}]},
        headers=owner,
    )
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["code"] == "suite_parity_violation"
    assert problem["suite"] == "support_suite"
    assert problem["products"] == SUITE
    assert problem["purchase_options"]["options"][0]["available"] is True

    every_product = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": p, "seats": 8} for p in SUITE]},
        headers=owner,
    )
    assert every_product.status_code == 201


async def _fill(
    client: httpx.AsyncClient, account_id: str, clock: TickingClock, *users: int
) -> None:
    moment = clock.now()
    for n in users:
        clock.set(moment)  # equal added_at: the tie is broken by user id
        response = await client.post(f"/v1/accounts/{account_id}/agents", json=agent(n))
        assert response.status_code == 201, response.text


async def test_a_decrease_below_usage_downgrades_the_newest_ties_by_id(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await owned_account(
        client, subscription=[{"product": "sell", "seats": 5}, {"product": "support", "seats": 5}]
    )
    await _fill(client, account_id, clock, 1)
    await _fill(client, account_id, clock, 2, 4, 3)  # same instant, added out of id order
    response = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 3}]},
        headers=owner,
    )
    assert response.status_code == 201, response.text
    downgraded = response.json()["downgraded_agents"]
    assert [(d["user_id"], d["products"]) for d in downgraded] == [
        ("u4", ["sell"]),
        ("u3", ["sell"]),
    ]

    # They keep their support seats, so they stay agents.
    u4 = (await client.get(f"/v1/accounts/{account_id}/agents/u4")).json()
    assert (u4["role"], u4["products"]) == ("agent", ["support"])
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 3, "support": 5}
    events = (
        await client.get(f"/v1/accounts/{account_id}/events", params={"type": "agent.downgraded"})
    ).json()
    assert sorted(e["data"]["user_id"] for e in events["data"]) == ["u3", "u4"]


async def test_named_agents_go_first_and_agents_left_seatless_become_end_users(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await owned_account(client, subscription=[{"product": "sell", "seats": 5}])
    for n in (1, 2, 3, 4):
        await _fill(client, account_id, clock, n)
        clock.advance_seconds(60)
    response = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 3}], "downgrade": ["u1"]},
        headers=owner,
    )
    assert [d["user_id"] for d in response.json()["downgraded_agents"]] == ["u4", "u1"]
    end_users = (
        await client.get(f"/v1/accounts/{account_id}/agents", params={"role": "end_user"})
    ).json()
    assert sorted(a["user_id"] for a in end_users["data"]) == ["u1", "u4"]
    assert all(a["downgrade_reason"] == "seats_reduced" for a in end_users["data"])
    assert all(a["downgraded_at"] for a in end_users["data"])
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 3}
    async with engine.connect() as connection:
        notice = (
            await connection.execute(
                select(NotificationRow.data).where(NotificationRow.type == "agents_downgraded")
            )
        ).scalar_one()
    assert notice["count"] == 2


async def test_naming_the_owner_a_stranger_or_a_non_holder_is_a_422(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(
        client, subscription=[{"product": "sell", "seats": 3}, {"product": "support", "seats": 3}]
    )
    owner = bearer(await mint_key(client, account["id"], "owner"))
    await client.post(f"/v1/accounts/{account['id']}/agents", json=agent(1, products=["support"]))
    for named in (account["owner"]["user_id"], "ghost", "u1"):
        response = await client.post(
            f"/v1/accounts/{account['id']}/seat-changes",
            json={"changes": [{"product": "sell", "seats": 1}], "downgrade": [named]},
            headers=owner,
        )
        assert response.status_code == 422, named
        assert response.json()["code"] == "invalid_downgrade"


async def test_refusals_by_account_type_and_role(client: httpx.AsyncClient) -> None:
    async def attempt(
        seats: int, role: str = "owner", product: str = "sell", **account: Any
    ) -> dict[str, Any]:
        opened = await open_account(
            client, subscription=[{"product": product, "seats": 3}], **account
        )
        secret = await mint_key(client, opened["id"], role)
        response = await client.post(
            f"/v1/accounts/{opened['id']}/seat-changes",
            json={"changes": [{"product": product, "seats": seats}]},
            headers=bearer(secret),
        )
        body: dict[str, Any] = response.json()
        body["status_code"] = response.status_code
        return body

    admin = await attempt(5, role="admin")
    assert (admin["status_code"], admin["code"]) == (403, "not_account_owner")
    no_manage = await attempt(5, billing_mode="sales_assisted")
    assert (no_manage["status_code"], no_manage["code"]) == (403, "subscription_managed_by_sales")
    channels = {o["channel"]: o["available"] for o in no_manage["purchase_options"]["options"]}
    assert channels == {"subscription_page": False, "on_the_fly": False, "sales_request": True}
    manage_add = await attempt(5, billing_mode="sales_assisted", self_manageable=True)
    assert manage_add["status_code"] == 201
    manage_remove = await attempt(2, billing_mode="sales_assisted", self_manageable=True)
    assert (manage_remove["status_code"], manage_remove["code"]) == (
        403,
        "removal_requires_sales_request",
    )
    legacy = await attempt(2, legacy_sell=True)
    assert (legacy["status_code"], legacy["code"]) == (403, "legacy_sell_removal")
    legacy_other_product = await attempt(2, legacy_sell=True, product="talk")
    assert legacy_other_product["status_code"] == 201
    unchanged = await attempt(3)
    assert (unchanged["status_code"], unchanged["code"]) == (422, "no_change")
    too_many = await attempt(100_001)
    assert (too_many["status_code"], too_many["code"]) == (422, "seats_out_of_range")
    assert "purchase_options" in too_many
    zero = await attempt(0)
    assert zero["code"] == "seats_out_of_range"


async def _snapshot(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    async with engine.connect() as connection:
        return {
            table.name: sorted(
                tuple(str(v) for v in row)
                for row in (await connection.execute(table.select())).all()
            )
            for table in Base.metadata.sorted_tables
        }


async def test_a_preview_shows_the_outcome_and_writes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await owned_account(client, subscription=[{"product": "sell", "seats": 4}])
    await _fill(client, account_id, clock, 1, 2, 3)
    before = await _snapshot(engine)

    preview = await client.post(
        f"/v1/accounts/{account_id}/seat-changes/preview",
        json={"changes": [{"product": "sell", "seats": 2}]},
        headers=owner,
    )

    assert preview.status_code == 200
    assert preview.json()["status"] == "preview"
    assert preview.json()["id"] is None
    assert [d["user_id"] for d in preview.json()["downgraded_agents"]] == ["u3", "u2"]
    assert await _snapshot(engine) == before

    applied = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 2}]},
        headers=owner,
    )
    assert applied.json()["downgraded_agents"] == preview.json()["downgraded_agents"]


async def test_a_stale_if_match_is_refused_with_412(client: httpx.AsyncClient) -> None:
    account_id, owner = await owned_account(client)
    etag = (await client.get(f"/v1/accounts/{account_id}/subscription")).headers["etag"]
    body = {"changes": [{"suite": "support_suite", "seats": 6}]}
    url = f"/v1/accounts/{account_id}/seat-changes"
    first = await client.post(url, json=body, headers={**owner, "If-Match": etag})
    assert first.status_code == 201
    stale = await client.post(
        url,
        json={"changes": [{"suite": "support_suite", "seats": 7}]},
        headers={**owner, "If-Match": etag},
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "precondition_failed"
    assert {
        ln["seats"]
        for ln in (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    } == {6}
    garbage = await client.post(url, json=body, headers={**owner, "If-Match": "yesterday"})
    assert garbage.status_code == 422


async def test_buying_on_the_fly_adds_the_agent_and_the_missing_suite_seats(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned_account(
        client, subscription=[{"suite": "support_suite", "seats": 1}]
    )
    response = await client.post(
        f"/v1/accounts/{account_id}/agents",
        json=agent(1, products=["support"], buy_missing_seats=True),
        headers=owner,
    )
    assert response.status_code == 201, response.text
    change_id = response.json()["seat_change_id"]
    change = (await client.get(f"/v1/accounts/{account_id}/seat-changes/{change_id}")).json()
    assert change["channel"] == "on_the_fly"
    assert sorted((ln["product"], ln["from"], ln["to"]) for ln in change["lines"]) == [
        (p, 1, 2) for p in SUITE
    ]
    assert change["amount_due"] == SUITE_MONTHLY
    counters = await assert_counters_match_rows(engine, account_id)
    assert counters == {"support": 2, "chat": 1, "explore": 1, "guide": 1, "talk": 1}


async def test_buying_on_the_fly_is_refused_where_the_channel_is_closed(
    client: httpx.AsyncClient,
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 1}])
    admin = bearer(await mint_key(client, account["id"], "admin"))
    response = await client.post(
        f"/v1/accounts/{account['id']}/agents", json=agent(1, buy_missing_seats=True), headers=admin
    )
    assert response.status_code == 409
    assert response.json()["code"] == "seats_exhausted"
    assert (await client.get(f"/v1/accounts/{account['id']}/seat-changes")).json()["data"] == []


async def test_a_scheduled_decrease_waits_for_renewal_and_applies_once(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 4}])
    owner = bearer(await mint_key(client, account["id"], "owner"))
    await _fill(client, account["id"], clock, 1, 2, 3)
    scheduled = await client.post(
        f"/v1/accounts/{account['id']}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 2}], "effective": "at_renewal"},
        headers=owner,
    )
    assert scheduled.status_code == 201
    assert scheduled.json()["status"] == "scheduled"
    assert scheduled.json()["amount_due"] == 0
    assert scheduled.json()["effective_at"] == account["term_end"]
    subscription = (await client.get(f"/v1/accounts/{account['id']}/subscription")).json()
    assert subscription["lines"][0]["seats"] == 4

    nothing_due = (await client.post("/v1/admin/jobs/run")).json()
    assert nothing_due["renewals"]["accounts_renewed"] == 0

    clock.set_iso(account["term_end"])
    ran = (await client.post("/v1/admin/jobs/run")).json()
    again = (await client.post("/v1/admin/jobs/run")).json()

    assert ran["renewals"]["seat_changes_applied"] == [scheduled.json()["id"]]
    assert ran["renewals"]["agents_downgraded"] == 2
    assert again["renewals"] == {
        "accounts_renewed": 0,
        "seat_changes_applied": [],
        "seat_changes_cancelled": [],
        "agents_downgraded": 0,
        "failed": [],
    }
    change = (
        await client.get(f"/v1/accounts/{account['id']}/seat-changes/{scheduled.json()['id']}")
    ).json()
    assert change["status"] == "applied"
    assert [d["user_id"] for d in change["downgraded_agents"]] == ["u3", "u2"]
    renewed = (await client.get(f"/v1/accounts/{account['id']}/subscription")).json()
    assert renewed["lines"][0]["seats"] == 2
    assert renewed["term_start"] == account["term_end"]
    assert await assert_counters_match_rows(engine, account["id"]) == {"sell": 2}


async def test_a_scheduled_change_can_be_cancelled_once(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 4}])
    owner = bearer(await mint_key(client, account["id"], "owner"))
    scheduled = await client.post(
        f"/v1/accounts/{account['id']}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 9}], "effective": "at_renewal"},
        headers=owner,
    )
    url = f"/v1/accounts/{account['id']}/seat-changes/{scheduled.json()['id']}/cancel"
    cancelled = await client.post(url, headers=owner)
    twice = await client.post(url, headers=owner)
    assert cancelled.json()["status"] == "cancelled"
    assert (twice.status_code, twice.json()["code"]) == (409, "invalid_transition")

    clock.set_iso(account["term_end"])
    await client.post("/v1/admin/jobs/run")
    subscription = (await client.get(f"/v1/accounts/{account['id']}/subscription")).json()
    assert subscription["lines"][0]["seats"] == 4


async def test_a_scheduled_change_naming_a_removed_agent_still_applies_at_renewal(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 4}])
    other = await open_account(client)
    owner = bearer(await mint_key(client, account["id"], "owner"))
    await _fill(client, account["id"], clock, 1, 2, 3)
    scheduled = await client.post(
        f"/v1/accounts/{account['id']}/seat-changes",
        json={
            "changes": [{"product": "sell", "seats": 2}],
            "effective": "at_renewal",
            "downgrade": ["u1"],
        },
        headers=owner,
    )
    assert scheduled.status_code == 201
    await client.delete(f"/v1/accounts/{account['id']}/agents/u1")

    clock.set_iso(max(account["term_end"], other["term_end"]))
    ran = await client.post("/v1/admin/jobs/run")

    assert ran.status_code == 200
    assert ran.json()["renewals"]["accounts_renewed"] == 2  # the other account is not held back
    change = (
        await client.get(f"/v1/accounts/{account['id']}/seat-changes/{scheduled.json()['id']}")
    ).json()
    assert change["status"] == "applied"
    assert [d["user_id"] for d in change["downgraded_agents"]] == ["u3"]  # u1 is gone: newest first
    assert await assert_counters_match_rows(engine, account["id"]) == {"sell": 2}
