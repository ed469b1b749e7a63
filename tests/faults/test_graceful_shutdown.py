"""SIGTERM while requests are in flight: each of them still gets its whole
answer, the process exits cleanly within the graceful timeout, and the
database holds exactly what was answered.

To have requests truly in flight when the signal lands, the test holds the
SQLite write lock itself: every request reaches the app and waits there for
the database (busy timeout), SIGTERM is sent, and only then is the lock let go.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from app.config import async_database_url
from app.db.engine import make_engine
from tests.builders import account_body
from tests.conftest import ADMIN_KEY
from tests.faults.serve import serve
from tests.proofs import proof
from tests.seat_checks import counters_and_holders

IN_FLIGHT = 30
GRACEFUL_TIMEOUT = 30.0  # `seatkeeper serve` runs uvicorn with timeout_graceful_shutdown=30
HELD_AFTER_SIGNAL = 1.0  # the in-flight requests keep waiting this long after SIGTERM


@dataclass
class Shutdown:
    answers: list[httpx.Response | BaseException]
    user_ids: list[str]
    account_id: str
    owner_id: str
    returncode: int
    exited_in: float
    refused_after_signal: bool
    answered_after_signal: bool


async def _sigterm_with_requests_in_flight(tmp_path: Path, sqlite_template: Path) -> Shutdown:
    database = tmp_path / "seatkeeper.db"
    shutil.copy(sqlite_template, database)
    auth = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with serve(f"sqlite:///{database}", ADMIN_KEY, tmp_path) as server:
        sent = 0

        async def count_sent(event: str, _: object) -> None:
            # Counted once the whole request is written to the socket, not
            # when the client starts on it: a request still being written
            # when SIGTERM lands is one the server never received.
            nonlocal sent
            if event == "http11.send_request_body.complete":
                sent += 1

        limits = httpx.Limits(max_connections=IN_FLIGHT + 5)
        async with httpx.AsyncClient(
            base_url=server.base, headers=auth, timeout=GRACEFUL_TIMEOUT + 10, limits=limits
        ) as http:
            opened = await http.post(
                "/v1/accounts",
                json=account_body(subscription=[{"product": "support", "seats": 100}]),
            )
            assert opened.status_code == 201, opened.text
            account = opened.json()

            user_ids = [f"late{n:02d}" for n in range(IN_FLIGHT)]

            async def add(n: int, user_id: str) -> httpx.Response:
                body = {"user_id": user_id, "email": f"{user_id}@acme.example", "name": user_id}
                headers = {"Idempotency-Key": f"add-{user_id}"} if n % 2 else {}
                response = await http.post(
                    f"/v1/accounts/{account['id']}/agents",
                    json=body,
                    headers=headers,
                    extensions={"trace": count_sent},
                )
                return response

            lock = sqlite3.connect(database, isolation_level=None, timeout=10)
            try:
                lock.execute("BEGIN IMMEDIATE")
                calls = [asyncio.create_task(add(n, u)) for n, u in enumerate(user_ids)]
                deadline = time.monotonic() + 10
                while sent < IN_FLIGHT:
                    assert time.monotonic() < deadline, f"only {sent} requests sent"
                    await asyncio.sleep(0.01)
                await asyncio.sleep(0.5)  # read by the server, and waiting for the lock
                assert not any(call.done() for call in calls), "answered before the signal"

                server.process.send_signal(signal.SIGTERM)
                signalled = time.monotonic()
                await asyncio.sleep(0.3)
                refused = await _refuses_new_connections(server.base)
                await asyncio.sleep(HELD_AFTER_SIGNAL - 0.3)
                still_waiting = not any(call.done() for call in calls)
            finally:
                if lock.in_transaction:
                    lock.execute("ROLLBACK")
                lock.close()
            answers = await asyncio.gather(*calls, return_exceptions=True)
        try:
            returncode = await asyncio.to_thread(server.process.wait, GRACEFUL_TIMEOUT)
        except Exception:
            print(f"--- server log ---\n{server.log_tail()}")
            raise
        exited_in = time.monotonic() - signalled
        if returncode not in (0, -signal.SIGTERM):
            print(f"--- server log ---\n{server.log_tail()}")
    return Shutdown(
        answers=answers,
        user_ids=user_ids,
        account_id=account["id"],
        owner_id=account["owner"]["user_id"],
        returncode=returncode,
        exited_in=exited_in,
        refused_after_signal=refused,
        answered_after_signal=still_waiting,
    )


async def _refuses_new_connections(base: str) -> bool:
    async with httpx.AsyncClient(timeout=2) as fresh:
        try:
            await fresh.get(f"{base}/healthz")
        except httpx.ConnectError:
            return True
    return False


async def _assert_database_matches(database: Path, shutdown: Shutdown) -> None:
    engine = make_engine(async_database_url(f"sqlite:///{database}"))
    try:
        counters, held = await counters_and_holders(engine, shutdown.account_id)
        async with engine.connect() as connection:
            stored = set(
                (
                    await connection.execute(
                        text("SELECT user_id FROM agents WHERE account_id = :a"),
                        {"a": shutdown.account_id},
                    )
                ).scalars()
            )
    finally:
        await engine.dispose()
    assert counters == held, f"seat counters {counters} != seat rows {held}"
    assert stored == {shutdown.owner_id, *shutdown.user_ids}


@pytest.mark.slow
async def test_sigterm_lets_every_request_in_flight_finish(
    tmp_path: Path, sqlite_template: Path
) -> None:
    shutdown = await _sigterm_with_requests_in_flight(tmp_path, sqlite_template)

    failures = [a for a in shutdown.answers if not isinstance(a, httpx.Response)]
    assert not failures, f"{len(failures)} requests got no answer, e.g. {failures[0]!r}"
    responses = [a for a in shutdown.answers if isinstance(a, httpx.Response)]
    assert [r.status_code for r in responses] == [201] * IN_FLIGHT, [r.text for r in responses]
    assert [r.json()["user_id"] for r in responses] == shutdown.user_ids
    assert shutdown.answered_after_signal, "requests finished before SIGTERM: not in flight"
    assert shutdown.refused_after_signal, "still accepting connections after SIGTERM"
    assert shutdown.exited_in < GRACEFUL_TIMEOUT
    # Ended by its own graceful shutdown: 0, or the SIGTERM uvicorn raises again
    # once done (see the next test); never a crash (1) or a kill (-9).
    assert shutdown.returncode == 0, f"exit status {shutdown.returncode}"
    await _assert_database_matches(tmp_path / "seatkeeper.db", shutdown)
    proof(
        f"faults: SIGTERM with {IN_FLIGHT} requests in flight: {len(responses)} answered, "
        f"exit {shutdown.returncode} after {shutdown.exited_in:.2f} s"
    )
