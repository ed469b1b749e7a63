"""Idempotency-Key against crashes and outages, on real server processes and
a private PostgreSQL: the change and its stored answer commit together, so a
retry replays the answer or runs afresh, never does the change twice, and is
never told 409 `idempotency_key_in_use` for a request that is gone."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from app.config import async_database_url
from app.db.engine import make_engine
from tests.builders import account_body
from tests.conftest import ADMIN_KEY
from tests.faults.postgres import PrivatePostgres, private_postgres
from tests.faults.serve import Served, migrate, seatkeeper_env
from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
SERVE_WITH_HOOKS = (
    "import sys, tests.faults.commit_hooks; from app.cli import main; sys.exit(main(['serve']))"
)
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
RITA = {"name": "Rita Rep", "email": "rita@sales.example.com"}
SEATS_PLEASE = {"kind": "add_seats", "suite": "support_suite", "seats": 2, "message": "hires"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pg() -> Iterator[PrivatePostgres]:
    with private_postgres() as server:
        migrate(server.url)
        yield server


@contextmanager
def hooked_serve(pg: PrivatePostgres, log_dir: Path, fault: str = "") -> Iterator[Served]:
    """`seatkeeper serve` with tests/faults/commit_hooks.py installed."""
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    env = seatkeeper_env(
        pg.url,
        SEATKEEPER_BOOTSTRAP_ADMIN_KEY=ADMIN_KEY,
        SEATKEEPER_PORT=str(port),
        SEATKEEPER_LOG_LEVEL="warning",
        SEATKEEPER_DISPATCHER="false",
        SEATKEEPER_JOBS_INTERVAL="0",
        SEATKEEPER_TEST_FAULT=fault,
        SEATKEEPER_TEST_FAULT_DIR=str(log_dir),
    )
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", SERVE_WITH_HOOKS],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    served = Served(process, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited {process.returncode}:\n{served.log_tail()}")
            try:
                if httpx.get(f"{served.base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"server not ready:\n{served.log_tail()}"
            time.sleep(0.05)
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


async def _owner(base: str, **overrides: object) -> tuple[str, dict[str, str]]:
    """An account (sales-assisted unless told otherwise) and its owner's key."""
    async with httpx.AsyncClient(base_url=base, headers=ADMIN, timeout=30) as client:
        body = account_body(**(overrides or {"billing_mode": "sales_assisted", "sales_rep": RITA}))
        account_id: str = (await client.post("/v1/accounts", json=body)).json()["id"]
        minted = await client.post(
            f"/v1/accounts/{account_id}/api-keys", json={"name": "o", "role": "owner"}
        )
        assert minted.status_code == 201, minted.text
    return account_id, {"Authorization": f"Bearer {minted.json()['key']}"}


async def _sales_requests(pg: PrivatePostgres, account_id: str) -> int:
    engine = make_engine(async_database_url(pg.url), pool_size=1)
    try:
        async with engine.connect() as connection:
            found = await connection.execute(
                text("SELECT count(*) FROM sales_requests WHERE account_id = :a"),
                {"a": account_id},
            )
            return int(found.scalar_one())
    finally:
        await engine.dispose()


async def test_a_worker_killed_between_commit_and_answer_leaves_the_answer_for_the_retry(
    pg: PrivatePostgres, tmp_path: Path
) -> None:
    headers = {"Idempotency-Key": "ask-rita"}
    with hooked_serve(pg, tmp_path, fault="kill-after-commit") as server:
        account_id, owner = await _owner(server.base)
        url = f"{server.base}/v1/accounts/{account_id}/sales-requests"
        async with httpx.AsyncClient(timeout=30) as http:
            with pytest.raises(httpx.TransportError):
                await http.post(url, json=SEATS_PLEASE, headers={**owner, **headers})
        assert server.process.wait(timeout=30) == -9
    assert await _sales_requests(pg, account_id) == 1

    with hooked_serve(pg, tmp_path) as server:
        url = f"{server.base}/v1/accounts/{account_id}/sales-requests"
        async with httpx.AsyncClient(timeout=30) as http:
            retry = await http.post(url, json=SEATS_PLEASE, headers={**owner, **headers})

    assert retry.status_code == 201, retry.text
    assert retry.headers["idempotent-replayed"] == "true"
    assert await _sales_requests(pg, account_id) == 1


async def test_a_retry_after_the_database_came_back_runs_afresh_never_409(
    pg: PrivatePostgres, tmp_path: Path
) -> None:
    headers = {"Idempotency-Key": "ask-rita-again"}
    with hooked_serve(pg, tmp_path, fault="pause-after-write") as server:
        account_id, owner = await _owner(server.base)
        url = f"{server.base}/v1/accounts/{account_id}/sales-requests"
        async with httpx.AsyncClient(timeout=60) as http:
            first = asyncio.create_task(
                http.post(url, json=SEATS_PLEASE, headers={**owner, **headers})
            )
            deadline = time.monotonic() + 30
            while not (tmp_path / "written").exists():
                assert time.monotonic() < deadline, server.log_tail()
                await asyncio.sleep(0.02)
            pg.stop()
            (tmp_path / "go").touch()
            lost = await first
            pg.start()
            retry = await http.post(url, json=SEATS_PLEASE, headers={**owner, **headers})
            again = await http.post(url, json=SEATS_PLEASE, headers={**owner, **headers})

    assert lost.status_code == 503, lost.text
    assert retry.status_code == 201, retry.text
    assert "idempotent-replayed" not in retry.headers
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert await _sales_requests(pg, account_id) == 1


async def test_a_retry_sent_as_soon_as_the_answer_arrives_replays_it(
    pg: PrivatePostgres, tmp_path: Path
) -> None:
    with hooked_serve(pg, tmp_path) as server:
        account_id, owner = await _owner(
            server.base, subscription=[{"suite": "support_suite", "seats": 40}]
        )
        url = f"/v1/accounts/{account_id}/agents"
        answers = []
        # Two connections: the retry must not wait for the first connection's request to end.
        async with (
            httpx.AsyncClient(base_url=server.base, headers=owner, timeout=30) as one,
            httpx.AsyncClient(base_url=server.base, headers=owner, timeout=30) as other,
        ):
            for n in range(30):
                body = {"user_id": f"u{n}", "email": f"u{n}@acme.example", "name": "U"}
                headers = {"Idempotency-Key": f"add-u{n}"}
                first = await one.post(url, json=body, headers=headers)
                retry = await other.post(url, json=body, headers=headers)
                answers.append((first.status_code, retry.status_code))
    assert set(answers) == {(201, 201)}
