"""One scheduled change per account: a new one replaces the pending one (which
becomes `cancelled`, with an event), the database holds it even for two at
once, the subscription shows the pending change, and a change that is moot by
renewal is cancelled there, never applied."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock


async def owned(client: httpx.AsyncClient, **account: Any) -> tuple[dict[str, Any], dict[str, str]]:
    opened = await open_account(client, **account)
    return opened, bearer(await mint_key(client, opened["id"], "owner"))


async def schedule(
    client: httpx.AsyncClient, account_id: str, owner: dict[str, str], seats: int
) -> httpx.Response:
    return await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": seats}], "effective": "at_renewal"},
        headers=owner,
    )


async def statuses(engine: AsyncEngine, account_id: str) -> dict[str, str]:
    async with engine.connect() as connection:
        found = await connection.execute(
            text("SELECT id, status FROM seat_changes WHERE account_id = :a"), {"a": account_id}
        )
        return {row[0]: row[1] for row in found}


async def events(client: httpx.AsyncClient, account_id: str, type: str) -> list[dict[str, Any]]:
    listed = await client.get(f"/v1/accounts/{account_id}/events", params={"type": type})
    data: list[dict[str, Any]] = listed.json()["data"]
    return data


async def test_a_new_scheduled_change_replaces_the_pending_one_and_the_subscription_shows_it(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account, owner = await owned(client, subscription=[{"product": "sell", "seats": 4}])
    account_id = account["id"]
    subscription_url = f"/v1/accounts/{account_id}/subscription"
    assert (await client.get(subscription_url)).json()["pending_change"] is None

    first = (await schedule(client, account_id, owner, 2)).json()
    shown = await client.get(subscription_url)
    assert shown.json()["pending_change"] == {
        "id": first["id"],
        "effective_at": account["term_end"],
        "lines": [{"product": "sell", "from": 4, "to": 2}],
    }
    assert shown.headers["etag"] == '"2"'  # what the subscription shows changed

    second = await schedule(client, account_id, owner, 6)

    assert second.status_code == 201, second.text
    assert second.json()["status"] == "scheduled"
    assert await statuses(engine, account_id) == {
        first["id"]: "cancelled",
        second.json()["id"]: "scheduled",
    }
    old = (await client.get(f"/v1/accounts/{account_id}/seat-changes/{first['id']}")).json()
    assert old["status"] == "cancelled"
    (cancelled,) = await events(client, account_id, "seat_change.cancelled")
    assert cancelled["data"]["seat_change_id"] == first["id"]
    assert (cancelled["data"]["reason"], cancelled["data"]["replaced_by"]) == (
        "replaced",
        second.json()["id"],
    )
    newest = (await events(client, account_id, "seat_change.scheduled"))[0]
    assert newest["data"]["replaces"] == first["id"]
    shown = await client.get(subscription_url)
    assert shown.json()["pending_change"]["id"] == second.json()["id"]
    assert shown.json()["pending_change"]["lines"] == [{"product": "sell", "from": 4, "to": 6}]

    clock.set_iso(account["term_end"])
    renewals = (await client.post("/v1/admin/jobs/run")).json()["renewals"]

    assert renewals["seat_changes_applied"] == [second.json()["id"]]
    renewed = (await client.get(subscription_url)).json()
    assert [(ln["product"], ln["seats"]) for ln in renewed["lines"]] == [("sell", 6)]
    assert renewed["pending_change"] is None


async def test_two_schedules_sent_at_once_leave_exactly_one_pending(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, owner = await owned(client, subscription=[{"product": "sell", "seats": 4}])
    account_id = account["id"]

    answers = await asyncio.gather(
        schedule(client, account_id, owner, 2), schedule(client, account_id, owner, 6)
    )

    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    found = await statuses(engine, account_id)
    assert sorted(found.values()) == ["cancelled", "scheduled"]
    (pending,) = [change_id for change_id, status in found.items() if status == "scheduled"]
    (cancelled,) = await events(client, account_id, "seat_change.cancelled")
    assert cancelled["data"]["replaced_by"] == pending
    shown = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
    assert shown["pending_change"]["id"] == pending

    # The database itself refuses a second pending change, whatever path writes it.
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO seat_changes (id, account_id, status, effective, channel, "
                    "lines, named_downgrades, downgraded, amount_due, currency, actor, "
                    "created_at, effective_at, applied_at) "
                    "SELECT 'chg_second', account_id, status, effective, channel, lines, "
                    "named_downgrades, downgraded, amount_due, currency, actor, created_at, "
                    "effective_at, applied_at FROM seat_changes WHERE id = :id"
                ),
                {"id": pending},
            )
    assert await statuses(engine, account_id) == found


async def test_cancelling_the_pending_change_takes_it_off_the_subscription(
    client: httpx.AsyncClient,
) -> None:
    account, owner = await owned(client, subscription=[{"product": "sell", "seats": 4}])
    account_id = account["id"]
    change = (await schedule(client, account_id, owner, 3)).json()
    before = await client.get(f"/v1/accounts/{account_id}/subscription")

    cancelled = await client.post(
        f"/v1/accounts/{account_id}/seat-changes/{change['id']}/cancel", headers=owner
    )

    assert cancelled.json()["status"] == "cancelled"
    after = await client.get(f"/v1/accounts/{account_id}/subscription")
    assert before.json()["pending_change"]["id"] == change["id"]
    assert after.json()["pending_change"] is None
    assert after.headers["etag"] != before.headers["etag"]
    (event,) = await events(client, account_id, "seat_change.cancelled")
    assert (event["data"]["seat_change_id"], event["data"]["reason"]) == (change["id"], "requested")


async def test_a_change_moot_by_renewal_is_cancelled_and_nobody_is_told_seats_changed(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account, owner = await owned(client, subscription=[{"product": "sell", "seats": 4}])
    account_id = account["id"]
    scheduled = (await schedule(client, account_id, owner, 2)).json()
    now = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 2}]},
        headers=owner,
    )
    assert now.json()["status"] == "applied"
    # Still pending, with nothing left to change against the seats there are now.
    pending = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["pending_change"]
    assert (pending["id"], pending["lines"]) == (scheduled["id"], [])

    clock.set_iso(account["term_end"])
    renewals = (await client.post("/v1/admin/jobs/run")).json()["renewals"]

    assert renewals["accounts_renewed"] == 1
    assert (renewals["seat_changes_applied"], renewals["seat_changes_cancelled"]) == (
        [],
        [scheduled["id"]],
    )
    assert await statuses(engine, account_id) == {
        scheduled["id"]: "cancelled",
        now.json()["id"]: "applied",
    }
    moot = (await client.get(f"/v1/accounts/{account_id}/seat-changes/{scheduled['id']}")).json()
    assert (moot["status"], moot["applied_at"]) == ("cancelled", None)
    (event,) = await events(client, account_id, "seat_change.cancelled")
    assert (event["data"]["reason"], event["actor"]) == ("moot", "system")
    applied = await events(client, account_id, "seat_change.applied")
    assert [e["data"]["seat_change_id"] for e in applied] == [now.json()["id"]]
    async with engine.connect() as connection:
        notices = (
            await connection.execute(
                text("SELECT type, body FROM notifications WHERE account_id = :a"),
                {"a": account_id},
            )
        ).all()
    applied_notices = [body for type, body in notices if type == "seat_change_applied"]
    assert applied_notices == ["Seats changed: sell 4 → 2."]
    assert all("Seats changed: ." not in body for _, body in notices)
    renewed = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
    assert renewed["pending_change"] is None
    assert [(ln["product"], ln["seats"]) for ln in renewed["lines"]] == [("sell", 2)]
