"""Test wiring: every database test runs on SQLite, and on PostgreSQL too when
SEATKEEPER_TEST_DATABASE_URL is set (CI sets it, and then it must be reachable);
the API tests run through PgBouncer too when SEATKEEPER_TEST_PGBOUNCER_URL
is set, and the API and race tests on a Citus coordinator when
SEATKEEPER_TEST_CITUS_URL is set (SERVERS below).

Each test gets a database of its own state: a fresh copy of a migrated SQLite
file, or a PostgreSQL database emptied before the test. Tests run in parallel
(pytest-xdist), so each worker process has a PostgreSQL database of its own:
the URL's database name plus the worker id (`test_gw0`), created afresh
through the `postgres` maintenance database and dropped when the worker ends
(on Citus, on every node, each with the extension and the coordinator's nodes).
Alembic builds every schema; nothing here creates tables.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import URL, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings, async_database_url
from app.db import migrate
from app.db.engine import make_engine
from app.db.models import Base
from app.main import create_app
from app.services.clock import ManualClock
from tests import proofs

ADMIN_KEY = "test-bootstrap-admin-key-0001"
# The servers database tests run on besides SQLite, each when its variable is
# set: backend -> (variable, the tests that run on it: paths, or None for all).
# On Citus: the API tests and the races of several server processes; not the
# longest HTTP tests (LONGEST below: the fuzzer, the state machine, the
# generated client), which walk the same routes the API tests do.
CITUS_TESTS = (
    "tests/e2e/",
    "tests/security/",
    "tests/fuzz/test_regressions.py",
    "tests/integration/test_no_overselling.py",
    "tests/integration/test_waiting_room_race.py",
)
# PgBouncer in transaction pooling in front of that PostgreSQL (.ci/run starts
# one): the API tests, and the replicas under load, run through it too, on the
# PostgreSQL backend's databases.
PGBOUNCER_TESTS = ("tests/e2e/", "tests/integration/test_many_replicas.py")
SERVERS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "postgresql": ("SEATKEEPER_TEST_DATABASE_URL", None),
    "pgbouncer": ("SEATKEEPER_TEST_PGBOUNCER_URL", PGBOUNCER_TESTS),
    "citus": ("SEATKEEPER_TEST_CITUS_URL", CITUS_TESTS),
}
SERVER_URLS = {name: os.environ[var] for name, (var, _) in SERVERS.items() if os.environ.get(var)}
POSTGRES_URL = SERVER_URLS.get("postgresql")
PGBOUNCER_URL = SERVER_URLS.get("pgbouncer")
# The backends every database test runs on.
BACKENDS = ["sqlite", *(name for name in SERVER_URLS if SERVERS[name][1] is None)]
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


# Database DDL reaches a Citus cluster's workers only when asked to.
CITUS_PROPAGATE = "SET citus.enable_create_database_propagation TO on"


async def _recreate(url: str, citus: bool) -> None:
    """Drop and create the database of `url`: each run starts from an empty
    schema, whatever branch's migrations an earlier run left in it. On Citus,
    on every node, and the new database made a cluster of the same nodes."""
    name = make_url(url).database
    drop, create = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'
    if not citus:
        await _on_maintenance(url, drop, create)
        return
    await _drop(url, citus=True)
    nodes = await _on_maintenance(
        url, CITUS_PROPAGATE, create, "SELECT nodename, nodeport, groupid FROM pg_dist_node"
    )
    workers = [(host, port) for host, port, group in nodes if group != 0]
    for host, port in workers:  # each node's database needs the extension itself
        await _run(make_url(url).set(host=host, port=port), "CREATE EXTENSION IF NOT EXISTS citus")
    parsed = make_url(url)
    await _run(
        parsed,
        # Four shards a table, two on each worker, not the default 32: what
        # the tests prove is the same, and emptying 15 tables between tests
        # does not touch 418 shards.
        f'ALTER DATABASE "{name}" SET citus.shard_count = 4',
        "CREATE EXTENSION IF NOT EXISTS citus",
        f"SELECT citus_set_coordinator_host('{parsed.host}', {parsed.port or 5432})",
        *(f"SELECT citus_add_node('{host}', {port})" for host, port in workers),
    )


async def _drop(url: str, citus: bool) -> None:
    drop = f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'
    if not citus:
        await _on_maintenance(url, drop)
        return
    # A worker's copy can still be in use for a moment by the connections the
    # coordinator's own backends, just ended, held to it: try again shortly.
    for attempt in range(10):
        try:
            await _on_maintenance(url, CITUS_PROPAGATE, drop)
            return
        except DBAPIError as exc:
            if "being accessed by other users" not in str(exc) or attempt == 9:
                raise
            await asyncio.sleep(1)


async def _on_maintenance(url: str, *statements: str) -> list[Any]:
    """Run statements on the server's `postgres` maintenance database; the
    last one's rows."""
    return await _run(make_url(url).set(database="postgres"), *statements)


async def _run(url: URL, *statements: str) -> list[Any]:
    """Run statements one by one, outside a transaction; the last one's rows."""
    engine = make_engine(url.render_as_string(hide_password=False), 1)
    rows: list[Any] = []
    try:
        async with engine.connect() as connection:
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            for statement in statements:
                result = await connection.execute(text(statement))
                rows = list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()
    return rows


@pytest.fixture(scope="session")
def server_databases() -> Iterator[Callable[[str], str]]:
    """This worker's migrated database on a backend's server, made on first use."""
    made: dict[str, str] = {}
    worker = os.environ.get("PYTEST_XDIST_WORKER")

    def database(backend: str) -> str:
        if backend in made:
            return made[backend]
        variable = SERVERS[backend][0]
        assert backend in SERVER_URLS, f"{variable} is not set"
        base = async_database_url(SERVER_URLS[backend])
        url = worker_database_url(base, worker)
        try:
            asyncio.run(_run(make_url(base), "SELECT 1"))
            if url != base:
                asyncio.run(_recreate(url, citus=backend == "citus"))
        except Exception as exc:  # CI must fail, never skip, when a server is down
            pytest.fail(f"{variable} is set but unreachable: {exc}")
        migrate.upgrade(url)
        made[backend] = url
        return url

    yield database
    for backend, url in made.items():
        if url != async_database_url(SERVER_URLS[backend]):
            asyncio.run(_drop(url, citus=backend == "citus"))


@pytest.fixture(scope="session")
def postgres_migrated(server_databases: Callable[[str], str]) -> str:
    return server_databases("postgresql")


async def empty_tables(engine: AsyncEngine, *, citus: bool = False) -> None:
    if citus:
        await _delete_rows(engine)
        return
    names = ", ".join(table.name for table in Base.metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {names} CASCADE"))


async def _delete_rows(engine: AsyncEngine) -> None:
    """Empty the tables that have rows, children first, in one transaction:
    on Citus a TRUNCATE takes every shard's lock, a second or more per test.
    One shard at a time, as a reference table may not change in a transaction
    that already reached several shards of a node at once."""
    tables = Base.metadata.sorted_tables
    probe = " UNION ALL ".join(f"(SELECT '{t.name}' FROM {t.name} LIMIT 1)" for t in tables)
    async with engine.begin() as connection:
        await connection.execute(text("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"))
        filled = set((await connection.execute(text(probe))).scalars())
        for table in reversed(tables):
            if table.name in filled:
                await connection.execute(text(f"DELETE FROM {table.name}"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each database test once per backend that runs it (SERVERS)."""
    if "database_url" not in metafunc.fixturenames:
        return
    path = Path(metafunc.definition.path).relative_to(metafunc.config.rootpath).as_posix()
    backends = ["sqlite"]
    for name in SERVER_URLS:
        only = SERVERS[name][1]
        if only is None or path.startswith(only):
            backends.append(name)
    metafunc.parametrize("database_url", backends, indirect=True)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database for this test alone."""
    if request.param == "sqlite":
        path = tmp_path / "seatkeeper.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield async_database_url(f"sqlite:///{path}")
        return
    if request.param == "pgbouncer":
        url = through_pgbouncer(request.getfixturevalue("server_databases")("postgresql"))
    else:
        url = request.getfixturevalue("server_databases")(request.param)

    async def reset() -> None:
        engine = make_engine(url, pool_size=1)
        try:
            await empty_tables(engine, citus=request.param == "citus")
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
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
