"""An account's status (active, past_due, suspended, cancelled) decides what
it may do with its seats, on every path, and a refusal changes nothing;
closing an account cancels it and deletes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.account_rows import account_rows
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.seat_checks import assert_counters_match_rows

OK = None
# The contract's table: per status, the refusal code of (assign a free seat,
# buy seats, remove seats or agents), or OK.
TABLE: dict[str, tuple[str | None, str | None, str | None]] = {
    "active": (OK, OK, OK),
    "past_due": (OK, "account_past_due", OK),
    "suspended": ("account_suspended", "account_suspended", OK),
    "cancelled": ("account_cancelled", "account_cancelled", "account_cancelled"),
}
STATUSES = list(TABLE)


def agent(n: int, **overrides: Any) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}", **overrides}


async def owned(
    client: httpx.AsyncClient, **overrides: Any
) -> tuple[dict[str, Any], dict[str, str]]:
    account = await open_account(client, **overrides)
    return account, bearer(await mint_key(client, account["id"], "owner"))


async def set_status(client: httpx.AsyncClient, account_id: str, status: str) -> None:
    answer = await client.patch(f"/v1/accounts/{account_id}", json={"status": status})
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == status


async def refused_and_unchanged(
    engine: AsyncEngine, account_id: str, answer: httpx.Response, code: str, before: object
) -> None:
    assert answer.status_code == 409, answer.text
    body = answer.json()
    assert (body["code"], body["status"]) == (code, 409)
    assert body["account_status"] == code.removeprefix("account_")
    assert await account_rows(engine, account_id) == before


async def events(client: httpx.AsyncClient, account_id: str, type: str) -> list[dict[str, Any]]:
    listed = await client.get(f"/v1/accounts/{account_id}/events", params={"type": type})
    data: list[dict[str, Any]] = listed.json()["data"]
    return data


@pytest.mark.parametrize("status", STATUSES)
async def test_assigning_a_free_seat_follows_the_status_table(
    client: httpx.AsyncClient, engine: AsyncEngine, status: str
) -> None:
    account, _ = await owned(client, subscription=[{"product": "sell", "seats": 3}])
    account_id = account["id"]
    assert (await client.post(f"/v1/accounts/{account_id}/agents", json=agent(1))).is_success
    demoted = await client.patch(f"/v1/accounts/{account_id}/agents/u1", json={"role": "end_user"})
    assert demoted.json()["role"] == "end_user"
    await set_status(client, account_id, status)
    before = await account_rows(engine, account_id)

    added = await client.post(f"/v1/accounts/{account_id}/agents", json=agent(2))
    promoted = await client.patch(f"/v1/accounts/{account_id}/agents/u1", json={"role": "agent"})

    code = TABLE[status][0]
    if code is None:
        assert (added.status_code, promoted.status_code) == (201, 200), added.text
        assert promoted.json()["products"] == ["sell"]
        assert await assert_counters_match_rows(engine, account_id) == {"sell": 3}
    else:
        await refused_and_unchanged(engine, account_id, added, code, before)
        await refused_and_unchanged(engine, account_id, promoted, code, before)


@pytest.mark.parametrize("status", STATUSES)
async def test_buying_seats_on_the_subscription_page_follows_the_status_table(
    client: httpx.AsyncClient, engine: AsyncEngine, status: str
) -> None:
    account, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    account_id = account["id"]
    await set_status(client, account_id, status)
    before = await account_rows(engine, account_id)
    url = f"/v1/accounts/{account_id}/seat-changes"
    body = {"changes": [{"product": "sell", "seats": 4}]}

    preview = await client.post(f"{url}/preview", json=body, headers=owner)
    now = await client.post(url, json=body, headers=owner)

    code = TABLE[status][1]
    assert preview.status_code == 200, preview.text  # a preview is a read
    assert preview.json()["can_apply"] is (code is None)
    if code is None:
        assert now.status_code == 201, now.text
        assert now.json()["lines"] == [{"product": "sell", "from": 2, "to": 4}]
        return
    assert preview.json()["apply_refusal"]["code"] == code
    await refused_and_unchanged(engine, account_id, now, code, before)
    # A purchase at renewal is a purchase too.
    later = await client.post(url, json={**body, "effective": "at_renewal"}, headers=owner)
    await refused_and_unchanged(engine, account_id, later, code, before)
    # And temporary seats are bought.
    starts = account["term_start"]
    granted = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={"product": "sell", "seats": 1, "starts_at": starts, "ends_at": account["term_end"]},
        headers=owner,
    )
    await refused_and_unchanged(engine, account_id, granted, code, before)


@pytest.mark.parametrize("status", STATUSES)
async def test_buying_on_the_fly_while_adding_an_agent_follows_the_status_table(
    client: httpx.AsyncClient, engine: AsyncEngine, status: str
) -> None:
    account, owner = await owned(client, subscription=[{"suite": "support_suite", "seats": 1}])
    account_id = account["id"]
    await set_status(client, account_id, status)
    before = await account_rows(engine, account_id)
    options = (
        await client.get(f"/v1/accounts/{account_id}/purchase-options", headers=owner)
    ).json()

    added = await client.post(
        f"/v1/accounts/{account_id}/agents",
        json=agent(1, buy_missing_seats=True),
        headers=owner,
    )

    code = TABLE[status][1]
    on_the_fly = next(o for o in options["options"] if o["channel"] == "on_the_fly")
    if code is None:
        assert on_the_fly["available"] is True
        assert added.status_code == 201, added.text
        assert added.json()["seat_change_id"].startswith("chg_")
        return
    # The purchase options say why the channel is closed, and buying is refused.
    assert (on_the_fly["available"], on_the_fly["reason_code"]) == (False, code)
    await refused_and_unchanged(engine, account_id, added, code, before)


@pytest.mark.parametrize("status", STATUSES)
async def test_a_sales_request_is_fulfilled_only_where_the_status_lets_the_account_buy(
    client: httpx.AsyncClient, engine: AsyncEngine, status: str
) -> None:
    account, owner = await owned(
        client, billing_mode="sales_assisted", subscription=[{"product": "sell", "seats": 2}]
    )
    account_id = account["id"]
    filed = await client.post(
        f"/v1/accounts/{account_id}/sales-requests",
        json={"kind": "add_seats", "product": "sell", "seats": 3},
        headers=owner,
    )
    assert filed.status_code == 201, filed.text
    await set_status(client, account_id, status)
    before = await account_rows(engine, account_id)

    fulfilled = await client.post(f"/v1/sales-requests/{filed.json()['id']}/fulfill")
    again = await client.post(
        f"/v1/accounts/{account_id}/sales-requests",
        json={"kind": "add_seats", "product": "sell", "seats": 1},
        headers=owner,
    )

    code = TABLE[status][1]
    if code is None:
        assert (fulfilled.status_code, again.status_code) == (200, 201), fulfilled.text
        lines = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
        assert [(ln["product"], ln["seats"]) for ln in lines] == [("sell", 5)]
        return
    await refused_and_unchanged(engine, account_id, fulfilled, code, before)
    await refused_and_unchanged(engine, account_id, again, code, before)


@pytest.mark.parametrize("status", STATUSES)
async def test_removing_seats_and_agents_follows_the_status_table(
    client: httpx.AsyncClient, engine: AsyncEngine, status: str
) -> None:
    account, owner = await owned(client, subscription=[{"product": "sell", "seats": 4}])
    account_id = account["id"]
    for n in (1, 2, 3):
        assert (await client.post(f"/v1/accounts/{account_id}/agents", json=agent(n))).is_success
    await set_status(client, account_id, status)
    before = await account_rows(engine, account_id)

    removed = await client.delete(f"/v1/accounts/{account_id}/agents/u1")
    demoted = await client.patch(f"/v1/accounts/{account_id}/agents/u2", json={"role": "end_user"})
    cut = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 2}]},
        headers=owner,
    )

    code = TABLE[status][2]
    if code is None:
        assert (removed.status_code, demoted.status_code, cut.status_code) == (204, 200, 201)
        assert cut.json()["downgraded_agents"] == []  # u1 gone and u2 an end user: room left
        assert await assert_counters_match_rows(engine, account_id) == {"sell": 2}
        return
    for answer in (removed, demoted, cut):
        await refused_and_unchanged(engine, account_id, answer, code, before)


@pytest.mark.parametrize("status", STATUSES)
async def test_reads_work_in_every_status_and_show_it(
    client: httpx.AsyncClient, status: str
) -> None:
    account, _owner = await owned(client)
    account_id = account["id"]
    await set_status(client, account_id, status)
    viewer = bearer(await mint_key(client, account_id, "viewer"))
    reads = [
        f"/v1/accounts/{account_id}",
        f"/v1/accounts/{account_id}/subscription",
        f"/v1/accounts/{account_id}/agents",
        f"/v1/accounts/{account_id}/agents/{account['owner']['user_id']}",
        f"/v1/accounts/{account_id}/events",
        f"/v1/accounts/{account_id}/notifications",
        f"/v1/accounts/{account_id}/purchase-options",
        f"/v1/accounts/{account_id}/seat-changes",
    ]
    for path in reads:
        answer = await client.get(path, headers=viewer)
        assert answer.status_code == 200, (path, answer.text)
    subscription = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
    assert subscription["status"] == status
    assert (await client.get(f"/v1/accounts/{account_id}")).json()["status"] == status


async def test_a_status_change_is_an_event_and_an_owner_notice_and_moves_the_version(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, owner = await owned(client)
    account_id = account["id"]
    first = await client.get(f"/v1/accounts/{account_id}/subscription")
    assert first.json()["status"] == "active"

    await set_status(client, account_id, "past_due")
    await set_status(client, account_id, "past_due")  # the same again: nothing more

    after = await client.get(f"/v1/accounts/{account_id}/subscription")
    assert after.headers["etag"] != first.headers["etag"]
    (changed,) = await events(client, account_id, "account.status_changed")
    assert changed["data"] == {"status": "past_due", "previous_status": "active"}
    notices = (await client.get(f"/v1/accounts/{account_id}/notifications", headers=owner)).json()
    (notice,) = [n for n in notices["data"] if n["type"] == "account_status_changed"]
    assert notice["data"] == {"status": "past_due", "previous_status": "active"}
    assert "no seat can be bought" in notice["body"]

    await set_status(client, account_id, "active")  # reinstated by the billing system
    statuses = [
        e["data"]["status"] for e in await events(client, account_id, "account.status_changed")
    ]
    assert statuses == ["active", "past_due"]  # newest first


async def test_only_a_platform_admin_sets_the_status_and_bad_values_change_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, owner = await owned(client)
    account_id = account["id"]
    admin = bearer(await mint_key(client, account_id, "admin"))
    before = await account_rows(engine, account_id)

    for headers in (owner, admin):
        refused = await client.patch(
            f"/v1/accounts/{account_id}", json={"status": "active"}, headers=headers
        )
        assert (refused.status_code, refused.json()["code"]) == (403, "insufficient_role")
        closed = await client.delete(f"/v1/accounts/{account_id}", headers=headers)
        assert (closed.status_code, closed.json()["code"]) == (403, "insufficient_role")
    bad = await client.patch(f"/v1/accounts/{account_id}", json={"status": "frozen"})
    assert (bad.status_code, bad.json()["code"]) == (422, "validation_error")
    assert await account_rows(engine, account_id) == before


async def test_closing_an_account_cancels_it_keeps_every_row_and_repeats_harmlessly(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account, _owner = await owned(client, subscription=[{"product": "sell", "seats": 3}])
    account_id = account["id"]
    assert (await client.post(f"/v1/accounts/{account_id}/agents", json=agent(1))).is_success
    before = await account_rows(engine, account_id)

    closed = await client.delete(f"/v1/accounts/{account_id}")
    again = await client.delete(f"/v1/accounts/{account_id}")

    assert (closed.status_code, again.status_code) == (200, 200), closed.text
    assert closed.json()["status"] == again.json()["status"] == "cancelled"
    after = await account_rows(engine, account_id)
    assert after["accounts"][0][0] == "cancelled"
    for table in ("subscription_lines", "agents", "agent_seats", "api_keys"):
        assert after[table] == before[table], table
    assert len(await events(client, account_id, "account.status_changed")) == 1
    # Still there, still readable; and closed to every seat change.
    listed = (await client.get(f"/v1/accounts/{account_id}/agents")).json()["data"]
    assert sorted(a["user_id"] for a in listed) == sorted([account["owner"]["user_id"], "u1"])
    refused = await client.post(f"/v1/accounts/{account_id}/agents", json=agent(2))
    assert refused.json()["code"] == "account_cancelled"


async def test_renewal_cancels_a_purchase_the_status_refuses_and_skips_a_cancelled_account(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    late, late_owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    closed, _ = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    scheduled = await client.post(
        f"/v1/accounts/{late['id']}/seat-changes",
        json={"changes": [{"product": "sell", "seats": 5}], "effective": "at_renewal"},
        headers=late_owner,
    )
    assert scheduled.status_code == 201, scheduled.text
    await set_status(client, late["id"], "past_due")
    await client.delete(f"/v1/accounts/{closed['id']}")
    closed_before = await account_rows(engine, closed["id"])

    clock.set_iso(late["term_end"])
    clock.advance(timedelta(minutes=1))
    renewals = (await client.post("/v1/admin/jobs/run")).json()["renewals"]

    # The past-due account renews, without the seats it can no longer buy.
    assert renewals["accounts_renewed"] == 1
    assert renewals["seat_changes_cancelled"] == [scheduled.json()["id"]]
    renewed = (await client.get(f"/v1/accounts/{late['id']}/subscription")).json()
    assert [(ln["product"], ln["seats"]) for ln in renewed["lines"]] == [("sell", 2)]
    assert renewed["term_start"] == late["term_end"]
    (cancelled,) = await events(client, late["id"], "seat_change.cancelled")
    assert cancelled["data"]["reason"] == "account_past_due"
    # The cancelled account is left as it was: not renewed.
    assert await account_rows(engine, closed["id"]) == closed_before
