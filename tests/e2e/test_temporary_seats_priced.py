"""Temporary seats are priced and bounded (R12): a grant is charged by daily
proration of the cycle price and stores what it charged; a line's temporary
seats and a grant's length have a maximum, and a refusal changes nothing; the
warning before the end names who would lose a seat, as the end then chooses."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.models import Base
from app.domain.limits import MAX_TEMPORARY_SEATS_PER_LINE
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock

SUITE_MONTHLY = 5500 + 1900 + 2900 + 2900 + 3900  # one support_suite seat, the five products
SELL_MONTHLY = 4900
# Accounts open at the test epoch, 2026-03-01 09:00 UTC: a monthly term runs to
# 2026-04-01 (31 days), an annual one to 2027-03-01 (365 days).


async def owned(client: httpx.AsyncClient, **account: Any) -> tuple[str, dict[str, str]]:
    opened = await open_account(client, **account)
    return opened["id"], bearer(await mint_key(client, opened["id"], "owner"))


def agent(user_id: str) -> dict[str, Any]:
    return {"user_id": user_id, "email": f"{user_id}@acme.example", "name": user_id}


async def rows(engine: AsyncEngine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    async with engine.connect() as connection:
        return [tuple(row) for row in await connection.execute(text(sql), params)]


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple[str, ...]]]:
    async with engine.connect() as connection:
        return {
            table.name: sorted(
                tuple(str(v) for v in row)
                for row in (await connection.execute(table.select())).all()
            )
            for table in Base.metadata.sorted_tables
        }


async def test_a_grant_is_charged_by_the_day_and_stores_what_it_charged(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(
        client,
        subscription=[{"suite": "support_suite", "seats": 2}, {"product": "sell", "seats": 1}],
    )
    url = f"/v1/accounts/{account_id}/temporary-seats"

    ten_days = await client.post(
        url,
        json={
            "suite": "support_suite",
            "seats": 3,
            "starts_at": "2026-03-02T00:00:00Z",
            "ends_at": "2026-03-12T00:00:00Z",
        },
        headers=owner,
    )
    an_hour = await client.post(
        url,
        json={
            "product": "sell",
            "seats": 1,
            "starts_at": "2026-03-02T00:00:00Z",
            "ends_at": "2026-03-02T01:00:00Z",
        },
        headers=owner,
    )

    assert ten_days.status_code == 201, ten_days.text
    # 3 seats x 17,100 a month x 10 days / 31 = 16,548.39: 16,548.
    assert round(3 * SUITE_MONTHLY * 10 / 31) == 16548
    assert (ten_days.json()["amount_due"], ten_days.json()["currency"]) == (16548, "USD")
    # A day begun counts whole: an hour is 4,900 / 31 = 158.06: 158.
    assert (an_hour.json()["amount_due"], an_hour.json()["currency"]) == (158, "USD")
    stored = await rows(
        engine,
        "SELECT id, amount_due, currency FROM temporary_seats WHERE account_id = :a ORDER BY id",
        a=account_id,
    )
    assert sorted(stored) == sorted(
        [(ten_days.json()["id"], 16548, "USD"), (an_hour.json()["id"], 158, "USD")]
    )
    listed = (await client.get(url)).json()["data"]
    assert {g["id"]: g["amount_due"] for g in listed} == {
        ten_days.json()["id"]: 16548,
        an_hour.json()["id"]: 158,
    }
    added = (
        await client.get(
            f"/v1/accounts/{account_id}/events", params={"type": "temporary_seats.added"}
        )
    ).json()["data"]
    assert sorted((e["data"]["amount_due"], e["data"]["currency"]) for e in added) == [
        (158, "USD"),
        (16548, "USD"),
    ]


async def test_an_annual_account_pays_a_day_of_its_twelve_month_price(
    client: httpx.AsyncClient,
) -> None:
    account_id, owner = await owned(
        client, billing_cycle="annual", subscription=[{"product": "sell", "seats": 1}]
    )
    granted = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={
            "product": "sell",
            "seats": 2,
            "starts_at": "2026-03-10T00:00:00Z",
            "ends_at": "2026-04-09T00:00:00Z",
        },
        headers=owner,
    )
    # 2 seats x 58,800 a year x 30 days / 365 = 9,665.75: 9,666.
    assert round(2 * SELL_MONTHLY * 12 * 30 / 365) == 9666
    assert granted.status_code == 201, granted.text
    assert granted.json()["amount_due"] == 9666


async def test_one_grant_past_the_lines_maximum_is_limit_exceeded_and_changes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    before = await snapshot(engine)

    refused = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={
            "product": "sell",
            "seats": MAX_TEMPORARY_SEATS_PER_LINE + 1,
            "starts_at": "2026-03-02T00:00:00Z",
            "ends_at": "2026-03-03T00:00:00Z",
        },
        headers=owner,
    )

    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert (problem["code"], problem["field"], problem["maximum"], problem["product"]) == (
        "limit_exceeded",
        "temporary_seats",
        MAX_TEMPORARY_SEATS_PER_LINE,
        "sell",
    )
    assert await snapshot(engine) == before


async def test_a_grant_lasts_at_most_366_days_and_a_longer_one_changes_nothing(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
    url = f"/v1/accounts/{account_id}/temporary-seats"
    before = await snapshot(engine)

    too_long = await client.post(
        url,
        json={
            "product": "sell",
            "seats": 1,
            "starts_at": "2026-03-02T00:00:00Z",
            "ends_at": "2027-03-03T00:00:01Z",  # 366 days and a second
        },
        headers=owner,
    )

    assert too_long.status_code == 422, too_long.text
    assert too_long.headers["content-type"] == "application/problem+json"
    problem = too_long.json()
    assert (problem["code"], problem["field"], problem["maximum"]) == (
        "limit_exceeded",
        "duration_days",
        366,
    )
    assert "366 days" in too_long.json()["detail"]
    assert await snapshot(engine) == before

    a_year = await client.post(
        url,
        json={
            "product": "sell",
            "seats": 1,
            "starts_at": "2026-03-02T00:00:00Z",
            "ends_at": "2027-03-03T00:00:00Z",  # 366 days exactly
        },
        headers=owner,
    )
    assert a_year.status_code == 201, a_year.text
    # 4,900 x 366 / 31 = 57,851.61: 57,852.
    assert a_year.json()["amount_due"] == 57852
    assert await rows(
        engine, "SELECT seats, amount_due FROM temporary_seats WHERE account_id = :a", a=account_id
    ) == [(1, 57852)]


async def test_the_warning_names_who_would_lose_a_seat_and_the_end_takes_exactly_them(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    agents = f"/v1/accounts/{account_id}/agents"
    assert (await client.post(agents, json=agent("u1"))).status_code == 201  # with the owner: 2
    now = clock.now()
    granted = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={
            "product": "sell",
            "seats": 3,
            "starts_at": now.isoformat(),
            "ends_at": (now + timedelta(days=10)).isoformat(),
        },
        headers=owner,
    )
    assert granted.json()["status"] == "active"
    for user_id in ("u2", "u3", "u4"):
        clock.advance_seconds(1)
        assert (await client.post(agents, json=agent(user_id))).status_code == 201
    # u3 leaves: two seat holders too many remain, the two newest of them lose out.
    assert (await client.delete(f"{agents}/u3")).status_code == 204

    clock.advance(timedelta(days=3, hours=1))  # within the 7-day warning
    warned = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]

    assert warned["warned"] == [granted.json()["id"]]
    notices = (await client.get(f"/v1/accounts/{account_id}/notifications")).json()["data"]
    (ending,) = [n for n in notices if n["type"] == "temporary_seats_ending"]
    assert ending["data"]["count"] == 2
    assert ending["data"]["agents"] == [
        {"user_id": "u4", "products": ["sell"], "end_user": True},
        {"user_id": "u2", "products": ["sell"], "end_user": True},
    ]
    assert "u4 (sell), u2 (sell)" in ending["body"]
    assert "u1" not in ending["body"]

    clock.advance(timedelta(days=7))
    ended = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]
    assert ended["ended"] == [granted.json()["id"]]
    end_users = (await client.get(agents, params={"role": "end_user"})).json()["data"]
    assert [a["user_id"] for a in end_users] == ["u4", "u2"]


async def test_a_warning_when_no_one_would_lose_a_seat_says_so(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    now = clock.now()
    await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={
            "product": "sell",
            "seats": 1,
            "starts_at": now.isoformat(),
            "ends_at": (now + timedelta(days=2)).isoformat(),
        },
        headers=owner,
    )

    await client.post("/v1/admin/jobs/run")

    notices = (await client.get(f"/v1/accounts/{account_id}/notifications")).json()["data"]
    (ending,) = [n for n in notices if n["type"] == "temporary_seats_ending"]
    assert (ending["data"]["count"], ending["data"]["agents"]) == (0, [])
    assert "no agent would lose a seat" in ending["body"]
