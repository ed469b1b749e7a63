"""Agents' activity arrives in batches: each agent keeps the latest moment
ever reported, in one statement per batch, and recording it moves no seat and
no version."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def account_with_agents(client: httpx.AsyncClient, *users: str) -> tuple[str, str]:
    """A Sell account with agents `users`, and its owner's key."""
    account = await open_account(client, subscription=[{"product": "sell", "seats": 100}])
    for user in users:
        body = {"user_id": user, "email": f"{user}@acme.example", "name": user}
        added = await client.post(f"/v1/accounts/{account['id']}/agents", json=body)
        assert added.status_code == 201, added.text
    return account["id"], await mint_key(client, account["id"], "owner")


async def last_active(engine: AsyncEngine, account_id: str) -> dict[str, datetime | None]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT user_id, last_active_at FROM agents WHERE account_id = :a"),
            {"a": account_id},
        )
        found: dict[str, datetime | None] = {}
        for user_id, at in rows:
            if isinstance(at, str):  # SQLite hands back text
                at = datetime.fromisoformat(at)
            found[user_id] = at.replace(tzinfo=None) if at is not None else None
    return found


def naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


async def post_activity(
    client: httpx.AsyncClient, account_id: str, key: str, entries: list[dict[str, Any]]
) -> httpx.Response:
    return await client.post(
        f"/v1/accounts/{account_id}/agent-activity",
        json={"activity": entries},
        headers=bearer(key),
    )


async def test_a_batch_keeps_the_latest_moment_per_agent_and_reports_unknown_users(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_agents(client, "u1", "u2", "u3")
    now = clock.now()
    t1, t2 = now - timedelta(hours=3), now - timedelta(hours=1)
    before = (await client.get(f"/v1/accounts/{account_id}")).json()["version"]

    recorded = await post_activity(
        client,
        account_id,
        owner,
        [
            {"user_id": "u1", "at": t2.isoformat()},
            {"user_id": "u1", "at": t1.isoformat()},  # earlier in the same batch: t2 stays
            {"user_id": "u2", "at": t1.isoformat()},
            {"user_id": "ghost", "at": t1.isoformat()},
        ],
    )

    assert recorded.status_code == 200, recorded.text
    assert recorded.json() == {"recorded": 2, "unknown_user_ids": ["ghost"]}
    rows = await last_active(engine, account_id)
    assert (rows["u1"], rows["u2"], rows["u3"]) == (naive(t2), naive(t1), None)
    shown = (await client.get(f"/v1/accounts/{account_id}/agents/u1")).json()
    assert moment(shown["last_active_at"]) == t2
    listed = (await client.get(f"/v1/accounts/{account_id}/agents")).json()["data"]
    assert {a["user_id"]: a["last_active_at"] for a in listed}["u3"] is None
    # It moves no seat: the version, and so every ETag read before, still holds.
    assert (await client.get(f"/v1/accounts/{account_id}")).json()["version"] == before
    assert recorded.headers["ETag"] == f'"{before}"'
    events = (
        await client.get(
            f"/v1/accounts/{account_id}/events", params={"type": "agent_activity.recorded"}
        )
    ).json()["data"]
    assert [e["data"] for e in events] == [{"recorded": 2, "unknown_user_ids": ["ghost"]}]


async def test_a_later_batch_wins_and_an_earlier_one_never_moves_the_moment_back(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_agents(client, "u1", "u2")
    now = clock.now()
    early, middle, late = (now - timedelta(hours=h) for h in (3, 2, 1))
    first = [
        {"user_id": "u1", "at": middle.isoformat()},
        {"user_id": "u2", "at": middle.isoformat()},
    ]
    assert (await post_activity(client, account_id, owner, first)).status_code == 200

    second = [{"user_id": "u1", "at": early.isoformat()}, {"user_id": "u2", "at": late.isoformat()}]
    answered = await post_activity(client, account_id, owner, second)

    assert answered.json() == {"recorded": 2, "unknown_user_ids": []}
    rows = await last_active(engine, account_id)
    assert (rows["u1"], rows["u2"]) == (naive(middle), naive(late))


async def test_a_batch_is_one_update_statement_however_many_agents(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    users = [f"u{n}" for n in range(40)]
    account_id, owner = await account_with_agents(client, *users)
    at = clock.now() - timedelta(minutes=5)
    updates: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE AGENTS"):
            updates.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    try:
        answered = await post_activity(
            client, account_id, owner, [{"user_id": u, "at": at.isoformat()} for u in users]
        )
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", seen)

    assert answered.json()["recorded"] == 40
    assert len(updates) == 1
    rows = await last_active(engine, account_id)
    assert {rows[u] for u in users} == {naive(at)}


async def test_past_the_maximum_or_in_the_future_the_whole_batch_is_refused(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_agents(client, "u1")
    now = clock.now()
    ok = {"user_id": "u1", "at": (now - timedelta(hours=1)).isoformat()}

    too_many = await post_activity(client, account_id, owner, [ok] * 1_001)
    assert too_many.status_code == 422, too_many.text
    assert too_many.json()["code"] == "limit_exceeded"
    assert too_many.json()["maximum"] == 1_000

    ahead = {"user_id": "u1", "at": (now + timedelta(minutes=30)).isoformat()}
    future = await post_activity(client, account_id, owner, [ok, ahead])
    assert future.status_code == 422, future.text
    assert future.json()["code"] == "activity_in_future"
    assert future.json()["user_ids"] == ["u1"]

    naive_at = await post_activity(
        client, account_id, owner, [{"user_id": "u1", "at": "2026-03-01T08:00:00"}]
    )
    assert naive_at.status_code == 422
    assert (await last_active(engine, account_id))["u1"] is None  # nothing of any of them

    # A clock a little fast is not the future; the largest batch is taken.
    skewed = (clock.now() + timedelta(minutes=2)).isoformat()
    at_most = await post_activity(
        client, account_id, owner, [ok] * 999 + [{"user_id": "u1", "at": skewed}]
    )
    assert at_most.status_code == 200, at_most.text
    assert (await last_active(engine, account_id))["u1"] == naive(moment(skewed))


async def test_a_viewer_may_not_record_activity_and_another_tenant_cannot_reach_it(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, _ = await account_with_agents(client, "u1")
    other_id, other_owner = await account_with_agents(client, "u1")
    viewer = await mint_key(client, account_id, "viewer")
    entry = [{"user_id": "u1", "at": clock.now().isoformat()}]

    refused = await post_activity(client, account_id, viewer, entry)
    assert refused.status_code == 403, refused.text
    assert refused.json()["code"] == "insufficient_role"
    walled = await post_activity(client, account_id, other_owner, entry)
    assert walled.status_code == 404, walled.text
    assert (await last_active(engine, account_id))["u1"] is None
    assert (await last_active(engine, other_id))["u1"] is None


async def test_two_batches_at_once_leave_the_later_moment(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_agents(client, "u1")
    now = clock.now()
    late, early = now - timedelta(minutes=1), now - timedelta(hours=1)

    answers = await asyncio.gather(
        *(
            post_activity(client, account_id, owner, [{"user_id": "u1", "at": at.isoformat()}])
            for at in (late, early, late, early)
        )
    )

    assert [a.status_code for a in answers] == [200] * 4
    assert (await last_active(engine, account_id))["u1"] == naive(late)


async def test_a_moment_out_of_range_in_utc_is_refused_not_a_500(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await account_with_agents(client, "u1")

    for at in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"):
        refused = await post_activity(client, account_id, owner, [{"user_id": "u1", "at": at}])
        assert refused.status_code == 422, (at, refused.text)

    assert (await last_active(engine, account_id))["u1"] is None


async def test_an_old_moment_is_kept_in_order_and_a_later_one_still_wins(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await account_with_agents(client, "u1")
    ancient = "0999-06-01T00:00:00+00:00"
    assert (
        await post_activity(client, account_id, owner, [{"user_id": "u1", "at": ancient}])
    ).is_success
    assert (await last_active(engine, account_id))["u1"] == naive(moment(ancient))

    later = clock.now() - timedelta(days=1)
    await post_activity(client, account_id, owner, [{"user_id": "u1", "at": later.isoformat()}])
    await post_activity(client, account_id, owner, [{"user_id": "u1", "at": ancient}])
    assert (await last_active(engine, account_id))["u1"] == naive(later)
