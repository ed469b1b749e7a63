"""Where the account status, light agents, the waiting room, reclaim and bulk
sync meet: each path that moves seats obeys the others' rules."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.e2e.test_agent_sync import agents, person, snapshot, sync
from tests.seat_checks import assert_counters_match_rows


async def _account(client: httpx.AsyncClient, seats: int = 2) -> str:
    account = await open_account(client, subscription=[{"product": "support", "seats": seats}])
    return str(account["id"])


async def _post_agent(
    client: httpx.AsyncClient, account_id: str, user_id: str, **body: Any
) -> httpx.Response:
    return await client.post(f"/v1/accounts/{account_id}/agents", json=person(user_id, **body))


async def _waiting(client: httpx.AsyncClient, account_id: str) -> list[str]:
    listed = await client.get(f"/v1/accounts/{account_id}/waiting-agents")
    assert listed.status_code == 200, listed.text
    return [w["user_id"] for w in listed.json()["data"]]


async def test_a_sync_that_frees_seats_lets_the_waiting_in(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id = await _account(client)
    assert (await _post_agent(client, account_id, "a1")).status_code == 201  # owner + a1: full
    queued = await _post_agent(client, account_id, "w1", wait_for_seat=True)
    assert queued.status_code == 202, queued.text

    applied = await sync(client, account_id, [person("a1", role="end_user")], dry_run=False)

    assert applied.status_code == 200, applied.text
    held = await agents(client, account_id)
    assert held["a1"]["role"] == "end_user"
    assert held["w1"]["role"] == "agent" and held["w1"]["products"] == ["support"]
    assert await _waiting(client, account_id) == []
    await assert_counters_match_rows(engine, account_id)


async def test_a_sync_listing_a_waiting_user_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id = await _account(client)
    assert (await _post_agent(client, account_id, "a1")).status_code == 201
    assert (await _post_agent(client, account_id, "w1", wait_for_seat=True)).status_code == 202
    before = await snapshot(engine)

    refused = await sync(client, account_id, [person("w1")], dry_run=False)

    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "already_waiting"
    assert await snapshot(engine) == before


async def test_a_sync_leaves_light_agents_to_patch(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id = await _account(client, seats=3)
    assert (await _post_agent(client, account_id, "l1", role="light_agent")).status_code == 201
    before = await snapshot(engine)

    listed = await sync(client, account_id, [person("l1")], dry_run=False)
    assert listed.status_code == 409, listed.text
    assert (listed.json()["code"], listed.json()["user_ids"]) == ("agent_exists", ["l1"])
    assert await snapshot(engine) == before

    # Removing everyone not listed removes no light agent either.
    applied = await sync(client, account_id, [person("a1")], dry_run=False, remove_missing=True)
    assert applied.status_code == 200, applied.text
    assert [r["user_id"] for r in applied.json()["remove"]] == []
    held = await agents(client, account_id)
    assert held["l1"]["role"] == "light_agent" and held["a1"]["role"] == "agent"
    await assert_counters_match_rows(engine, account_id)


async def test_a_suspended_account_lets_nobody_in_from_the_waiting_room(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id = await _account(client)
    assert (await _post_agent(client, account_id, "a1")).status_code == 201
    assert (await _post_agent(client, account_id, "w1", wait_for_seat=True)).status_code == 202
    suspended = await client.patch(f"/v1/accounts/{account_id}", json={"status": "suspended"})
    assert suspended.status_code == 200, suspended.text

    removed = await client.delete(f"/v1/accounts/{account_id}/agents/a1")

    assert removed.status_code == 204, removed.text  # removing is allowed while suspended
    assert await _waiting(client, account_id) == ["w1"]  # assigning is not: w1 keeps the place
    assert "w1" not in await agents(client, account_id)
    await assert_counters_match_rows(engine, account_id)
    # Reinstated, the next freed or added seat lets them in.
    assert (
        await client.patch(f"/v1/accounts/{account_id}", json={"status": "active"})
    ).status_code == 200
    owner = bearer(await mint_key(client, account_id, "owner"))
    bought = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "support", "seats": 3}]},
        headers=owner,
    )
    assert bought.status_code in (200, 201), bought.text
    assert await _waiting(client, account_id) == []
    assert (await agents(client, account_id))["w1"]["role"] == "agent"


async def test_a_light_agent_never_waits(client: httpx.AsyncClient) -> None:
    account_id = await _account(client, seats=1)  # the owner holds the only seat
    added = await _post_agent(client, account_id, "l1", role="light_agent", wait_for_seat=True)
    assert added.status_code == 201, added.text
    assert added.json()["role"] == "light_agent"
    assert await _waiting(client, account_id) == []
