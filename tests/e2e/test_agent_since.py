"""'Newest' means most recently made an agent: an end user made an agent again
is the newest, in the listing and in the downgrade order (R10)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.seat_checks import assert_counters_match_rows


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def agent_rows(engine: AsyncEngine, account_id: str) -> dict[str, tuple[str, datetime]]:
    """Per user: the role and agent_since stored."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT user_id, role, agent_since FROM agents WHERE account_id = :a"),
            {"a": account_id},
        )
        found = {}
        for user_id, role, since in rows:
            if isinstance(since, str):  # SQLite hands back text
                since = datetime.fromisoformat(since)
            found[user_id] = (role, since.replace(tzinfo=None))
    return found


async def test_a_re_promoted_end_user_is_the_newest_and_is_downgraded_first(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account = await open_account(client, subscription=[{"product": "sell", "seats": 4}])
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    for n in (1, 2, 3):
        clock.advance_seconds(1)
        added = await client.post(f"/v1/accounts/{account_id}/agents", json=agent(n))
        assert added.status_code == 201, added.text
        assert added.json()["agent_since"] == added.json()["added_at"]

    clock.advance_seconds(1)
    demoted = await client.patch(f"/v1/accounts/{account_id}/agents/u1", json={"role": "end_user"})
    assert demoted.json()["role"] == "end_user"
    assert demoted.json()["agent_since"] == demoted.json()["added_at"]  # unchanged by a demotion
    clock.advance_seconds(1)
    promoted = await client.patch(f"/v1/accounts/{account_id}/agents/u1", json={"role": "agent"})
    assert promoted.status_code == 200, promoted.text
    u1 = promoted.json()
    assert u1["role"] == "agent"
    assert moment(u1["agent_since"]) > moment(u1["added_at"])
    rows = await agent_rows(engine, account_id)
    assert rows["u1"] == ("agent", moment(u1["agent_since"]).replace(tzinfo=None))
    listed = (await client.get(f"/v1/accounts/{account_id}/agents")).json()["data"]
    assert [a["user_id"] for a in listed] == ["u1", "u3", "u2", account["owner"]["user_id"]]

    # Added first but made an agent last: u1 goes before u3, the last one added.
    cut = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 3}]},
        headers=owner,
    )
    assert cut.status_code == 201, cut.text
    assert [(d["user_id"], d["products"]) for d in cut.json()["downgraded_agents"]] == [
        ("u1", ["sell"])
    ]
    rows = await agent_rows(engine, account_id)
    assert {u: role for u, (role, _) in rows.items()} == {
        account["owner"]["user_id"]: "agent",
        "u1": "end_user",
        "u2": "agent",
        "u3": "agent",
    }
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 3}


async def test_many_holders_the_re_promoted_one_is_cut_first_by_the_indexed_walk(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    """A cut of several seats takes the newest holders in agent_since order,
    the re-promoted ones among them, from the database's own ordering."""
    account = await open_account(client, subscription=[{"product": "sell", "seats": 9}])
    account_id = account["id"]
    owner = bearer(await mint_key(client, account_id, "owner"))
    for n in range(1, 9):
        clock.advance_seconds(1)
        assert (await client.post(f"/v1/accounts/{account_id}/agents", json=agent(n))).is_success
    for n in (2, 4):  # the oldest but one, made agents again: now the newest, u4 last
        clock.advance_seconds(1)
        url = f"/v1/accounts/{account_id}/agents/u{n}"
        await client.patch(url, json={"role": "end_user"})
        clock.advance_seconds(1)
        assert (await client.patch(url, json={"role": "agent"})).json()["role"] == "agent"

    preview = await client.post(
        f"/v1/accounts/{account_id}/seat-changes/preview",
        json={"changes": [{"product": "sell", "seats": 6}]},
        headers=owner,
    )
    assert [d["user_id"] for d in preview.json()["downgraded_agents"]] == ["u4", "u2", "u8"]
    cut = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 6}]},
        headers=owner,
    )
    assert [d["user_id"] for d in cut.json()["downgraded_agents"]] == ["u4", "u2", "u8"]
    rows = await agent_rows(engine, account_id)
    assert sorted(u for u, (role, _) in rows.items() if role == "end_user") == ["u2", "u4", "u8"]
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 6}


async def test_the_owner_and_new_agents_start_with_agent_since_as_added_at(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account = await open_account(client)
    owner_id = account["owner"]["user_id"]
    owner = (await client.get(f"/v1/accounts/{account['id']}/agents/{owner_id}")).json()
    assert owner["agent_since"] == owner["added_at"] == account["created_at"]
    rows = await agent_rows(engine, account["id"])
    assert rows[owner_id] == ("agent", moment(account["created_at"]).replace(tzinfo=None))
