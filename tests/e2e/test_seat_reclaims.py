"""Taking back the seats of inactive agents: the dry run names exactly who the
apply takes, the owner and end users are never taken, a products filter takes
only those seats, and an account's `reclaim_after` has the jobs run do it."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.seat_checks import assert_counters_match_rows


async def roles(engine: AsyncEngine, account_id: str) -> dict[str, tuple[str, str | None]]:
    """Per user: the role and downgrade reason stored."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT user_id, role, downgrade_reason FROM agents WHERE account_id = :a"),
            {"a": account_id},
        )
        return {user_id: (role, reason) for user_id, role, reason in rows}


async def seats(engine: AsyncEngine, account_id: str) -> dict[str, list[str]]:
    """Per user: the products whose seat rows they hold."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT user_id, product FROM agent_seats WHERE account_id = :a "
                "ORDER BY user_id, product"
            ),
            {"a": account_id},
        )
        held: dict[str, list[str]] = {}
        for user_id, product in rows:
            held.setdefault(user_id, []).append(product)
    return held


async def add(client: httpx.AsyncClient, account_id: str, user: str, **extra: Any) -> None:
    body = {"user_id": user, "email": f"{user}@acme.example", "name": user, **extra}
    added = await client.post(f"/v1/accounts/{account_id}/agents", json=body)
    assert added.status_code == 201, added.text


async def idle_account(
    client: httpx.AsyncClient, clock: TickingClock, **overrides: Any
) -> tuple[dict[str, Any], str]:
    """Sell agents u1-u5 added 40 days ago; u2 and u4 active a day ago, u5 made
    an end user; and the owner's key."""
    account = await open_account(
        client, subscription=[{"product": "sell", "seats": 10}], **overrides
    )
    account_id = account["id"]
    for user in ("u1", "u2", "u3", "u4", "u5"):
        await add(client, account_id, user)
    demoted = await client.patch(f"/v1/accounts/{account_id}/agents/u5", json={"role": "end_user"})
    assert demoted.json()["role"] == "end_user"
    clock.advance(timedelta(days=40))
    owner = await mint_key(client, account_id, "owner")
    active = (clock.now() - timedelta(days=1)).isoformat()
    recorded = await client.post(
        f"/v1/accounts/{account_id}/agent-activity",
        json={"activity": [{"user_id": u, "at": active} for u in ("u2", "u4")]},
        headers=bearer(owner),
    )
    assert recorded.json()["recorded"] == 2, recorded.text
    return account, owner


async def reclaim(
    client: httpx.AsyncClient, account_id: str, key: str, **body: Any
) -> httpx.Response:
    return await client.post(
        f"/v1/accounts/{account_id}/seat-reclaims", json=body, headers=bearer(key)
    )


async def test_the_dry_run_names_exactly_who_the_apply_takes_never_the_owner_or_end_users(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account, owner = await idle_account(client, clock)
    account_id, owner_id = account["id"], account["owner"]["user_id"]
    before = (await client.get(f"/v1/accounts/{account_id}")).json()["version"]

    dry = await reclaim(client, account_id, owner, inactive_for="P30D", dry_run=True)

    assert dry.status_code == 200, dry.text
    assert dry.json() == {
        "dry_run": True,
        "inactive_for": "P30D",
        "agents": [
            {"user_id": u, "last_active_at": None, "products": ["sell"], "end_user": True}
            for u in ("u1", "u3")
        ],
        "seats_freed": [{"product": "sell", "count": 2}],
    }
    # A dry run changes nothing.
    assert (await roles(engine, account_id))["u1"] == ("agent", None)
    assert (await client.get(f"/v1/accounts/{account_id}")).json()["version"] == before

    applied = await reclaim(client, account_id, owner, inactive_for="P30D", dry_run=False)

    assert applied.status_code == 200, applied.text
    assert applied.json() == {**dry.json(), "dry_run": False}
    assert await roles(engine, account_id) == {
        owner_id: ("agent", None),
        "u1": ("end_user", "inactive"),
        "u2": ("agent", None),
        "u3": ("end_user", "inactive"),
        "u4": ("agent", None),
        "u5": ("end_user", "manual"),
    }
    assert sorted(await seats(engine, account_id)) == sorted([owner_id, "u2", "u4"])
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 3}
    assert (await client.get(f"/v1/accounts/{account_id}")).json()["version"] > before
    # Nobody is left to take: the same request again takes no one.
    again = await reclaim(client, account_id, owner, inactive_for="P30D", dry_run=False)
    assert again.json()["agents"] == []


async def test_an_apply_records_reason_inactive_and_tells_the_owner_once(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account, owner = await idle_account(client, clock)
    account_id = account["id"]

    applied = await reclaim(client, account_id, owner, inactive_for="P4W", dry_run=False)

    assert applied.json()["inactive_for"] == "P28D"
    events = (
        await client.get(f"/v1/accounts/{account_id}/events", params={"type": "agent.downgraded"})
    ).json()["data"]
    assert sorted((e["data"]["user_id"], e["data"]["reason"]) for e in events) == [
        ("u1", "inactive"),
        ("u3", "inactive"),
        ("u5", "manual"),  # made an end user by hand before
    ]
    assert {e["data"].get("inactive_for") for e in events if e["data"]["user_id"] != "u5"} == {
        "P28D"
    }
    summary = (
        await client.get(f"/v1/accounts/{account_id}/events", params={"type": "seats.reclaimed"})
    ).json()["data"]
    assert [e["data"] for e in summary] == [
        {
            "inactive_for": "P28D",
            "products": None,
            "agents": 2,
            "seats_freed": [{"product": "sell", "count": 2}],
            "policy": False,
        }
    ]
    notices = (
        await client.get(f"/v1/accounts/{account_id}/notifications", headers=bearer(owner))
    ).json()["data"]
    downgraded = [n for n in notices if n["type"] == "agents_downgraded"]
    assert len(downgraded) == 1
    assert "inactive for P28D" in downgraded[0]["body"]
    assert [a["user_id"] for a in downgraded[0]["data"]["agents"]] == ["u1", "u3"]


async def test_a_products_filter_takes_only_those_seats(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=[{"suite": "support_suite", "seats": 5}])
    account_id = account["id"]
    await add(client, account_id, "both", products=["support", "chat"])
    await add(client, account_id, "chatter", products=["chat"])
    await add(client, account_id, "helper", products=["support"])
    clock.advance(timedelta(days=31))
    owner = await mint_key(client, account_id, "owner")

    dry = await reclaim(client, account_id, owner, inactive_for="P30D", products=["chat"])
    applied = await reclaim(
        client, account_id, owner, inactive_for="P30D", products=["chat"], dry_run=False
    )

    expected = [
        {"user_id": "both", "last_active_at": None, "products": ["chat"], "end_user": False},
        {"user_id": "chatter", "last_active_at": None, "products": ["chat"], "end_user": True},
    ]
    assert dry.json()["agents"] == expected
    assert applied.json()["agents"] == expected
    assert applied.json()["seats_freed"] == [{"product": "chat", "count": 2}]
    held = await seats(engine, account_id)
    assert held["both"] == ["support"]
    assert held["helper"] == ["support"]
    assert "chatter" not in held
    stored = await roles(engine, account_id)
    assert (stored["both"][0], stored["chatter"], stored["helper"][0]) == (
        "agent",
        ("end_user", "inactive"),
        "agent",
    )
    counters = await assert_counters_match_rows(engine, account_id)
    assert (counters["chat"], counters["support"]) == (1, 3)

    unknown = await reclaim(client, account_id, owner, inactive_for="P30D", products=["sell"])
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "product_not_subscribed"


async def test_bad_durations_are_refused_and_change_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account, owner = await idle_account(client, clock)
    account_id = account["id"]
    before = await roles(engine, account_id)
    version = (await client.get(f"/v1/accounts/{account_id}")).json()["version"]

    for bad in ("P1M", "P1Y", "P0D", "PT30M", "30 days", "P", "P1.5D", "p30d"):
        refused = await reclaim(client, account_id, owner, inactive_for=bad, dry_run=False)
        assert refused.status_code == 422, (bad, refused.text)
        assert refused.json()["code"] == "invalid_duration", bad
        policy = await client.patch(
            f"/v1/accounts/{account_id}", json={"reclaim_after": bad}, headers=bearer(owner)
        )
        assert policy.status_code == 422, (bad, policy.text)
        assert policy.json()["code"] == "invalid_duration", bad
    too_long = await reclaim(client, account_id, owner, inactive_for="P99999W", dry_run=False)
    assert too_long.json()["code"] == "limit_exceeded"

    assert await roles(engine, account_id) == before
    shown = (await client.get(f"/v1/accounts/{account_id}")).json()
    assert (shown["version"], shown["reclaim_after"]) == (version, None)
    events = (
        await client.get(f"/v1/accounts/{account_id}/events", params={"type": "agent.downgraded"})
    ).json()["data"]
    assert [e["data"]["reason"] for e in events] == ["manual"]  # u5's, made an end user


async def test_only_owners_and_admins_reclaim_and_only_the_owner_sets_the_policy(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account, owner = await idle_account(client, clock)
    account_id = account["id"]
    viewer = await mint_key(client, account_id, "viewer")
    admin = await mint_key(client, account_id, "admin")

    refused = await reclaim(client, account_id, viewer, inactive_for="P30D")
    assert refused.status_code == 403
    assert (await reclaim(client, account_id, admin, inactive_for="P30D")).status_code == 200
    by_admin = await client.patch(
        f"/v1/accounts/{account_id}", json={"reclaim_after": "P30D"}, headers=bearer(admin)
    )
    assert by_admin.status_code == 403
    settings = await client.patch(
        f"/v1/accounts/{account_id}", json={"legacy_sell": True}, headers=bearer(owner)
    )
    assert settings.status_code == 403  # purchase settings stay the platform admin's
    assert (await client.get(f"/v1/accounts/{account_id}")).json()["reclaim_after"] is None


async def test_the_jobs_run_applies_each_accounts_reclaim_after(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    untouched, _ = await idle_account(client, clock)  # no policy: nothing happens to it
    account, owner = await idle_account(client, clock)
    account_id = account["id"]
    clock.advance(timedelta(hours=1))
    version = (await client.get(f"/v1/accounts/{account_id}")).json()["version"]

    policy = await client.patch(
        f"/v1/accounts/{account_id}", json={"reclaim_after": "P4W"}, headers=bearer(owner)
    )
    assert policy.status_code == 200, policy.text
    assert policy.json()["reclaim_after"] == "P28D"
    assert policy.json()["version"] == version + 1
    changed = (
        await client.get(f"/v1/accounts/{account_id}/events", params={"type": "account.updated"})
    ).json()["data"]
    assert [e["data"]["changes"] for e in changed] == [{"reclaim_after": "P28D"}]

    report = (await client.post("/v1/admin/jobs/run")).json()

    assert report["seat_reclaims"] == {
        "accounts_reclaimed": 1,
        "agents_downgraded": 2,
        "failed": [],
    }
    stored = await roles(engine, account_id)
    assert sorted(u for u, (role, reason) in stored.items() if reason == "inactive") == [
        "u1",
        "u3",
    ]
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 3}
    assert {r for _, r in (await roles(engine, untouched["id"])).values()} == {None, "manual"}
    summary = (
        await client.get(f"/v1/accounts/{account_id}/events", params={"type": "seats.reclaimed"})
    ).json()["data"]
    assert [(e["actor"], e["data"]["policy"]) for e in summary] == [("system", True)]

    again = (await client.post("/v1/admin/jobs/run")).json()["seat_reclaims"]
    assert again == {"accounts_reclaimed": 0, "agents_downgraded": 0, "failed": []}

    cleared = await client.patch(
        f"/v1/accounts/{account_id}", json={"reclaim_after": None}, headers=bearer(owner)
    )
    assert cleared.json()["reclaim_after"] is None
    await add(client, account_id, "u6")
    clock.advance(timedelta(days=60))
    after = (await client.post("/v1/admin/jobs/run")).json()["seat_reclaims"]
    assert after["agents_downgraded"] == 0
    assert (await roles(engine, account_id))["u6"] == ("agent", None)


async def test_two_applies_at_once_take_each_agent_once(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account, owner = await idle_account(client, clock)
    account_id = account["id"]

    answers = await asyncio.gather(
        *(reclaim(client, account_id, owner, inactive_for="P30D", dry_run=False) for _ in range(2))
    )

    assert [a.status_code for a in answers] == [200, 200]
    taken = sorted(agent["user_id"] for a in answers for agent in a.json()["agents"])
    assert taken == ["u1", "u3"]  # each once, by whichever came first
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 3}
    notices = (
        await client.get(f"/v1/accounts/{account_id}/notifications", headers=bearer(owner))
    ).json()["data"]
    assert len([n for n in notices if n["type"] == "agents_downgraded"]) == 1
