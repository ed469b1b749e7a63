"""The last seats, raced for by many clients across several server processes."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest
from sqlalchemy import text

from app.db.engine import make_engine
from tests.builders import account_body
from tests.conftest import ADMIN_KEY
from tests.seat_checks import assert_counters_match_rows
from tests.servers import running_servers

FREE_SEATS = 7
CONTENDERS = 60


@pytest.mark.slow
async def test_n_racing_adds_for_k_free_seats_give_exactly_k(database_url: str) -> None:
    auth = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with running_servers(2, database_url, ADMIN_KEY) as servers:
        async with httpx.AsyncClient(headers=auth, timeout=60) as http:
            opened = await http.post(
                f"{servers[0]}/v1/accounts",
                json=account_body(subscription=[{"suite": "sales_suite", "seats": FREE_SEATS + 1}]),
            )
            account_id = opened.json()["id"]

            async def add(n: int) -> httpx.Response:
                server = servers[n % len(servers)]
                return await http.post(
                    f"{server}/v1/accounts/{account_id}/agents",
                    json={"user_id": f"racer{n}", "email": f"r{n}@acme.example", "name": f"R{n}"},
                )

            answers = await asyncio.gather(*(add(n) for n in range(CONTENDERS)))

    outcomes = Counter(
        r.status_code if r.status_code == 201 else r.json().get("code") for r in answers
    )
    assert outcomes == {201: FREE_SEATS, "seats_exhausted": CONTENDERS - FREE_SEATS}

    engine = make_engine(database_url, pool_size=1)
    try:
        counters = await assert_counters_match_rows(engine, account_id)
        async with engine.connect() as connection:
            agents = (
                await connection.execute(
                    text("SELECT count(*) FROM agents WHERE account_id = :a"), {"a": account_id}
                )
            ).scalar_one()
    finally:
        await engine.dispose()
    assert counters == {"sell": FREE_SEATS + 1, "sell_prospecting": FREE_SEATS + 1}
    assert agents == FREE_SEATS + 1
