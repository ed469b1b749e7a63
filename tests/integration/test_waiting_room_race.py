"""The waiting room raced across several server processes: adds that wait,
removals, downgrades and purchases at once never seat anyone over capacity,
and let each waiting agent in once."""

from __future__ import annotations

import asyncio
import json
from collections import Counter

import httpx
import pytest
from sqlalchemy import text

from app.db.engine import make_engine
from tests.builders import account_body
from tests.conftest import ADMIN_KEY
from tests.seat_checks import assert_counters_match_rows
from tests.servers import running_servers

SEATS = 6  # the owner and five agents fill them
WAITERS = 24
PURCHASES = (7, 8, 9, 10)  # racing totals: some raise, some (applied late) lower capacity


@pytest.mark.slow
async def test_racing_frees_and_waits_never_oversell_and_admit_each_once(
    database_url: str,
) -> None:
    auth = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with running_servers(2, database_url, ADMIN_KEY) as servers:
        async with httpx.AsyncClient(headers=auth, timeout=120) as http:
            opened = await http.post(
                f"{servers[0]}/v1/accounts",
                json=account_body(subscription=[{"product": "sell", "seats": SEATS}]),
            )
            account_id = opened.json()["id"]
            base = f"/v1/accounts/{account_id}"
            minted = await http.post(
                f"{servers[0]}{base}/api-keys", json={"name": "owner", "role": "owner"}
            )
            owner = {"Authorization": f"Bearer {minted.json()['key']}"}
            for n in range(SEATS - 1):
                added = await http.post(
                    f"{servers[0]}{base}/agents",
                    json={"user_id": f"a{n}", "email": f"a{n}@acme.example", "name": f"A{n}"},
                )
                assert added.status_code == 201, added.text

            def server(n: int) -> str:
                return servers[n % len(servers)]

            async def wait(n: int) -> httpx.Response:
                return await http.post(
                    f"{server(n)}{base}/agents",
                    json={
                        "user_id": f"w{n}",
                        "email": f"w{n}@acme.example",
                        "name": f"W{n}",
                        "wait_for_seat": True,
                    },
                )

            async def remove(n: int) -> httpx.Response:
                return await http.delete(f"{server(n + 1)}{base}/agents/a{n}")

            async def demote(n: int) -> httpx.Response:
                return await http.patch(f"{server(n)}{base}/agents/a{n}", json={"role": "end_user"})

            async def buy(n: int, seats: int) -> httpx.Response:
                return await http.post(
                    f"{server(n)}{base}/seat-changes",
                    json={"changes": [{"product": "sell", "seats": seats}]},
                    headers=owner,  # the subscription page is the owner's
                )

            work = [wait(n) for n in range(WAITERS)]
            work += [remove(n) for n in (0, 1, 2)]
            work += [demote(n) for n in (3, 4)]
            work += [buy(n, seats) for n, seats in enumerate(PURCHASES)]
            answers = await asyncio.gather(*work)

            statuses = Counter(r.status_code for r in answers)
            assert set(statuses) <= {201, 202, 204, 200}, [r.text for r in answers]
            waited = {r.json()["user_id"] for r in answers[:WAITERS] if r.status_code == 202}
            seated_at_once = {
                r.json()["user_id"] for r in answers[:WAITERS] if r.status_code == 201
            }
            assert len(waited) + len(seated_at_once) == WAITERS

            events = (
                await http.get(
                    f"{servers[0]}{base}/events", params={"type": "agent.added", "limit": 200}
                )
            ).json()["data"]

    admitted = Counter(e["data"]["user_id"] for e in events if e["data"].get("from_waiting_room"))
    assert all(count == 1 for count in admitted.values()), admitted
    assert set(admitted) <= waited

    engine = make_engine(database_url, pool_size=1)
    try:
        counters = await assert_counters_match_rows(engine, account_id)
        async with engine.connect() as connection:
            line = (
                await connection.execute(
                    text(
                        "SELECT seats + temporary_seats, assigned, waiting FROM subscription_lines"
                        " WHERE account_id = :a"
                    ),
                    {"a": account_id},
                )
            ).one()
            rows = (
                await connection.execute(
                    text("SELECT user_id, products FROM waiting_agents WHERE account_id = :a"),
                    {"a": account_id},
                )
            ).all()
            agents = dict(
                (
                    await connection.execute(
                        text("SELECT user_id, role FROM agents WHERE account_id = :a"),
                        {"a": account_id},
                    )
                ).all()
            )
    finally:
        await engine.dispose()

    capacity, assigned, waiting_counter = line
    assert assigned <= capacity
    assert counters == {"sell": assigned}
    still_waiting = [user for user, _ in rows]
    assert len(still_waiting) == len(set(still_waiting))
    assert waiting_counter == len(still_waiting)
    assert all((json.loads(p) if isinstance(p, str) else p) == ["sell"] for _, p in rows)
    # Nobody both waits and is on the account; nobody who waited is lost.
    assert not set(still_waiting) & set(agents)
    assert set(admitted) <= set(agents)
    assert waited == set(admitted) | set(still_waiting)
    # Nobody waits while a seat they could take is free.
    assert not (still_waiting and assigned < capacity)
