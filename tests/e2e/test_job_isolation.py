"""One tenant cannot stop the jobs of all: each account and each grant is its
own transaction, so an item that fails is logged, counted in /metrics and left
for the next run, while the other accounts' temporary seats, renewals and the
purge of old idempotency keys all happen in the same run."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.temporary_seats import TemporarySeatsRepository
from tests.builders import account_body, bearer, mint_key, open_account
from tests.conftest import TickingClock


async def owned_with_grant(
    client: httpx.AsyncClient, clock: TickingClock, *, days: int = 2
) -> tuple[str, str]:
    """A Sell account and its temporary seats, active now and ending in `days`."""
    account = await open_account(client, subscription=[{"product": "sell", "seats": 2}])
    owner = bearer(await mint_key(client, account["id"], "owner"))
    now = clock.now()
    granted = await client.post(
        f"/v1/accounts/{account['id']}/temporary-seats",
        json={
            "product": "sell",
            "seats": 3,
            "starts_at": now.isoformat(),
            "ends_at": (now + timedelta(days=days)).isoformat(),
        },
        headers=owner,
    )
    assert granted.status_code == 201, granted.text
    return account["id"], granted.json()["id"]


async def failures(client: httpx.AsyncClient) -> dict[str, float]:
    response = await client.get("/metrics")
    found = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.name == "seatkeeper_job_item_failures_total":
                found[sample.labels["job"]] = sample.value
    return found


async def scalar(engine: AsyncEngine, sql: str, **params: Any) -> Any:
    async with engine.begin() as connection:
        return (await connection.execute(text(sql), params)).scalar()


async def execute(engine: AsyncEngine, sql: str, **params: Any) -> None:
    async with engine.begin() as connection:
        await connection.execute(text(sql), params)


async def state(engine: AsyncEngine, account_id: str, grant_id: str) -> tuple[str, int, datetime]:
    """The grant's status, the Sell line's temporary seats, and the term's end."""
    status = await scalar(engine, "SELECT status FROM temporary_seats WHERE id = :g", g=grant_id)
    temporary = await scalar(
        engine,
        "SELECT temporary_seats FROM subscription_lines WHERE account_id = :a",
        a=account_id,
    )
    term_end = await scalar(engine, "SELECT term_end FROM accounts WHERE id = :a", a=account_id)
    if isinstance(term_end, str):  # SQLite hands the text back
        term_end = datetime.fromisoformat(term_end)
    return status, temporary, term_end.replace(tzinfo=None)


async def test_a_failing_account_is_counted_and_retried_and_holds_back_no_other(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    poisoned, poisoned_grant = await owned_with_grant(client, clock)
    healthy, healthy_grant = await owned_with_grant(client, clock)
    clock.advance(timedelta(days=1))
    warned = (await client.post("/v1/admin/jobs/run")).json()["temporary_seats"]["warned"]
    assert sorted(warned) == sorted([poisoned_grant, healthy_grant])
    opened = await client.post(
        "/v1/accounts", json=account_body(), headers={"Idempotency-Key": "open-once"}
    )
    assert opened.status_code == 201
    healthy_term = (await state(engine, healthy, healthy_grant))[2]
    poisoned_term = (await state(engine, poisoned, poisoned_grant))[2]

    # Data that makes every step of this one account raise (loading it fails).
    await execute(engine, "UPDATE accounts SET billing_cycle = 'weekly' WHERE id = :a", a=poisoned)
    clock.advance(timedelta(days=40))  # past both grants' end and both terms' end
    ran = await client.post("/v1/admin/jobs/run")

    assert ran.status_code == 200, ran.text
    report = ran.json()
    assert report["temporary_seats"]["ended"] == [healthy_grant]
    assert report["renewals"]["accounts_renewed"] == 2  # the healthy one and the third
    assert report["renewals"]["failed"] == [poisoned]
    assert report["idempotency_keys_purged"] == 1
    assert report["failed"] == {"temporary_seats": [poisoned_grant], "renewals": [poisoned]}
    assert await failures(client) == {"temporary_seats": 1.0, "renewals": 1.0}
    assert await scalar(engine, "SELECT COUNT(*) FROM idempotency_keys") == 0
    status, temporary, renewed_to = await state(engine, healthy, healthy_grant)
    assert (status, temporary) == ("ended", 0)
    assert renewed_to > clock.now().replace(tzinfo=None) > healthy_term
    assert await state(engine, poisoned, poisoned_grant) == ("active", 3, poisoned_term)

    # Fixed, the account is done on the next run; nothing else runs twice.
    await execute(engine, "UPDATE accounts SET billing_cycle = 'monthly' WHERE id = :a", a=poisoned)
    again = (await client.post("/v1/admin/jobs/run")).json()

    assert again["temporary_seats"]["ended"] == [poisoned_grant]
    assert again["renewals"]["accounts_renewed"] == 1
    assert again["failed"] == {}
    assert await failures(client) == {"temporary_seats": 1.0, "renewals": 1.0}
    status, temporary, renewed_to = await state(engine, poisoned, poisoned_grant)
    assert (status, temporary) == ("ended", 0)
    assert renewed_to > clock.now().replace(tzinfo=None) > poisoned_term


async def test_grants_stacked_past_the_maximum_before_it_existed_fail_alone(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    stacked, stacked_grant = await owned_with_grant(client, clock, days=30)
    healthy, healthy_grant = await owned_with_grant(client, clock, days=30)
    # Grants stacked before temporary seats were bounded: one more, due to
    # start, would take the line past 2**31.
    await execute(
        engine,
        "UPDATE temporary_seats SET status = 'scheduled', started_at = NULL, seats = :s "
        "WHERE id IN (:a, :b)",
        s=2**31,
        a=stacked_grant,
        b=healthy_grant,
    )
    await execute(engine, "UPDATE temporary_seats SET seats = 4 WHERE id = :b", b=healthy_grant)
    await execute(engine, "UPDATE subscription_lines SET temporary_seats = 0")

    ran = await client.post("/v1/admin/jobs/run")

    assert ran.status_code == 200, ran.text
    assert ran.json()["temporary_seats"]["started"] == [healthy_grant]
    assert ran.json()["failed"] == {"temporary_seats": [stacked_grant]}
    assert await failures(client) == {"temporary_seats": 1.0}
    assert (await state(engine, healthy, healthy_grant))[:2] == ("active", 4)
    assert (await state(engine, stacked, stacked_grant))[:2] == ("scheduled", 0)

    # Cut back by an operator, it starts on the next run.
    await execute(engine, "UPDATE temporary_seats SET seats = 5 WHERE id = :a", a=stacked_grant)
    again = (await client.post("/v1/admin/jobs/run")).json()

    assert again["temporary_seats"]["started"] == [stacked_grant]
    assert again["failed"] == {}
    assert (await state(engine, stacked, stacked_grant))[:2] == ("active", 5)


async def test_a_job_that_cannot_find_its_work_stops_no_later_job(
    client: httpx.AsyncClient,
    engine: AsyncEngine,
    clock: TickingClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    account_id, grant_id = await owned_with_grant(client, clock)
    term_end = (await state(engine, account_id, grant_id))[2]

    async def unreachable(*_: object) -> list[object]:
        raise ConnectionResetError("the query for grants due to end was cut")

    monkeypatch.setattr(TemporarySeatsRepository, "due_to_end", unreachable)
    clock.advance(timedelta(days=40))
    ran = await client.post("/v1/admin/jobs/run")

    assert ran.status_code == 200, ran.text
    assert ran.json()["temporary_seats"]["warned"] == [grant_id]  # the step before still ran
    assert ran.json()["renewals"]["accounts_renewed"] == 1
    assert ran.json()["failed"] == {"temporary_seats": ["*"]}
    assert await failures(client) == {"temporary_seats": 1.0}
    assert (await state(engine, account_id, grant_id))[:2] == ("active", 3)
    assert (await state(engine, account_id, grant_id))[2] > term_end

    monkeypatch.undo()
    again = (await client.post("/v1/admin/jobs/run")).json()

    assert again["temporary_seats"]["ended"] == [grant_id]
    assert (await state(engine, account_id, grant_id))[:2] == ("ended", 0)
