"""Test wiring: every database test runs on SQLite, and on PostgreSQL too when
SEATKEEPER_TEST_DATABASE_URL is set (CI sets it, and then it must be reachable).

Each test gets a database of its own state: a fresh copy of a migrated SQLite
file, or a PostgreSQL database emptied before the test. Tests run in parallel
(pytest-xdist), so each worker process has a PostgreSQL database of its own:
the URL's database name plus the worker id (`test_gw0`), created afresh
through the `postgres` maintenance database and dropped when the worker ends.
Alembic builds every schema; nothing here creates tables.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings, async_database_url
from app.db import migrate
from app.db.engine import make_engine
from app.db.models import Base
from app.main import create_app
from app.services.clock import ManualClock
from tests import proofs

ADMIN_KEY = "test-bootstrap-admin-key-0001"
POSTGRES_URL = os.environ.get("SEATKEEPER_TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
# PgBouncer in transaction pooling in front of that PostgreSQL (.ci/run starts
# one): the API tests, and the replicas under load, run through it too, on the
# same databases.
PGBOUNCER_URL = os.environ.get("SEATKEEPER_TEST_PGBOUNCER_URL")
PGBOUNCER_TESTS = ("tests/e2e/", "tests/integration/test_many_replicas.py")
if PGBOUNCER_URL:
    BACKENDS.append("pgbouncer")
TEST_EPOCH = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class TickingClock(ManualClock):
    """Moves a millisecond on every reading, so that 'newest first' is
    deterministic, and still moves wherever a test sets it."""

    def now(self) -> datetime:
        moment = super().now()
        self.advance(timedelta(milliseconds=1))
        return moment

    def advance_seconds(self, seconds: float) -> None:
        self.advance(timedelta(seconds=seconds))

    def set_iso(self, moment: str) -> None:
        self.set(datetime.fromisoformat(moment.replace("Z", "+00:00")))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate.upgrade(async_database_url(f"sqlite:///{path}"))
    return path


def worker_database_url(url: str, worker: str | None) -> str:
    """This xdist worker's own database on the server of `url`: the same name
    with the worker id appended (`test` -> `test_gw0`); `url` itself when the
    tests run in one process."""
    if not worker or worker == "master":
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


async def _recreate(url: str) -> None:
    """Drop and create the database of `url`: each run starts from an empty
    schema, whatever branch's migrations an earlier run left in it."""
    name = make_url(url).database
    await _on_maintenance(
        url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'
    )


async def _drop(url: str) -> None:
    await _on_maintenance(url, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


async def _on_maintenance(url: str, *statements: str) -> None:
    """Run statements on the server's `postgres` maintenance database."""
    admin = make_engine(make_url(url).set(database="postgres").render_as_string(False), 1)
    try:
        async with admin.connect() as connection:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await admin.dispose()


@pytest.fixture(scope="session")
def postgres_migrated() -> Iterator[str]:
    assert POSTGRES_URL, "SEATKEEPER_TEST_DATABASE_URL is not set"
    base = async_database_url(POSTGRES_URL)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = worker_database_url(base, worker)

    async def reachable() -> None:
        engine = make_engine(base, pool_size=1)
        try:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        finally:
            await engine.dispose()

    try:
        asyncio.run(reachable())
        if url != base:
            asyncio.run(_recreate(url))
    except Exception as exc:  # CI must fail, never skip, when PostgreSQL is down
        pytest.fail(f"SEATKEEPER_TEST_DATABASE_URL is set but unreachable: {exc}")
    migrate.upgrade(url)
    yield url
    if url != base:
        asyncio.run(_drop(url))


async def empty_tables(engine: AsyncEngine) -> None:
    names = ", ".join(table.name for table in Base.metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {names} CASCADE"))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database for this test alone."""
    if request.param == "sqlite":
        path = tmp_path / "seatkeeper.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield async_database_url(f"sqlite:///{path}")
        return
    url: str = request.getfixturevalue("postgres_migrated")
    if request.param == "pgbouncer":
        url = through_pgbouncer(url)

    async def reset() -> None:
        engine = make_engine(url, pool_size=1)
        try:
            await empty_tables(engine)
        finally:
            await engine.dispose()

    asyncio.run(reset())
    yield url


def through_pgbouncer(url: str) -> str:
    """The same database as `url`, reached through SEATKEEPER_TEST_PGBOUNCER_URL's
    PgBouncer, and saying so (`?pgbouncer=true`, app/config.py)."""
    assert PGBOUNCER_URL, "SEATKEEPER_TEST_PGBOUNCER_URL is not set"
    bouncer = make_url(PGBOUNCER_URL)
    return (
        make_url(url)
        .set(host=bouncer.host, port=bouncer.port)
        .update_query_dict({"pgbouncer": "true"})
        .render_as_string(hide_password=False)
    )


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock(TEST_EPOCH)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        bootstrap_admin_key=ADMIN_KEY,
        db_pool_size=5,
        dispatcher=False,  # tests that deliver webhooks drive the dispatcher themselves
        jobs_interval=0,  # and tests run jobs when they choose
        webhook_allow_private=True,
    )


@pytest.fixture
def app(settings: Settings, clock: TickingClock) -> FastAPI:
    return create_app(settings, clock=clock)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app in-process, with its lifespan running and the
    bootstrap platform-admin key as the default credential."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://seatkeeper.test",
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        ) as http:
            yield http


@pytest.fixture
def engine(app: FastAPI, client: httpx.AsyncClient) -> AsyncEngine:
    """The app's own engine, to look at the rows behind an answer."""
    engine: AsyncEngine = app.state.runtime.engine
    return engine


# The longest tests (a minute or more each on 2 cores). pytest-xdist's
# worksteal hands each worker one consecutive slice of the collection, then
# moves work from the longest queue's tail: so the long tests are dealt to the
# front of every worker's slice, where they overlap the short ones instead of
# queueing behind each other on one worker, or running alone at the end.
LONGEST = (
    "tests/fuzz/test_schemathesis.py",
    "tests/properties/",
    "tests/faults/test_database_outage.py",
    "tests/faults/test_graceful_shutdown.py",
    "tests/contract/test_typescript_client.py",
    "tests/integration/test_many_replicas.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _only_api_tests_through_pgbouncer(config, items)
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers <= 1:
        return
    longest = [item for item in items if item.nodeid.startswith(LONGEST)]
    rest = [item for item in items if not item.nodeid.startswith(LONGEST)]
    slices: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for n, item in enumerate(longest):
        slices[n % workers].append(item)
    left = len(items)
    for n, part in enumerate(slices):  # the sizes worksteal cuts: what is left / workers left
        size = left // (workers - n)
        take = max(size - len(part), 0)
        part.extend(rest[:take])
        del rest[:take]
        left -= len(part)
    slices[-1].extend(rest)
    items[:] = [item for part in slices for item in part]


def _only_api_tests_through_pgbouncer(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The API tests and the replicas test run through PgBouncer too; the rest
    (faults, properties, migrations, other server processes) once per
    database is enough."""
    elsewhere = [
        item
        for item in items
        if getattr(item, "callspec", None) is not None
        and item.callspec.params.get("database_url") == "pgbouncer"
        and not item.nodeid.startswith(PGBOUNCER_TESTS)
    ]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        dropped = set(map(id, elsewhere))
        items[:] = [item for item in items if id(item) not in dropped]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In an xdist worker: hand this worker's proofs to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["proofs"] = list(proofs.LINES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """In the xdist controller: gather the proofs of a worker that finished."""
    proofs.LINES.extend(getattr(node, "workeroutput", {}).get("proofs", []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if proofs.LINES:
        terminalreporter.section("proofs")
        for line in dict.fromkeys(proofs.LINES):  # a worker each may prove the same
            terminalreporter.write_line(line)
