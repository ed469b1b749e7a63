"""PostgreSQL goes away under load and comes back: the same server process
answers 503 `database_unavailable` meanwhile (never a 500, never a hang), serves
again once the database is back, and leaves nothing half-written."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import async_database_url
from app.db.engine import make_engine
from tests.builders import account_body
from tests.conftest import ADMIN_KEY
from tests.faults.postgres import PrivatePostgres, private_postgres
from tests.faults.serve import Served, migrate, serve
from tests.proofs import proof
from tests.seat_checks import counters_and_holders

WORKERS = 6
CLIENT_TIMEOUT = 5.0  # an answer slower than this counts as a hang
OUTAGE_SECONDS = 3.0
RECOVERY_DEADLINE = 10.0  # the first 2xx after PostgreSQL is back, at the latest
SETTLED_AFTER = 2.0  # from then on, every request must succeed
KINDS = frozenset({"add", "read", "stranger"})
WINDOW_DEADLINE = 30.0  # for every kind to be answered in a window, on a slow machine
PROBLEM_JSON = "application/problem+json"


@dataclass
class Answer:
    kind: str  # "add", "read", or "stranger" (a read with a key nobody minted)
    user_id: str | None
    started: float
    ended: float
    status: int | None = None
    content_type: str = ""
    code: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """The answer this request gets while the database is up."""
        return self.status == {"add": 201, "read": 200, "stranger": 401}[self.kind]


class Stream:
    """Agent adds, subscription reads and reads with unknown keys from several
    clients, until stopped."""

    def __init__(self, http: httpx.AsyncClient, account_id: str, idempotency_keys: bool) -> None:
        self.http = http
        self.idempotency_keys = idempotency_keys
        self.account_id = account_id
        self.answers: list[Answer] = []
        self.stopping = asyncio.Event()
        self._serial = itertools.count()

    async def _one(self, n: int) -> Answer:
        path = f"/v1/accounts/{self.account_id}"
        if n % 4 == 1:
            answer = Answer("read", None, time.monotonic(), 0.0)
            request = self.http.get(f"{path}/subscription")
        elif n % 4 == 3:
            # A key never seen before: authentication itself must look it up in the
            # database (no cache can answer), so this is the auth dependency's path.
            answer = Answer("stranger", None, time.monotonic(), 0.0)
            stranger = {"Authorization": f"Bearer sk_stranger_{n}"}
            request = self.http.get(f"{path}/subscription", headers=stranger)
        else:
            user_id = f"agent{n:05d}"
            answer = Answer("add", user_id, time.monotonic(), 0.0)
            headers = {"Idempotency-Key": f"add-{user_id}"} if self.idempotency_keys else {}
            body = {"user_id": user_id, "email": f"{user_id}@acme.example", "name": user_id}
            request = self.http.post(f"{path}/agents", json=body, headers=headers)
        try:
            response = await request
        except httpx.HTTPError as exc:
            answer.error = f"{type(exc).__name__}: {exc}"
        else:
            answer.status = response.status_code
            answer.content_type = response.headers.get("content-type", "")
            if answer.content_type.startswith(PROBLEM_JSON):
                answer.code = response.json().get("code")
        answer.ended = time.monotonic()
        return answer

    async def worker(self) -> None:
        while not self.stopping.is_set():
            answer = await self._one(next(self._serial))
            self.answers.append(answer)
            if not answer.ok:
                await asyncio.sleep(0.02)  # a client that got 503 backs off a little

    def first_ok_since(self, moment: float) -> Answer | None:
        return next((a for a in self.answers if a.ok and a.started >= moment), None)

    async def until_every_kind_answered(self, since: float) -> None:
        """Wait until a request of each kind started at `since` or later has been
        answered. Windows of a fixed length came out empty on a loaded 2-core
        machine, where a request can take over a second."""
        deadline = time.monotonic() + WINDOW_DEADLINE
        while KINDS - {a.kind for a in self.answers if a.started >= since}:
            assert time.monotonic() < deadline, f"not every kind answered since {since}"
            await asyncio.sleep(0.02)


async def _probe(http: httpx.AsyncClient, path: str) -> httpx.Response:
    return await http.get(path)


@pytest.mark.slow
async def test_postgres_outage_answers_503_and_recovers_without_restart(tmp_path: Path) -> None:
    await _outage_scenario(tmp_path, idempotency_keys=False)


@pytest.mark.slow
async def test_postgres_outage_with_idempotency_keys(tmp_path: Path) -> None:
    await _outage_scenario(tmp_path, idempotency_keys=True)


async def _outage_scenario(tmp_path: Path, idempotency_keys: bool) -> None:
    with private_postgres() as pg:
        migrate(pg.url)
        with serve(pg.url, ADMIN_KEY, tmp_path, SEATKEEPER_DB_POOL_SIZE="4") as server:
            try:
                report = await _outage_under_load(pg, server, idempotency_keys)
                idle_recovery = await _restart_while_idle(pg, server, report.account_id)
            except BaseException:
                print(f"--- server log ---\n{server.log_tail()}\n--- postgres log ---")
                print(pg.log_tail())
                raise
        in_doubt = await _assert_nothing_half_written(pg, report)
    proof(
        f"faults: postgres outage survived: {len(report.answers)} requests, "
        f"{report.unavailable} answered 503, recovered in {report.recovered_in:.2f} s "
        f"(slowest answer {report.slowest:.2f} s, {in_doubt} in-doubt commits; "
        f"after an idle restart: {idle_recovery})"
    )


@dataclass
class Report:
    account_id: str
    owner_id: str
    answers: list[Answer]
    unavailable: int
    recovered_in: float
    down_at: float
    slowest: float


async def _outage_under_load(pg: PrivatePostgres, server: Served, idempotency_keys: bool) -> Report:
    pid = server.process.pid
    auth = {"Authorization": f"Bearer {ADMIN_KEY}"}
    async with httpx.AsyncClient(
        base_url=server.base, headers=auth, timeout=CLIENT_TIMEOUT
    ) as http:
        body = account_body(subscription=[{"product": "support", "seats": 50_000}])
        opened = await http.post("/v1/accounts", json=body)
        assert opened.status_code == 201, opened.text
        account = opened.json()

        stream = Stream(http, account["id"], idempotency_keys)
        workers = [asyncio.create_task(stream.worker()) for _ in range(WORKERS)]
        try:
            await stream.until_every_kind_answered(since=0.0)
            stopping_at = time.monotonic()
            await asyncio.to_thread(pg.stop, "immediate")
            down_at = time.monotonic()

            await asyncio.sleep(0.5)
            ready, health = await asyncio.gather(_probe(http, "/readyz"), _probe(http, "/healthz"))
            assert ready.status_code == 503, ready.text
            assert ready.headers["content-type"].startswith(PROBLEM_JSON)
            assert ready.json()["code"] == "database_unavailable"
            assert health.status_code == 200, health.text
            await asyncio.sleep(OUTAGE_SECONDS - 0.5)
            await stream.until_every_kind_answered(down_at)

            starting_at = time.monotonic()
            await asyncio.to_thread(pg.start)
            up_at = time.monotonic()
            while (first_ok := stream.first_ok_since(up_at)) is None:
                assert time.monotonic() - up_at < RECOVERY_DEADLINE, "no 2xx after the outage"
                await asyncio.sleep(0.02)
            await asyncio.sleep(SETTLED_AFTER)
            await stream.until_every_kind_answered(up_at + SETTLED_AFTER)
        finally:
            stream.stopping.set()
            await asyncio.gather(*workers)
        ready = await _probe(http, "/readyz")
        assert ready.status_code == 200, ready.text

    assert server.process.poll() is None and server.process.pid == pid, "the server restarted"
    answers = stream.answers
    hangs = [a for a in answers if a.error is not None]
    assert not hangs, f"{len(hangs)} requests failed without an answer, e.g. {hangs[:3]}"
    unavailable = [a for a in answers if a.status == 503]
    wrong = [a for a in answers if not a.ok and a.status != 503]
    assert not wrong, f"{len(wrong)} unexpected answers, e.g. {wrong[:3]}"
    for a in unavailable:
        assert a.content_type.startswith(PROBLEM_JSON), a
        assert a.code == "database_unavailable", a

    before = [a for a in answers if a.ended < stopping_at]
    during = [a for a in answers if a.started >= down_at and a.ended <= starting_at]
    settled = [a for a in answers if a.started >= up_at + SETTLED_AFTER]
    assert before and all(a.ok for a in before), [a for a in before if not a.ok][:3]
    assert during and all(a.status == 503 for a in during)
    assert settled and all(a.ok for a in settled), [a for a in settled if not a.ok][:3]
    assert {a.kind for a in during} >= KINDS, sorted((a.kind, a.started) for a in during)[:20]
    assert {a.kind for a in settled} >= KINDS, sorted(
        (a.kind, round(a.started - up_at, 2), round(a.ended - up_at, 2), a.status)
        for a in answers
        if a.ended >= up_at
    )[:40]
    return Report(
        account_id=account["id"],
        owner_id=account["owner"]["user_id"],
        answers=answers,
        unavailable=len(unavailable),
        recovered_in=first_ok.ended - up_at,
        down_at=down_at,
        slowest=max(a.ended - a.started for a in answers),
    )


async def _restart_while_idle(pg: PrivatePostgres, server: Served, account_id: str) -> str:
    """PostgreSQL restarts while no request runs: the connections left in the
    pool are dead, yet the very first requests afterwards must succeed."""
    auth = {"Authorization": f"Bearer {ADMIN_KEY}"}
    async with httpx.AsyncClient(
        base_url=server.base, headers=auth, timeout=CLIENT_TIMEOUT
    ) as http:
        # Fill the pool with live connections, then restart under them.
        warm = await asyncio.gather(*(_probe(http, "/readyz") for _ in range(8)))
        assert all(r.status_code == 200 for r in warm)
        await asyncio.to_thread(pg.stop, "fast")
        await asyncio.to_thread(pg.start)
        reads = [http.get(f"/v1/accounts/{account_id}/subscription") for _ in range(8)]
        answers = await asyncio.gather(*reads)
        answers += await asyncio.gather(*(_probe(http, "/readyz") for _ in range(8)))
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200] * len(answers), statuses
    return f"{len(answers)} of {len(answers)} first requests answered 200"


async def _rows(engine: AsyncEngine, sql: str, account_id: str) -> set[str]:
    async with engine.connect() as connection:
        return set((await connection.execute(text(sql), {"a": account_id})).scalars())


async def _assert_nothing_half_written(pg: PrivatePostgres, report: Report) -> int:
    """Every agent is whole (its seat, its counter, its audit event), every 201
    is stored, and no 503 that began once PostgreSQL was down is. Answers the
    number of in-doubt adds: 503s whose COMMIT had reached PostgreSQL when it
    was killed, so they were applied while their answer was lost."""
    engine = make_engine(async_database_url(pg.url), pool_size=1)
    try:
        counters, held = await counters_and_holders(engine, report.account_id)
        stored = await _rows(
            engine, "SELECT user_id FROM agents WHERE account_id = :a", report.account_id
        )
        seated = await _rows(
            engine,
            "SELECT DISTINCT user_id FROM agent_seats WHERE account_id = :a",
            report.account_id,
        )
        audited = await _rows(
            engine,
            "SELECT data->>'user_id' FROM events WHERE account_id = :a AND type = 'agent.added'",
            report.account_id,
        )
    finally:
        await engine.dispose()
    assert counters == held, f"seat counters {counters} != seat rows {held}"
    assert seated == stored, f"agents without seats: {sorted(stored ^ seated)[:5]}"
    assert audited == stored - {report.owner_id}, f"unaudited: {sorted(stored ^ audited)[:5]}"

    adds = [a for a in report.answers if a.kind == "add"]
    added = {a.user_id for a in adds if a.status == 201}
    refused = {a.user_id for a in adds if a.status == 503 and a.started >= report.down_at}
    straddling = {a.user_id for a in adds if a.status == 503 and a.started < report.down_at}
    assert added <= stored, f"answered 201 but missing: {sorted(added - stored)[:5]}"
    assert not refused & stored, f"answered 503 but stored: {sorted(refused & stored)[:5]}"
    in_doubt = straddling & stored
    assert stored == added | in_doubt | {report.owner_id}
    return len(in_doubt)
