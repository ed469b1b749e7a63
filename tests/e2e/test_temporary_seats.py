"""Temporary seats: capacity between two dates, a warning, and the newest
agents downgraded when they end; jobs that apply each thing once."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from app.runtime import Runtime
from app.services.jobs import run_due_jobs
from tests.builders import bearer, mint_key, open_account
from tests.conftest import TickingClock
from tests.seat_checks import assert_counters_match_rows


def agent(n: int) -> dict[str, Any]:
    return {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": f"Agent {n}"}


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def owned(client: httpx.AsyncClient, **account: Any) -> tuple[str, dict[str, str]]:
    opened = await open_account(client, **account)
    return opened["id"], bearer(await mint_key(client, opened["id"], "owner"))


async def capacity(client: httpx.AsyncClient, account_id: str) -> dict[str, tuple[int, int, int]]:
    lines = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["lines"]
    return {ln["product"]: (ln["seats"], ln["temporary_seats"], ln["capacity"]) for ln in lines}


async def test_temporary_seats_start_let_agents_in_and_end_downgrading_the_newest(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    await client.post(f"/v1/accounts/{account_id}/agents", json=agent(1))
    start = clock.now()
    granted = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={
            "product": "sell",
            "seats": 3,
            "starts_at": iso(start),
            "ends_at": iso(start + timedelta(seconds=2)),
        },
        headers=owner,
    )
    assert granted.status_code == 201, granted.text
    assert granted.json()["status"] == "active"
    assert await capacity(client, account_id) == {"sell": (2, 3, 5)}

    for n in (2, 3, 4):
        clock.advance_seconds(0.1)
        assert (
            await client.post(f"/v1/accounts/{account_id}/agents", json=agent(n))
        ).status_code == 201

    clock.advance_seconds(2)
    report = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]
    assert report["ended"] == [granted.json()["id"]]
    assert report["agents_downgraded"] == 3

    end_users = (
        await client.get(f"/v1/accounts/{account_id}/agents", params={"role": "end_user"})
    ).json()
    assert [a["user_id"] for a in end_users["data"]] == ["u4", "u3", "u2"]
    assert {a["downgrade_reason"] for a in end_users["data"]} == {"temporary_seats_ended"}
    assert await capacity(client, account_id) == {"sell": (2, 0, 2)}
    assert await assert_counters_match_rows(engine, account_id) == {"sell": 2}
    listed = (await client.get(f"/v1/accounts/{account_id}/temporary-seats")).json()["data"]
    assert listed[0]["status"] == "ended"


async def test_future_seats_start_with_a_job_run_and_warn_once_before_the_end(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    account_id, owner = await owned(client, subscription=[{"suite": "support_suite", "seats": 2}])
    now = clock.now()
    granted = await client.post(
        f"/v1/accounts/{account_id}/temporary-seats",
        json={
            "suite": "support_suite",
            "seats": 4,
            "starts_at": iso(now + timedelta(days=1)),
            "ends_at": iso(now + timedelta(days=30)),
        },
        headers=owner,
    )
    assert granted.json()["status"] == "scheduled"
    assert granted.json()["products"] == ["support", "guide", "chat", "talk", "explore"]
    assert set((await capacity(client, account_id)).values()) == {(2, 0, 2)}

    clock.advance(timedelta(days=1))
    first = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]
    assert first["started"] == [granted.json()["id"]]
    assert set((await capacity(client, account_id)).values()) == {(2, 4, 6)}

    clock.advance(timedelta(days=22))  # 7 days before the end
    warned = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]
    again = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]
    assert warned["warned"] == [granted.json()["id"]]
    assert again == {"started": [], "warned": [], "ended": [], "agents_downgraded": 0}
    notices = (await client.get(f"/v1/accounts/{account_id}/notifications")).json()["data"]
    ending = [n for n in notices if n["type"] == "temporary_seats_ending"]
    assert len(ending) == 1
    assert "end users" in ending[0]["body"]


async def test_temporary_seats_follow_the_rules_of_the_subscription_page(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    now = clock.now()
    window = {"starts_at": iso(now), "ends_at": iso(now + timedelta(days=3))}
    account_id, owner = await owned(client)
    url = f"/v1/accounts/{account_id}/temporary-seats"

    split = await client.post(url, json={"product": "support", "seats": 1, **window}, headers=owner)
    assert (split.status_code, split.json()["code"]) == (422, "suite_parity_violation")
    backwards = await client.post(
        url,
        json={
            "suite": "support_suite",
            "seats": 1,
            "starts_at": window["ends_at"],
            "ends_at": window["starts_at"],
        },
        headers=owner,
    )
    assert backwards.json()["code"] == "invalid_window"
    past = await client.post(
        url,
        json={
            "suite": "support_suite",
            "seats": 1,
            "starts_at": iso(now - timedelta(days=3)),
            "ends_at": iso(now - timedelta(days=1)),
        },
        headers=owner,
    )
    assert past.json()["code"] == "invalid_window"
    naive = await client.post(
        url,
        json={
            "suite": "support_suite",
            "seats": 1,
            "starts_at": "2026-03-01T00:00:00",
            "ends_at": "2026-04-01T00:00:00",
        },
        headers=owner,
    )
    assert naive.status_code == 422
    admin = bearer(await mint_key(client, account_id, "admin"))
    by_admin = await client.post(
        url, json={"suite": "support_suite", "seats": 1, **window}, headers=admin
    )
    assert (by_admin.status_code, by_admin.json()["code"]) == (403, "not_account_owner")

    sales = await open_account(client, billing_mode="sales_assisted")
    sales_owner = bearer(await mint_key(client, sales["id"], "owner"))
    managed = await client.post(
        f"/v1/accounts/{sales['id']}/temporary-seats",
        json={"suite": "support_suite", "seats": 1, **window},
        headers=sales_owner,
    )
    assert managed.json()["code"] == "subscription_managed_by_sales"
    assert (await client.get(url)).json()["data"] == []


async def test_only_seats_not_yet_started_can_be_deleted(
    client: httpx.AsyncClient, clock: TickingClock
) -> None:
    account_id, owner = await owned(client)
    now = clock.now()
    url = f"/v1/accounts/{account_id}/temporary-seats"
    later = await client.post(
        url,
        json={
            "suite": "support_suite",
            "seats": 1,
            "starts_at": iso(now + timedelta(days=1)),
            "ends_at": iso(now + timedelta(days=2)),
        },
        headers=owner,
    )
    running = await client.post(
        url,
        json={
            "suite": "support_suite",
            "seats": 1,
            "starts_at": iso(now),
            "ends_at": iso(now + timedelta(days=2)),
        },
        headers=owner,
    )
    assert (await client.delete(f"{url}/{later.json()['id']}", headers=owner)).status_code == 204
    refused = await client.delete(f"{url}/{running.json()['id']}", headers=owner)
    assert (refused.status_code, refused.json()["code"]) == (409, "invalid_transition")
    assert [g["id"] for g in (await client.get(url)).json()["data"]] == [running.json()["id"]]


async def test_two_job_runners_at_once_apply_each_change_once(
    app: FastAPI, client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    runtime: Runtime = app.state.runtime
    now = clock.now()
    accounts = []
    for _ in range(4):
        account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 1}])
        await client.post(
            f"/v1/accounts/{account_id}/temporary-seats",
            json={
                "product": "sell",
                "seats": 2,
                "starts_at": iso(now),
                "ends_at": iso(now + timedelta(hours=1)),
            },
            headers=owner,
        )
        for n in (1, 2):
            await client.post(f"/v1/accounts/{account_id}/agents", json=agent(n))
        await client.post(
            f"/v1/accounts/{account_id}/seat-changes",
            json={"changes": [{"product": "sell", "seats": 2}], "effective": "at_renewal"},
            headers=owner,
        )
        accounts.append(account_id)

    clock.advance(timedelta(days=40))  # past the temporary seats' end and the renewal
    reports = await asyncio.gather(
        *(
            run_due_jobs(runtime.unit_of_work, runtime.catalog, clock, timedelta(days=7))
            for _ in range(2)
        )
    )

    ended = [g for r in reports for g in r.temporary_seats.ended]
    applied = [c for r in reports for c in r.renewals.seat_changes_applied]
    downgraded = sum(r.temporary_seats.agents_downgraded for r in reports)
    assert len(ended) == len(set(ended)) == 4
    assert len(applied) == len(set(applied)) == 4
    assert downgraded == 4 * 2  # the two agents above the capacity of 1, once each
    for account_id in accounts:
        assert await assert_counters_match_rows(engine, account_id) == {"sell": 1}
        events = (
            await client.get(
                f"/v1/accounts/{account_id}/events", params={"type": "agent.downgraded"}
            )
        ).json()
        assert len(events["data"]) == 2
        assert await capacity(client, account_id) == {"sell": (2, 0, 2)}
