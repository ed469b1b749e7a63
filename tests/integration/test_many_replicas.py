"""Four `seatkeeper serve` replicas on one database, each running the webhook
dispatcher and the scheduled jobs, under a mixed load sent round-robin: no
seat oversold, every committed event delivered (at least once), every job
applied once, every replica answering, no process over its connection budget.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import behind_pgbouncer
from app.db.engine import make_engine
from app.db.models import AccountRow, SeatChangeRow
from tests import proofs
from tests.builders import account_body
from tests.conftest import ADMIN_KEY
from tests.receiver import Receiver, running_receiver
from tests.seat_checks import assert_counters_match_rows
from tests.servers import server_process

REPLICAS = 4
BUDGET = 4  # connections per replica: 4 x 4 leaves the shared server room
ACCOUNTS = 4
ROUNDS = 6
SELL_SEATS = 3  # the owner holds one: adds race for the rest
WINDOW = 15  # seconds from now to the temporary seats' end; the jobs run every second


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


class RoundRobin:
    """Each request to the next replica, counting what each one answered."""

    def __init__(self, http: httpx.AsyncClient, bases: list[str]) -> None:
        self.http = http
        self.bases = bases
        self._next = itertools.cycle(range(len(bases)))
        self.answered: Counter[str] = Counter()

    async def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        base = self.bases[next(self._next)]
        response = await self.http.request(method, f"{base}{path}", **kwargs)
        assert response.status_code < 500, f"{method} {path} on {base}: {response.text}"
        self.answered[base] += 1
        return response


async def eventually(check: Callable[[], Awaitable[bool]], what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not await check():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.25)


async def scalar(engine: AsyncEngine, sql: str, **params: Any) -> Any:
    async with engine.connect() as connection:
        return (await connection.execute(text(sql), params)).scalar_one()


async def column(engine: AsyncEngine, sql: str, **params: Any) -> list[Any]:
    async with engine.connect() as connection:
        return list((await connection.execute(text(sql), params)).scalars())


@pytest.mark.slow
async def test_four_replicas_sell_nothing_twice_deliver_every_event_and_run_each_job_once(
    database_url: str,
) -> None:
    # Counted on PostgreSQL itself: through PgBouncer a server connection
    # shows whichever client used it last, and a process may hold none.
    on_postgresql = database_url.startswith("postgresql") and not behind_pgbouncer(database_url)
    names = [f"replica{n}-{os.getpid()}" for n in range(REPLICAS)]
    with running_receiver() as receiver, ExitStack() as stack:
        bases = [
            stack.enter_context(
                server_process(
                    database_url,
                    ADMIN_KEY,
                    SEATKEEPER_DB_CONNECTIONS=str(BUDGET),
                    SEATKEEPER_DB_APPLICATION_NAME=name,
                    SEATKEEPER_DISPATCHER="true",
                    SEATKEEPER_DISPATCH_INTERVAL="0.2",
                    SEATKEEPER_JOBS_INTERVAL="1",
                    SEATKEEPER_WEBHOOK_ALLOW_PRIVATE="true",
                )
            )[0]
            for name in names
        ]
        engine = make_engine(database_url, pool_size=1)
        try:
            async with httpx.AsyncClient(
                headers={"Authorization": f"Bearer {ADMIN_KEY}"}, timeout=60
            ) as http:
                replicas = RoundRobin(http, bases)
                watch = asyncio.create_task(_watch_connections(engine, names, on_postgresql))
                try:
                    await _run(replicas, engine, receiver)
                finally:
                    watch.cancel()
                    peaks = await asyncio.gather(watch, return_exceptions=True)
                if on_postgresql:
                    peak = peaks[0]
                    assert isinstance(peak, dict), peak
                    # Each replica held connections, and never more than its budget.
                    assert all(1 <= peak[name] <= BUDGET for name in names), peak
                    proofs.proof(
                        f"replicas: {REPLICAS} processes, budget {BUDGET} each, "
                        f"peak connections {sorted(peak.values())}"
                    )
                # Every replica answered a share of the load.
                assert set(replicas.answered) == set(bases), replicas.answered
                assert min(replicas.answered.values()) >= 20, replicas.answered
        finally:
            await engine.dispose()


async def _run(replicas: RoundRobin, engine: AsyncEngine, receiver: Receiver) -> None:
    hook = await replicas.send(
        "POST", "/v1/webhook-endpoints", json={"url": receiver.url, "event_types": ["*"]}
    )
    assert hook.status_code == 201, hook.text
    receiver.secrets.append(hook.json()["secret"])
    before = set(await column(engine, "SELECT id FROM events"))

    accounts: list[tuple[str, dict[str, str]]] = []
    for _ in range(ACCOUNTS):
        opened = await replicas.send(
            "POST",
            "/v1/accounts",
            json=account_body(subscription=[{"product": "sell", "seats": SELL_SEATS}]),
        )
        key = await replicas.send(
            "POST",
            f"/v1/accounts/{opened.json()['id']}/api-keys",
            json={"name": "owner", "role": "owner"},
        )
        accounts.append((opened.json()["id"], {"Authorization": f"Bearer {key.json()['key']}"}))
    assisted = await replicas.send(
        "POST",
        "/v1/accounts",
        json=account_body(
            billing_mode="sales_assisted", subscription=[{"product": "sell", "seats": 2}]
        ),
    )
    assisted_id = assisted.json()["id"]
    assisted_key = await replicas.send(
        "POST", f"/v1/accounts/{assisted_id}/api-keys", json={"name": "o", "role": "owner"}
    )
    assisted_owner = {"Authorization": f"Bearer {assisted_key.json()['key']}"}

    # Jobs for the replicas' loops, due while the load runs: temporary seats
    # that start, are warned of and end within seconds (the window spans many
    # job runs, so each step is its own run's), and a change scheduled for a
    # renewal that is brought to a few seconds from now.
    now = datetime.now(UTC)
    grants, scheduled = [], []
    for account_id, owner in accounts:
        grant = await replicas.send(
            "POST",
            f"/v1/accounts/{account_id}/temporary-seats",
            json={
                "product": "sell",
                "seats": 2,
                "starts_at": iso(now + timedelta(seconds=2)),
                "ends_at": iso(now + timedelta(seconds=WINDOW)),
            },
            headers=owner,
        )
        assert grant.status_code == 201, grant.text
        grants.append(grant.json()["id"])
        # More seats than any change of the load sets: never moot at renewal.
        change = await replicas.send(
            "POST",
            f"/v1/accounts/{account_id}/seat-changes",
            json={
                "changes": [{"product": "sell", "seats": SELL_SEATS + 3}],
                "effective": "at_renewal",
            },
            headers=owner,
        )
        assert change.status_code == 201 and change.json()["status"] == "scheduled", change.text
        scheduled.append(change.json()["id"])
    async with engine.begin() as connection:  # the term, and what waits for its end
        for (account_id, _), change_id in zip(accounts, scheduled, strict=True):
            # Through the columns' types, which store datetimes as the app does.
            at = now + timedelta(seconds=4)
            await connection.execute(
                update(AccountRow).where(AccountRow.id == account_id).values(term_end=at)
            )
            await connection.execute(
                update(SeatChangeRow).where(SeatChangeRow.id == change_id).values(effective_at=at)
            )

    # The mixed load: each round, for every account at once, adds racing for
    # the last seats, a removal, a seat change now, reads that check usage;
    # and a sales request fulfilled on the sales-assisted account.
    sold_out = 0
    for round_ in range(ROUNDS):
        work: list[Awaitable[Any]] = []
        for n, (account_id, owner) in enumerate(accounts):
            path = f"/v1/accounts/{account_id}"
            for k in range(3):
                user = f"r{round_}a{n}k{k}"
                work.append(
                    replicas.send(
                        "POST",
                        f"{path}/agents",
                        json={"user_id": user, "email": f"{user}@x.example", "name": user},
                    )
                )
            if round_:
                work.append(replicas.send("DELETE", f"{path}/agents/r{round_ - 1}a{n}k0"))
            work.append(
                replicas.send(
                    "POST",
                    f"{path}/seat-changes",
                    json={"changes": [{"product": "sell", "seats": SELL_SEATS + round_ % 3}]},
                    headers=owner,
                )
            )
            work.extend(replicas.send("GET", f"{path}/subscription") for _ in range(2))
        work.append(_sales_request(replicas, assisted_id, assisted_owner, round_))
        for answer in await asyncio.gather(*work):
            if isinstance(answer, httpx.Response) and answer.request.method == "GET":
                for line in answer.json()["lines"]:
                    assert line["assigned"] <= line["capacity"], line  # never oversold
            if isinstance(answer, httpx.Response) and answer.status_code == 409:
                sold_out += answer.json().get("code") == "seats_exhausted"
    assert sold_out > 0  # the adds did race for the last seats
    print(f"\nreplicas: load done in {(datetime.now(UTC) - now).total_seconds():.1f} s")

    # Every job came due and was applied by one of the four runners, once.
    await eventually(
        lambda: _count(engine, "temporary_seats.ended", grants), "every grant ended", 90
    )
    await eventually(
        lambda: _renewed(engine, [a for a, _ in accounts]), "every account renewed", 90
    )
    for kind in ("temporary_seats.started", "temporary_seats.ending", "temporary_seats.ended"):
        counts = await _counts_by(engine, kind, "temporary_seats_id")
        assert {grant: counts.get(grant, 0) for grant in grants} == dict.fromkeys(grants, 1), kind
    renewals = Counter(
        await column(engine, "SELECT account_id FROM events WHERE type = 'subscription.renewed'")
    )
    assert {a: renewals[a] for a, _ in accounts} == {a: 1 for a, _ in accounts}
    statuses = [
        await scalar(engine, "SELECT status FROM seat_changes WHERE id = :c", c=change)
        for change in scheduled
    ]
    assert statuses == ["applied"] * len(scheduled)
    applied = await _counts_by(engine, "seat_change.applied", "seat_change_id")
    assert {c: applied.get(c, 0) for c in scheduled} == dict.fromkeys(scheduled, 1)

    # Nothing oversold, in the rows: each counter is its seat rows, within capacity.
    for account_id, _ in [*accounts, (assisted_id, {})]:
        await assert_counters_match_rows(engine, account_id)
    over = await scalar(
        engine,
        "SELECT count(*) FROM subscription_lines WHERE assigned > seats + temporary_seats",
    )
    assert over == 0

    # Every committed event reached the receiver at least once.
    await eventually(lambda: _drained(engine), "the outbox drained (every delivery delivered)", 90)
    events = set(await column(engine, "SELECT id FROM events")) - before
    received = Counter(receiver.ids())
    missing = events - set(received)
    assert not missing, f"{len(missing)} committed events never delivered"
    assert receiver.bad_signatures == 0
    duplicates = sum(count - 1 for event_id, count in received.items() if event_id in events)
    proofs.proof(
        f"replicas: {len(events)} events committed, all delivered, {duplicates} delivered "
        f"more than once; {len(grants)} grants started, warned and ended once each; "
        f"{len(scheduled)} renewals applied once each; answers per replica "
        f"{sorted(replicas.answered.values())}"
    )
    print(f"\nreplicas: {duplicates} duplicate deliveries of {len(events)} events")


async def _sales_request(
    replicas: RoundRobin, account_id: str, owner: dict[str, str], round_: int
) -> None:
    asked = await replicas.send(
        "POST",
        f"/v1/accounts/{account_id}/sales-requests",
        json={"kind": "add_seats", "product": "sell", "seats": 1},
        headers=owner,
    )
    assert asked.status_code == 201, asked.text
    action = "fulfill" if round_ % 2 == 0 else "decline"
    body = {} if action == "fulfill" else {"reason": "not this quarter"}
    done = await replicas.send(
        "POST", f"/v1/sales-requests/{asked.json()['id']}/{action}", json=body
    )
    assert done.status_code in (200, 201), done.text


async def _count(engine: AsyncEngine, kind: str, grants: list[str]) -> bool:
    counts = await _counts_by(engine, kind, "temporary_seats_id")
    return all(counts.get(grant, 0) >= 1 for grant in grants)


async def _counts_by(engine: AsyncEngine, kind: str, field: str) -> dict[str, int]:
    """How many events of `kind` name each `field` value in their data."""
    rows = await column(engine, "SELECT data FROM events WHERE type = :t", t=kind)
    found: Counter[str] = Counter()
    for data in rows:
        found[(data if isinstance(data, dict) else json.loads(data))[field]] += 1
    return dict(found)


async def _renewed(engine: AsyncEngine, account_ids: list[str]) -> bool:
    renewed = set(
        await column(engine, "SELECT account_id FROM events WHERE type = 'subscription.renewed'")
    )
    return renewed >= set(account_ids)


async def _drained(engine: AsyncEngine) -> bool:
    left = await scalar(
        engine, "SELECT count(*) FROM webhook_deliveries WHERE status IN ('pending', 'sending')"
    )
    return int(left) == 0


async def _watch_connections(
    engine: AsyncEngine, names: list[str], on_postgresql: bool
) -> dict[str, int]:
    """The most connections each replica held at once, sampled until cancelled."""
    peak = dict.fromkeys(names, 0)
    if not on_postgresql:
        return peak
    try:
        while True:
            async with engine.connect() as connection:
                rows = (
                    await connection.execute(
                        text(
                            "SELECT split_part(application_name, '-', 1) || '-' || "
                            "split_part(application_name, '-', 2), count(*) "
                            "FROM pg_stat_activity WHERE application_name LIKE :mine GROUP BY 1"
                        ),
                        {"mine": f"replica%-{os.getpid()}-%"},
                    )
                ).all()
            for name, count in rows:
                if name in peak:
                    peak[name] = max(peak[name], int(count))
            await asyncio.sleep(0.05)
    except asyncio.CancelledError:
        return peak
