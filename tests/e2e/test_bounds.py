"""Bounds: counts and amounts are stored 64-bit, and a request that would push
a seat total, capacity or amount past its maximum is 422 `limit_exceeded`
naming the field, with nothing written."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.catalog import DEFAULT_CATALOG
from app.config import Settings
from app.domain.limits import MAX_AMOUNT, MAX_TEMPORARY_SEATS_PER_LINE
from app.main import create_app
from tests.builders import bearer, mint_key, open_account
from tests.conftest import ADMIN_KEY, TickingClock

SUPPORT_SUITE_MONTHLY = 5500 + 1900 + 2900 + 2900 + 3900  # per seat, the five products


async def owned(client: httpx.AsyncClient, **account: Any) -> tuple[str, dict[str, str]]:
    opened = await open_account(client, **account)
    return opened["id"], bearer(await mint_key(client, opened["id"], "owner"))


async def rows(engine: AsyncEngine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    async with engine.connect() as connection:
        return [tuple(row) for row in await connection.execute(text(sql), params)]


async def lines(engine: AsyncEngine, account_id: str) -> dict[str, tuple[int, int, int]]:
    found = await rows(
        engine,
        "SELECT product, seats, temporary_seats, assigned FROM subscription_lines "
        "WHERE account_id = :a",
        a=account_id,
    )
    return {product: (seats, temporary, assigned) for product, seats, temporary, assigned in found}


@asynccontextmanager
async def with_catalog(
    settings: Settings, clock: TickingClock, tmp_path: Path, **changes: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, AsyncEngine]]:
    """A client on an app whose catalog is the default one with `changes`
    (`max_seats`, or `prices` by product code)."""
    catalog = json.loads(DEFAULT_CATALOG.read_text())
    prices = changes.pop("prices", {})
    catalog.update(changes)
    for product in catalog["products"]:
        product["monthly_price"] = prices.get(product["code"], product["monthly_price"])
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(catalog))
    app = create_app(settings.model_copy(update={"catalog_file": path}), clock=clock)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://seatkeeper.test",
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        ) as http,
    ):
        yield http, app.state.runtime.engine


async def test_12000_suite_seats_bought_for_a_year_are_charged_in_full(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    account_id, owner = await owned(
        client, billing_cycle="annual", subscription=[{"suite": "support_suite", "seats": 5}]
    )
    bought = await client.post(
        f"/v1/accounts/{account_id}/seat-changes",
        json={"changes": [{"suite": "support_suite", "seats": 12_000}], "effective": "immediately"},
        headers=owner,
    )

    # First day of the term: the whole year, 11,995 more seats x 12 months.
    expected = 11_995 * SUPPORT_SUITE_MONTHLY * 12
    assert expected > 2**31  # the case a 32-bit column could not hold
    assert bought.status_code == 201, bought.text
    assert bought.json()["amount_due"] == expected == 2_461_374_000
    stored = await rows(
        engine, "SELECT amount_due FROM seat_changes WHERE id = :id", id=bought.json()["id"]
    )
    assert stored == [(expected,)]
    assert set((await lines(engine, account_id)).values()) == {(12_000, 0, 1)}


async def test_an_amount_past_the_largest_is_refused_and_nothing_changes(
    settings: Settings, clock: TickingClock, tmp_path: Path
) -> None:
    # An operator's catalog with a price that makes a large purchase's amount
    # pass the largest amount a JSON client holds exactly.
    async with with_catalog(settings, clock, tmp_path, prices={"sell": 10**12}) as (
        client,
        engine,
    ):
        account_id, owner = await owned(
            client, billing_cycle="annual", subscription=[{"product": "sell", "seats": 1}]
        )
        version = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()["version"]
        body = {"changes": [{"product": "sell", "seats": 1001}], "effective": "immediately"}

        for path in ("seat-changes", "seat-changes/preview"):
            refused = await client.post(
                f"/v1/accounts/{account_id}/{path}", json=body, headers=owner
            )
            assert refused.status_code == 422, refused.text
            assert refused.headers["content-type"].startswith("application/problem+json")
            problem = refused.json()
            assert (problem["code"], problem["field"], problem["maximum"]) == (
                "limit_exceeded",
                "amount_due",
                MAX_AMOUNT,
            )

        assert await lines(engine, account_id) == {"sell": (1, 0, 1)}
        assert (
            await rows(engine, "SELECT id FROM seat_changes WHERE account_id = :a", a=account_id)
            == []
        )
        after = (await client.get(f"/v1/accounts/{account_id}/subscription")).json()
        assert after["version"] == version


async def test_buying_on_the_fly_past_the_catalogs_most_seats_is_refused(
    settings: Settings, clock: TickingClock, tmp_path: Path
) -> None:
    async with with_catalog(settings, clock, tmp_path, max_seats=3) as (client, engine):
        account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 3}])
        for user in ("u1", "u2"):
            added = await client.post(
                f"/v1/accounts/{account_id}/agents",
                json={"user_id": user, "email": f"{user}@acme.example", "name": user},
                headers=owner,
            )
            assert added.status_code == 201, added.text

        # Full at the catalog's maximum: buying the missing seat would make 4.
        refused = await client.post(
            f"/v1/accounts/{account_id}/agents",
            json={
                "user_id": "u3",
                "email": "u3@acme.example",
                "name": "u3",
                "buy_missing_seats": True,
            },
            headers=owner,
        )

        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert (problem["code"], problem["field"], problem["maximum"], problem["product"]) == (
            "limit_exceeded",
            "seats",
            3,
            "sell",
        )
        assert await lines(engine, account_id) == {"sell": (3, 0, 3)}
        assert (
            await rows(
                engine,
                "SELECT user_id FROM agents WHERE account_id = :a AND user_id = 'u3'",
                a=account_id,
            )
            == []
        )
        assert (
            await rows(engine, "SELECT id FROM seat_changes WHERE account_id = :a", a=account_id)
            == []
        )


async def test_temporary_seats_stacked_past_a_lines_maximum_are_refused(
    client: httpx.AsyncClient, engine: AsyncEngine, clock: TickingClock
) -> None:
    account_id, owner = await owned(client, subscription=[{"product": "sell", "seats": 2}])
    now = clock.now()

    def grant(seats: int, days: int) -> dict[str, Any]:
        starts = now + timedelta(days=days)
        return {
            "product": "sell",
            "seats": seats,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(days=1)).isoformat(),
        }

    url = f"/v1/accounts/{account_id}/temporary-seats"
    active = await client.post(url, json=grant(MAX_TEMPORARY_SEATS_PER_LINE - 1, 0), headers=owner)
    later = await client.post(url, json=grant(1, 10), headers=owner)
    assert (active.status_code, later.status_code) == (201, 201)

    # A grant of a later window is counted too: else starts in some order would pass it.
    refused = await client.post(url, json=grant(1, 20), headers=owner)

    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert (problem["code"], problem["field"], problem["maximum"], problem["product"]) == (
        "limit_exceeded",
        "temporary_seats",
        MAX_TEMPORARY_SEATS_PER_LINE,
        "sell",
    )
    assert await lines(engine, account_id) == {"sell": (2, MAX_TEMPORARY_SEATS_PER_LINE - 1, 1)}
    stored = await rows(
        engine,
        "SELECT seats FROM temporary_seats WHERE account_id = :a ORDER BY seats",
        a=account_id,
    )
    assert stored == [(1,), (MAX_TEMPORARY_SEATS_PER_LINE - 1,)]
