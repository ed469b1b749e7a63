"""`make bench`: seatkeeper's speed as ratios of the same server's /healthz ceiling.

Starts the service on PostgreSQL (and, in a second pass, SQLite), seeds data
through the API and the database, drives it with wrk, and writes one table to
docs/performance.md. Every goal is a ratio measured in one run, because
absolute figures move 10-30 % between runs on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
LUA = ROOT / "bench" / "lua"
BIN = Path(sys.executable).parent
ADMIN_KEY = "bench-admin-key-000000000000"
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
DOWNGRADES = 3  # accounts cut by a seat change each; odd, for a median
SYNCS = 3  # accounts given the whole list by a bulk sync each; odd, for a median


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    counts: dict[str, int] = field(default_factory=dict)
    max_ms: float = float("nan")


@dataclass
class Row:
    name: str
    value: str
    ratio: str = ""
    goal: str = ""
    met: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ms(text: str) -> float:
    found = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if found is None:  # wrk prints nan when nothing finished in time
        return float("nan")
    number, unit = found.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(url: str, script: str, seconds: float, connections: int = 32, threads: int = 1,
        **env: str) -> WrkResult:
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "10s",
        "-s", str(LUA / script), url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, check=True,
        env={**os.environ, "BENCH_LUA": str(LUA), **env},
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(_field(r"50%\s+(\S+)", output))
    p99 = _ms(_field(r"99%\s+(\S+)", output))
    counts = {}
    found = re.search(r"BENCH_COUNTS created=(\d+) refused=(\d+) other=(\d+)", output)
    if found:
        counts = dict(zip(("created", "refused", "other"), map(int, found.groups()), strict=True))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    counts["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    result = WrkResult(rps, p50, p99, counts)
    mixed = re.search(
        r"BENCH_MIXED read=(\d+) socket_errors=(\d+) p50_us=(\d+) p99_us=(\d+) max_us=(\d+)", output
    )
    if mixed:  # exact figures from the script's done(), not wrk's rounded text
        read, errors, p50_us, p99_us, max_us = map(int, mixed.groups())
        counts.update(read=read, socket_errors=errors)
        result.p50_ms, result.p99_ms, result.max_ms = p50_us / 1000, p99_us / 1000, max_us / 1000
    return result


def _field(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    return found.group(1) if found else ""


class Server:
    """`seatkeeper serve` in its own process group, stopped with SIGTERM."""

    def __init__(self, database_url: str, workers: int = 1, **env: str) -> None:
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(BIN / "seatkeeper"), "serve", "--workers", str(workers)],
            env={
                **os.environ,
                "SEATKEEPER_DATABASE_URL": database_url,
                "SEATKEEPER_BOOTSTRAP_ADMIN_KEY": ADMIN_KEY,
                "SEATKEEPER_PORT": str(self.port),
                "SEATKEEPER_LOG_LEVEL": "warning",
                "SEATKEEPER_JOBS_INTERVAL": "0",
                **env,
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("server did not start")
            time.sleep(0.1)

    def pids(self) -> list[int]:
        """The server's process and its workers, if it forked any."""
        pids = [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        return pids

    def worker_rss_mb(self) -> float:
        """RSS of the process that serves (the single worker, or the largest child)."""
        return max(_rss_mb(pid) for pid in self.pids())

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def cpu_ms(pids: list[int]) -> float:
    """CPU time (user + system) the processes have used so far, from /proc."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a backend that has exited
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def postgres_pids() -> list[int]:
    """The local PostgreSQL server's processes, its backends among them (those
    owned by the postgres user); none where there is no such user."""
    try:
        uid = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        return []
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def seed_accounts(base: str, count: int, sell_seats: int) -> list[tuple[str, str]]:
    """Accounts opened and owner keys minted through the API."""
    auth = {"Authorization": f"Bearer {ADMIN_KEY}"}
    limits = asyncio.Semaphore(16)

    async def one(http: httpx.AsyncClient, n: int) -> tuple[str, str]:
        async with limits:
            opened = await http.post(
                f"{base}/v1/accounts",
                json={
                    "name": f"Bench {n}",
                    "billing_mode": "self_service",
                    "owner": {"user_id": "owner", "email": f"owner{n}@bench.example", "name": "Owner"},
                    "subscription": [
                        {"suite": "support_suite", "seats": 50},
                        {"product": "sell", "seats": sell_seats},
                    ],
                },
            )
            account_id = opened.json()["id"]
            key = await http.post(
                f"{base}/v1/accounts/{account_id}/api-keys", json={"name": "bench", "role": "owner"}
            )
            return account_id, key.json()["key"]

    async with httpx.AsyncClient(headers=auth, timeout=60) as http:
        return list(await asyncio.gather(*(one(http, n) for n in range(count))))


async def seed_agents(database_url: str, account_id: str, count: int) -> None:
    """`count` Sell agents written straight to the tables (the API would take minutes)."""
    from sqlalchemy import insert, update

    from app.config import async_database_url
    from app.db.engine import make_engine
    from app.db.models import AgentRow, AgentSeatRow, SubscriptionLineRow

    engine = make_engine(async_database_url(database_url), pool_size=1)
    start = datetime.now(UTC) - timedelta(days=1)
    try:
        async with engine.begin() as connection:
            for first in range(0, count, 5000):
                batch = range(first, min(first + 5000, count))
                await connection.execute(
                    insert(AgentRow),
                    [
                        {
                            "account_id": account_id, "user_id": f"seed{n:06d}",
                            "email": f"seed{n}@bench.example", "name": "Seed", "role": "agent",
                            "is_owner": False, "added_at": start + timedelta(milliseconds=n),
                            "updated_at": start,
                        }
                        for n in batch
                    ],
                )
                await connection.execute(
                    insert(AgentSeatRow),
                    [{"account_id": account_id, "user_id": f"seed{n:06d}", "product": "sell"} for n in batch],
                )
            await connection.execute(
                update(SubscriptionLineRow)
                .where(SubscriptionLineRow.account_id == account_id, SubscriptionLineRow.product == "sell")
                .values(seats=count + 1, assigned=count + 1)
            )
        if engine.dialect.name == "postgresql":
            # What an operator does after a bulk load: the planner's statistics,
            # and no autovacuum of these rows in the middle of a measurement.
            async with engine.connect() as connection:
                await connection.execution_options(isolation_level="AUTOCOMMIT")
                await connection.exec_driver_sql("VACUUM (ANALYZE) agents, agent_seats")
    finally:
        await engine.dispose()


async def counters_match(database_url: str, account_id: str) -> tuple[int, int, int]:
    """(capacity, counter, seat rows) of the account's Sell line, in one statement:
    one snapshot, even if an add still in flight when wrk stopped commits now."""
    from sqlalchemy import text

    from app.config import async_database_url
    from app.db.engine import make_engine

    engine = make_engine(async_database_url(database_url), pool_size=1)
    try:
        async with engine.connect() as connection:
            capacity, counter, rows = (
                await connection.execute(
                    text("SELECT seats + temporary_seats, assigned, (SELECT count(*) FROM agent_seats "
                         "WHERE account_id = :a AND product = 'sell') FROM subscription_lines "
                         "WHERE account_id = :a AND product = 'sell'"),
                    {"a": account_id},
                )
            ).one()
    finally:
        await engine.dispose()
    return int(capacity), int(counter), int(rows)


def write_targets(targets: list[tuple[str, str]], workdir: Path, name: str) -> str:
    """Account ids and their API keys for wrk: in the pass's private directory,
    which the pass removes, never in a shared temporary directory."""
    path = workdir / f"{name}.targets"
    path.write_text("".join(f"{a} {k}\n" for a, k in targets), encoding="utf-8")
    return str(path)


def bench_database_name() -> str:
    """A database of this run's own: the bench never touches, nor drops, a
    database it did not create, whatever server BENCH_POSTGRES names."""
    return f"seatkeeper_bench_{os.getpid()}_{secrets.token_hex(4)}"


def fresh_database(kind: str, workdir: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{workdir / 'bench.db'}"
    name = bench_database_name()
    subprocess.run(["psql", PG_ADMIN_URL, "-q", "-c", f'CREATE DATABASE "{name}"'], check=True,
                   capture_output=True)
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_database(database_url: str) -> None:
    """Drop a database fresh_database created (FORCE: a server killed mid-run
    may leave sessions behind); nothing for SQLite, whose file is in the workdir."""
    if not database_url.startswith("postgresql"):
        return
    name = database_url.rsplit("/", 1)[1]
    subprocess.run(["psql", PG_ADMIN_URL, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
                   check=True, capture_output=True)


def timed_downgrade(base: str, account_id: str, key: str) -> tuple[float, int]:
    """The seat change's time as curl sees it: a client in C, as wrk is for
    the adds it is compared with. httpx, in this process, added 18-20 ms of
    its own to a 1 MB answer (reading it, and the full collections of a
    process that holds every seeded key), which curl's total does not."""
    with tempfile.NamedTemporaryFile(suffix=".json") as body:
        timing = subprocess.run(
            [
                "curl", "--silent", "--show-error", "--max-time", "120",
                "--output", body.name, "--write-out", "%{http_code} %{time_total}",
                "--request", "POST", f"{base}/v1/accounts/{account_id}/seat-changes",
                "--header", f"Authorization: Bearer {key}",
                "--header", "Content-Type: application/json",
                "--data", '{"changes": [{"product": "sell", "seats": 1}]}',
            ],
            capture_output=True, text=True, check=True,
        ).stdout
        status, seconds = timing.split()
        answer = Path(body.name).read_text(encoding="utf-8")
    assert status == "201", answer
    return float(seconds), len(json.loads(answer)["downgraded_agents"])


# The downgrade's floor: the statements the seat change sends PostgreSQL, in
# its order, with its parameters and rows, made before the clock starts and
# sent by asyncpg (prepared, as the service sends them): what is left is the
# database's own work and the wire. The locked read, the newest holders, their
# other seats, the change record listing the downgraded, its event, the seats
# deleted, the agents demoted, an event each (one binary COPY), the notices,
# the line and the version, the commit.
FLOOR_STATEMENTS = {
    "lock": "SELECT accounts.id, subscription_lines.product FROM accounts JOIN subscription_lines "
            "ON subscription_lines.account_id = accounts.id WHERE accounts.id = $1 "
            "ORDER BY subscription_lines.product FOR UPDATE OF accounts, subscription_lines",
    "holders": "SELECT agents.user_id, agents.email, agents.agent_since FROM agents "
               "WHERE agents.account_id = $1 AND agents.is_owner IS false AND EXISTS ("
               "SELECT agent_seats.user_id FROM agent_seats WHERE agent_seats.account_id = agents.account_id "
               "AND agent_seats.user_id = agents.user_id AND agent_seats.product = $2 OFFSET 0) "
               "ORDER BY agents.agent_since DESC, agents.user_id DESC LIMIT $3",
    "others": "SELECT user_id, product FROM agent_seats WHERE account_id = $1 AND user_id = ANY ($2::text[]) "
              "AND product != $3 ORDER BY product",
    "change": "INSERT INTO seat_changes (id, account_id, status, effective, channel, lines, named_downgrades, "
              "downgraded, amount_due, currency, actor, created_at, effective_at, applied_at) VALUES "
              "($1, $2, 'applied', 'immediately', 'subscription_page', $3::json, '[]'::json, $4::json, 0, "
              "'USD', 'floor', $5, NULL, $5)",
    "event": "INSERT INTO events (id, account_id, type, actor, data, created_at) "
             "VALUES ($1, $2, $3, 'floor', $4::json, $5)",
    "release": "DELETE FROM agent_seats WHERE account_id = $1 AND product = $2 AND user_id = ANY ($3::text[])",
    "demote": "UPDATE agents SET role = 'end_user', updated_at = $2, downgraded_at = $2, "
              "downgrade_reason = 'seats_reduced' WHERE account_id = $1 AND user_id = ANY ($3::text[])",
    "notice": "INSERT INTO notifications (id, account_id, type, title, body, data, created_at) "
              "VALUES ($1, $2, $3, $4, $5, $6::json, $7)",
    "line": "UPDATE subscription_lines SET seats = 1, assigned = 1, alert_level = 2 "
            "WHERE account_id = $1 AND product = 'sell'",
    "version": "UPDATE accounts SET version = version + 1 WHERE id = $1",
}


async def timed_floor(database_url: str, account_id: str, count: int) -> tuple[float, int]:
    """The floor's time on a connection opened beforehand, and the agents it
    demoted (their number: the same work as the downgrade it is compared with)."""
    import asyncpg

    connection = await asyncpg.connect(database_url)
    try:
        q = {name: await connection.prepare(sql) for name, sql in FLOOR_STATEMENTS.items()}
        holders = await q["holders"].fetch(account_id, "sell", count)
        ids = [row["user_id"] for row in holders]
        now = datetime.now(UTC)
        change_id = f"chg_{os.urandom(14).hex()}"
        downgraded = json.dumps([
            {"user_id": row["user_id"], "email": row["email"], "products": ["sell"], "to_end_user": True}
            for row in holders
        ], separators=(",", ":"))
        lines = json.dumps([{"product": "sell", "from": count + 1, "to": 1}])
        events = [
            (f"evt_{os.urandom(14).hex()}", account_id, "agent.downgraded", "floor",
             json.dumps({"user_id": user_id, "products": ["sell"], "reason": "seats_reduced",
                         "role": "end_user", "seat_change_id": change_id}, separators=(",", ":")), now)
            for user_id in ids
        ]
        body = "Seats went below usage: " + ", ".join(f"{user_id} (sell)" for user_id in ids)
        start = time.perf_counter()
        async with connection.transaction():
            await q["lock"].fetch(account_id)
            await q["holders"].fetch(account_id, "sell", count)
            await q["others"].fetch(account_id, ids, "sell")
            await q["change"].fetch(change_id, account_id, lines, downgraded, now)
            await q["event"].fetch(f"evt_{os.urandom(14).hex()}", account_id, "seat_change.applied",
                                   json.dumps({"seat_change_id": change_id, "downgraded": count}), now)
            await q["release"].fetch(account_id, "sell", ids)
            await q["demote"].fetch(account_id, now, ids)
            await connection.copy_records_to_table(
                "events", columns=["id", "account_id", "type", "actor", "data", "created_at"],
                records=events,
            )
            for kind, text in (("agents_downgraded", body[:4000]), ("seat_change_applied", "applied")):
                await q["notice"].fetch(f"ntf_{os.urandom(14).hex()}", account_id, kind, kind, text,
                                        json.dumps({"seat_change_id": change_id}), now)
            await q["line"].fetch(account_id)
            await q["version"].fetch(account_id)
        took = time.perf_counter() - start
        demoted = await connection.fetchval(
            "SELECT count(*) FROM agents WHERE account_id = $1 AND role = 'end_user'", account_id
        )
    finally:
        await connection.close()
    return took, int(demoted)


def sync_body(count: int, workdir: Path) -> str:
    """A file holding a bulk sync that adds `count` Sell agents, applied."""
    people = [
        {"user_id": f"sync{n:06d}", "email": f"sync{n}@bench.example", "name": "Synced", "products": ["sell"]}
        for n in range(count)
    ]
    path = workdir / "sync.json"
    path.write_text(json.dumps({"agents": people, "dry_run": False}, separators=(",", ":")), encoding="utf-8")
    return str(path)


def timed_sync(base: str, account_id: str, key: str, body: str) -> tuple[float, int]:
    """The sync's time as curl sees it, as for the downgrade: one request that
    adds every agent of the list, in one transaction."""
    with tempfile.NamedTemporaryFile(suffix=".json") as answer_file:
        timing = subprocess.run(
            [
                "curl", "--silent", "--show-error", "--max-time", "120",
                "--output", answer_file.name, "--write-out", "%{http_code} %{time_total}",
                "--request", "POST", f"{base}/v1/accounts/{account_id}/agent-syncs",
                "--header", f"Authorization: Bearer {key}",
                "--header", "Content-Type: application/json",
                "--data-binary", f"@{body}",
            ],
            capture_output=True, text=True, check=True,
        ).stdout
        status, seconds = timing.split()
        answer = Path(answer_file.name).read_text(encoding="utf-8")
    assert status == "200", answer[:500]
    return float(seconds), len(json.loads(answer)["add"])


# The steps of a pass, each one or more rows of the table; `--only` picks some.
STEPS = ("reads", "adds", "hot", "downgrade", "floor", "sync", "big", "rss", "workers", "mixed", "webhooks")
# Names for the rows of the second round (issue 24), as `--only` takes them:
# the pass they belong to and the steps they need.
ONLY = {
    "sqlite-read": ("sqlite", {"reads"}),
    "downgrade-floor": ("postgresql", {"downgrade", "floor"}),
    # RSS after the largest requests the bench makes (the downgrade, the sync).
    "rss": ("postgresql", {"reads", "downgrade", "sync", "rss"}),
}


def run_pass(
    kind: str,
    seconds: float,
    accounts: int,
    big: int,
    downgrade: int,
    synced: int,
    full: bool,
    steps: frozenset[str] | set[str] = frozenset(STEPS),
) -> list[Row]:
    """One pass on a database and a directory of its own, both removed at the
    end, whether the pass succeeds, fails or is interrupted (Ctrl-C, SIGTERM)."""
    workdir = Path(tempfile.mkdtemp(prefix=f"seatkeeper-bench-{kind}-"))
    try:
        database_url = fresh_database(kind, workdir)
        try:
            return _measure(kind, workdir, database_url, seconds, accounts, big, downgrade, synced,
                            full, steps)
        finally:
            drop_database(database_url)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _measure(
    kind: str, workdir: Path, database_url: str,
    seconds: float, accounts: int, big: int, downgrade: int, synced: int, full: bool,
    steps: frozenset[str] | set[str],
) -> list[Row]:
    rows: list[Row] = []
    subprocess.run([str(BIN / "seatkeeper"), "migrate"], check=True,
                   env={**os.environ, "SEATKEEPER_DATABASE_URL": database_url})
    server = Server(database_url)
    floor = "floor" in steps and kind == "postgresql"
    spread_file = ""
    try:
        spread = asyncio.run(seed_accounts(server.url, accounts, sell_seats=1000))
        spread_file = write_targets(spread, workdir, "spread")
        ceiling = wrk(server.url, "get_path.lua", seconds, BENCH_PATH="/healthz", BENCH_KEY="")
        rows.append(Row(f"{kind}: GET /healthz (the ceiling)", f"{ceiling.rps:,.0f} req/s", "1.00"))

        if "reads" in steps:
            reads = wrk(server.url, "get_subscription.lua", seconds, BENCH_TARGETS=spread_file)
            # The embedded default is held to the same goal as PostgreSQL now.
            rows.append(_ratio_row(f"{kind}: GET subscription, {accounts} accounts", reads, ceiling, 0.35,
                                   "postgresql"))
            rows.append(Row(f"{kind}: ... latency", f"p50 {reads.p50_ms:.2f} ms, p99 {reads.p99_ms:.2f} ms"))

        if "adds" in steps:
            adds = wrk(server.url, "post_agents.lua", seconds, BENCH_TARGETS=spread_file, BENCH_RUN="s")
            rows.append(_ratio_row(f"{kind}: POST agents, {accounts} accounts", adds, ceiling, 0.08, kind))
            assert adds.counts.get("other", 0) == 0, adds.counts

        if "hot" in steps:
            hot = asyncio.run(seed_accounts(server.url, 1, sell_seats=500))
            hot_file = write_targets(hot, workdir, "hot")
            hot_adds = wrk(server.url, "post_agents.lua", seconds, BENCH_TARGETS=hot_file, BENCH_RUN="h")
            capacity, counter, held = asyncio.run(counters_match(database_url, hot[0][0]))
            # Every 201 holds a seat (plus the owner's), and at most the requests
            # still in flight when wrk stopped (one per connection) hold one unseen.
            created = hot_adds.counts["created"] + 1
            oversold = not (counter == held <= capacity and created <= held <= created + 32)
            rows.append(_ratio_row(f"{kind}: POST agents, one hot account", hot_adds, ceiling, 0.05, kind))
            rows.append(Row(
                f"{kind}: ... hot account after the run",
                f"capacity {capacity}, counter {counter}, seat rows {held}, "
                f"201s {hot_adds.counts['created']}, 409s {hot_adds.counts['refused']}",
                goal="no seat sold twice", met="yes" if not oversold else "NO",
            ))

        if "downgrade" in steps:
            rows += _downgrades(server, database_url, kind, downgrade, spread_file, seconds, floor)

        if "sync" in steps:
            # A bulk sync of the whole list into each of three accounts, the
            # median against the same 50 single adds as the downgrade.
            syncs = asyncio.run(seed_accounts(server.url, SYNCS, sell_seats=synced + 1))
            single = wrk(server.url, "post_agents.lua", min(seconds, 3), connections=1,
                         BENCH_TARGETS=spread_file, BENCH_RUN="2")
            fifty = 50 * single.p50_ms / 1000
            body = sync_body(synced, workdir)
            sync_runs = sorted(timed_sync(server.url, account_id, key, body) for account_id, key in syncs)
            Path(body).unlink()
            took, count = sync_runs[len(sync_runs) // 2]
            each = ", ".join(f"{run[0] * 1000:,.0f}" for run in sync_runs)
            rows.append(Row(
                f"{kind}: bulk sync adding {count:,} agents (median of {len(sync_runs)})",
                f"{took * 1000:,.0f} ms ({each}) vs 50 adds {fifty * 1000:,.0f} ms",
                f"{took / fifty:.2f}", "sync vs 50 adds (no goal yet)",
            ))

        if "big" in steps:
            small, large = asyncio.run(seed_accounts(server.url, 2, sell_seats=10))
            asyncio.run(seed_agents(database_url, small[0], 9))
            asyncio.run(seed_agents(database_url, large[0], big))
            # Alternating short runs, the median of each: background work (a
            # checkpoint, autovacuum) then weighs on both accounts alike.
            p50: dict[str, list[float]] = {"small": [], "large": []}
            for _ in range(3):
                for label, (account_id, key) in (("small", small), ("large", large)):
                    one = wrk(server.url, "get_path.lua", max(seconds / 5, 1),
                              BENCH_PATH=f"/v1/accounts/{account_id}/subscription", BENCH_KEY=key)
                    p50[label].append(one.p50_ms)
            small_p50, large_p50 = (sorted(runs)[1] for runs in p50.values())
            rows.append(Row(
                f"{kind}: GET subscription p50, 10 vs {big:,} agents",
                f"{small_p50:.2f} ms vs {large_p50:.2f} ms",
                f"{large_p50 / small_p50:.2f}", "<= 1.10", _met(large_p50 <= 1.1 * small_p50, kind),
            ))

        rss = server.worker_rss_mb()  # before the mixed load: the first round's figure
        if "mixed" in steps:
            rows += _mixed(server, workdir, kind, seconds)
    finally:
        server.stop()

    if full and "rss" in steps:
        bare = _bare_rss(seconds)
        rows.append(Row(f"{kind}: worker RSS after the run vs bare FastAPI",
                        f"{rss:.0f} MB vs {bare:.0f} MB", f"{rss / bare:.2f}", "<= 1.60",
                        _met(rss <= 1.6 * bare, kind)))
    if full and "workers" in steps:
        rows += _workers_and_metrics(database_url, spread_file, seconds)
        if kind == "postgresql":
            rows += replica_rows(kind, database_url, spread_file, seconds)
    if "webhooks" in steps:
        rows += _webhooks(database_url, kind)
    return rows


MIXED_ACCOUNTS = 200
MIXED_CONNECTIONS = 64


def _mixed(server: Server, workdir: Path, kind: str, seconds: float) -> list[Row]:
    """The mixed load's tail: 64 connections, 70 % subscription reads and 25 %
    adds over 200 accounts, 5 % adds on one hot account (bench/lua/mixed.lua).
    Every account has room for every add, so every answer should be a 200 or
    a 201: anything else, and any socket error or timeout, is an error."""
    spread = asyncio.run(seed_accounts(server.url, MIXED_ACCOUNTS, sell_seats=20_000))
    hot = asyncio.run(seed_accounts(server.url, 1, sell_seats=20_000))
    spread_file = write_targets(spread, workdir, "mixed-spread")
    hot_file = write_targets(hot, workdir, "mixed-hot")
    targets = {"BENCH_TARGETS": spread_file, "BENCH_HOT": hot_file}
    # Each account read and written once: statements prepared, pools full.
    wrk(server.url, "mixed.lua", 1, connections=MIXED_CONNECTIONS, BENCH_RUN="w", **targets)
    run = wrk(server.url, "mixed.lua", seconds, connections=MIXED_CONNECTIONS, BENCH_RUN="m", **targets)
    errors = run.counts["other"] + run.counts["refused"] + run.counts["socket_errors"]
    tail = run.p99_ms / run.p50_ms
    return [
        Row(
            f"{kind}: mixed load, {MIXED_CONNECTIONS} connections (70 % reads, 25 % adds over "
            f"{MIXED_ACCOUNTS} accounts, 5 % adds on one hot account)",
            f"{run.rps:,.0f} req/s: p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms, "
            f"max {run.max_ms:,.0f} ms, {errors} errors",
            f"{tail:.1f}", "p99 <= 5x p50", _met(tail <= 5, kind),
        ),
        Row(
            f"{kind}: ... p99 and max against their bounds",
            f"p99 {run.p99_ms:.1f} ms vs 250 ms, max {run.max_ms:,.0f} ms vs 1,000 ms",
            f"{run.p99_ms / 250:.2f}", "p99 <= 250 ms, max <= 1 s, 0 errors",
            _met(run.p99_ms <= 250 and run.max_ms <= 1000 and errors == 0, kind),
        ),
    ]


WEBHOOK_EVENTS = 600
WEBHOOK_CLIENTS = 16
WEBHOOK_GOAL = 500  # events a second, one dispatcher process
RECEIVED = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"


def _receive(port: int, ready: Any, count: Any, first: Any, last: Any) -> None:
    """A receiver that answers 204 on a kept-alive connection and counts what
    arrived, with the times of the first and the last arrival."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                writer.write(RECEIVED)
                now = time.monotonic()
                with count.get_lock():
                    if count.value == 0:
                        first.value = now
                    count.value += 1
                    last.value = now
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=256)
        ready.set()
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class Receiver:
    def __init__(self) -> None:
        self.port = free_port()
        context = multiprocessing.get_context("spawn")
        ready = context.Event()
        self.count = context.Value("i", 0)
        self.first = context.Value("d", 0.0)
        self.last = context.Value("d", 0.0)
        self.process = context.Process(
            target=_receive, args=(self.port, ready, self.count, self.first, self.last), daemon=True
        )
        self.process.start()
        if not ready.wait(30):
            raise RuntimeError("receiver did not start")
        self.url = f"http://127.0.0.1:{self.port}/hooks"

    def reset(self) -> None:
        with self.count.get_lock():
            self.count.value = 0

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.count.value < count:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(5)


async def _make_events(base: str, accounts: list[tuple[str, str]], run: str) -> tuple[float, float]:
    """600 agent.added through the API by 16 concurrent clients, each adding to
    an account of its own; answers when the first add was sent and when the
    last was answered (monotonic)."""
    each = [WEBHOOK_EVENTS // WEBHOOK_CLIENTS + (n < WEBHOOK_EVENTS % WEBHOOK_CLIENTS)
            for n in range(WEBHOOK_CLIENTS)]

    async def client(http: httpx.AsyncClient, n: int) -> None:
        account_id, key = accounts[n]
        for m in range(each[n]):
            user = f"hook{run}-{n}-{m}"
            answer = await http.post(
                f"{base}/v1/accounts/{account_id}/agents",
                headers={"Authorization": f"Bearer {key}"},
                json={"user_id": user, "email": f"{user}@bench.example", "name": "Hook",
                      "products": ["sell"]},
            )
            assert answer.status_code == 201, answer.text[:300]

    limits = httpx.Limits(max_connections=WEBHOOK_CLIENTS)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        started = time.monotonic()
        await asyncio.gather(*(client(http, n) for n in range(WEBHOOK_CLIENTS)))
    return started, time.monotonic()


def _webhooks(database_url: str, kind: str) -> list[Row]:
    """Webhook delivery to one endpoint (a platform one, hearing every account)
    of 600 agent.added made by 16 concurrent clients over 16 accounts.

    First with the dispatcher inside the one worker, as a single-node install
    runs it: how long until all are received, counted from the first add, and
    how many were still to come when the last add was answered. Then the
    outbox rate of one `seatkeeper dispatch` process: the 600 are made with
    the app's dispatcher off, the process is started, and the rate is the
    receiver's, from its first arrival to its last."""
    rows: list[Row] = []
    receiver = Receiver()
    env = {"SEATKEEPER_WEBHOOK_ALLOW_PRIVATE": "true"}
    try:
        server = Server(database_url, **env)
        try:
            accounts = asyncio.run(seed_accounts(server.url, WEBHOOK_CLIENTS, sell_seats=5000))
            created = httpx.post(
                f"{server.url}/v1/webhook-endpoints",
                headers={"Authorization": f"Bearer {ADMIN_KEY}"},
                json={"url": receiver.url, "event_types": ["agent.added"]},
                timeout=30,
            )
            assert created.status_code == 201, created.text
            started, made = asyncio.run(_make_events(server.url, accounts, "a"))
            pending = WEBHOOK_EVENTS - receiver.count.value
            received = receiver.wait_for(WEBHOOK_EVENTS, 120)
            done = receiver.last.value
        finally:
            server.stop()
        whole = done - started
        adds = WEBHOOK_EVENTS / (made - started)
        rows.append(Row(
            f"{kind}: webhooks, {WEBHOOK_EVENTS} agent.added by {WEBHOOK_CLIENTS} clients, "
            "dispatcher in the worker",
            (f"all received {whole:.2f} s after the first add: {WEBHOOK_EVENTS / whole:,.0f} events/s "
             f"vs adds {adds:,.0f}/s; {pending} still to come when the last add answered"
             if received else f"{receiver.count.value} of {WEBHOOK_EVENTS} received in 120 s"),
            f"{WEBHOOK_EVENTS / whole / adds:.2f}" if received else "",
            "delivered / made (1.00: keeps up)",
        ))

        receiver.reset()
        server = Server(database_url, SEATKEEPER_DISPATCHER="false", **env)
        try:
            asyncio.run(_make_events(server.url, accounts, "b"))
        finally:
            server.stop()
        dispatcher = subprocess.Popen(
            [str(BIN / "seatkeeper"), "dispatch"],
            env={**os.environ, "SEATKEEPER_DATABASE_URL": database_url,
                 "SEATKEEPER_LOG_LEVEL": "warning", **env},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        try:
            # Its CPU while sending, from /proc: steadier than the rate on a
            # shared machine, and what one core would make of it.
            receiver.wait_for(1, 60)
            cpu_before = cpu_ms([dispatcher.pid])
            received = receiver.wait_for(WEBHOOK_EVENTS, 120)
            cpu_each = (cpu_ms([dispatcher.pid]) - cpu_before) / (WEBHOOK_EVENTS - 1)
        finally:
            os.killpg(dispatcher.pid, signal.SIGTERM)
            dispatcher.wait(timeout=30)
        rate = (WEBHOOK_EVENTS - 1) / max(receiver.last.value - receiver.first.value, 1e-6)
        rows.append(Row(
            f"{kind}: webhooks, one `seatkeeper dispatch` process sending a backlog of "
            f"{WEBHOOK_EVENTS} to one endpoint",
            f"{rate:,.0f} events/s ({cpu_each:.2f} ms of its CPU each: "
            f"{1000 / max(cpu_each, 1e-3):,.0f}/s on a core of its own)" if received else
            f"{receiver.count.value} of {WEBHOOK_EVENTS} received in 120 s",
            f"{rate / WEBHOOK_GOAL:.2f}" if received else "",
            f">= {WEBHOOK_GOAL}/s", _met(received and rate >= WEBHOOK_GOAL, kind),
        ))
    finally:
        receiver.stop()
    return rows


def _downgrades(
    server: Server, database_url: str, kind: str, count: int, spread_file: str, seconds: float, floor: bool
) -> list[Row]:
    """The 10,000-agent downgrade against 50 single adds and, on PostgreSQL,
    against its floor: the same statements run by the database alone."""
    rows = []
    cuts = asyncio.run(seed_accounts(server.url, DOWNGRADES, sell_seats=10))
    floors = asyncio.run(seed_accounts(server.url, DOWNGRADES, sell_seats=10)) if floor else []
    for account_id, _ in cuts + floors:
        asyncio.run(seed_agents(database_url, account_id, count))
    single = wrk(server.url, "post_agents.lua", min(seconds, 3), connections=1,
                 BENCH_TARGETS=spread_file, BENCH_RUN="1")
    # One downgrade is at the mercy of a checkpoint or an autovacuum that
    # happens to run beside it (one of three took twice as long as the
    # others in a trial), so three accounts are cut and the median counts.
    # Where its time goes: the worker's CPU and the database's (every
    # PostgreSQL process, so WAL writing counts too), from /proc. Each
    # downgrade is followed by its floor, so both meet the machine alike.
    database = postgres_pids() if kind == "postgresql" else []
    runs: list[tuple[float, int, float, float]] = []
    floor_runs: list[tuple[float, int]] = []
    for n, (account_id, key) in enumerate(cuts):
        before = cpu_ms(server.pids()), cpu_ms(database)
        took, demoted = timed_downgrade(server.url, account_id, key)
        time.sleep(0.2)  # the WAL writer's share lands just after the commit
        runs.append((took, demoted, cpu_ms(server.pids()) - before[0], cpu_ms(database) - before[1]))
        if floors:
            floor_runs.append(asyncio.run(timed_floor(database_url, floors[n][0], count)))
            time.sleep(0.2)
    took, demoted, worker_cpu, database_cpu = sorted(runs)[len(runs) // 2]
    fifty = 50 * single.p50_ms / 1000
    each = ", ".join(f"{run[0] * 1000:,.0f}" for run in runs)
    rows.append(Row(
        f"{kind}: seat change downgrading {demoted:,} agents (median of {len(runs)})",
        f"{took * 1000:,.0f} ms ({each}) vs 50 adds {fifty * 1000:,.0f} ms",
        f"{took / fifty:.2f}", "< 1.00", _met(took < fifty, kind),
    ))
    if database:
        rows.append(Row(
            f"{kind}: ... CPU the median downgrade used",
            f"worker {worker_cpu:,.0f} ms, PostgreSQL {database_cpu:,.0f} ms",
            f"{database_cpu / 1000 / fifty:.2f}", "PostgreSQL's share alone vs 50 adds",
        ))
    if floor_runs:
        assert all(n == demoted for _, n in floor_runs), (floor_runs, demoted)
        # Each downgrade against the floor run right after it, which met the
        # machine in the same state; the pair whose ratio is the median shown.
        pairs = sorted(((run[0], floor_run[0]) for run, floor_run in zip(runs, floor_runs, strict=True)),
                       key=lambda pair: pair[0] / pair[1])
        took, floor_took = pairs[len(pairs) // 2]
        each = ", ".join(f"{a / b:.2f}" for a, b in pairs)
        rows.append(Row(
            f"{kind}: seat change downgrading {demoted:,} agents vs its floor (median of {len(pairs)} pairs)",
            f"{took * 1000:,.0f} ms vs the same statements alone {floor_took * 1000:,.0f} ms (ratios {each})",
            f"{took / floor_took:.2f}", "<= 1.50", _met(took <= 1.5 * floor_took, kind),
        ))
    return rows


ROUNDS = 7  # rounds behind each ratio of two servers; odd, for a median


def _workers_and_metrics(database_url: str, spread_file: str, seconds: float) -> list[Row]:
    """Two workers against one, and metrics off against on. The three servers
    run side by side, idle but for the one being measured, and take turns in
    short runs, seven rounds of them; each ratio is the median of the rounds'.
    On a shared 2-core machine throughput drifts by 10-30 % within a minute, and
    now and then one measurement falls far off: back to back, both sides of a
    ratio meet the machine in the same state, and the median drops the odd one."""
    servers: dict[str, Server] = {}

    def reads(name: str, run: float) -> float:
        server = servers[name]
        return wrk(server.url, "get_subscription.lua", run, connections=32 * server.workers,
                   BENCH_TARGETS=spread_file).rps

    try:
        # Started one by one inside the try: one that fails to start leaves
        # none of the others running.
        servers["without"] = Server(database_url, SEATKEEPER_METRICS="false")
        servers["one"] = Server(database_url)
        servers["two"] = Server(database_url, workers=2)
        for name in servers:
            reads(name, 1)  # every worker's pool open and statements prepared
        rounds = []
        for _ in range(ROUNDS):
            turn = {name: reads(name, max(seconds / 2, 1)) for name in servers}
            rounds.append((turn["one"], turn["without"], turn["two"]))
    finally:
        for server in servers.values():
            server.stop()
    # Each row shows the round whose ratio is the median.
    middle = ROUNDS // 2
    with_metrics, without, _ = sorted(rounds, key=lambda r: r[0] / r[1])[middle]
    one, _, two = sorted(rounds, key=lambda r: r[2] / r[0])[middle]
    scaling = ", ".join(f"{r[2] / r[0]:.2f}" for r in rounds)
    return [
        Row("postgresql: GET subscription with /metrics instrumentation vs without",
            f"{with_metrics:,.0f} vs {without:,.0f} req/s (median of {ROUNDS} rounds)",
            f"{with_metrics / without:.2f}", "metrics cost (with / without)"),
        Row("postgresql: GET subscription, 2 workers vs 1",
            f"{two:,.0f} vs {one:,.0f} req/s (median of {ROUNDS} rounds: {scaling})", f"{two / one:.3f}",
            ">= 1.60", _met(two >= 1.6 * one, "postgresql")),
    ]


PROCESSES = (1, 2, 4)
REPLICA_ROUNDS = 3  # rounds behind each replica ratio; odd, for a median
# Each replica's connections (SEATKEEPER_DB_CONNECTIONS): 4 x 6 stay well
# inside a shared server's max_connections; 32 wrk connections over the
# processes never wait for more.
REPLICA_BUDGET = os.environ.get("BENCH_DB_CONNECTIONS", "6")


def replica_rows(kind: str, database_url: str, targets: str, seconds: float) -> list[Row]:
    """Throughput of 1, 2 and 4 `seatkeeper serve` processes, each on a port
    of its own with one worker (replicas, not --workers), wrk's four threads
    spread over them round robin (bench/lua/replicas.lua), as ratios of one
    process. The four run throughout, idle but for those measured; the rounds
    take 1, 2, 4 back to back and each ratio is the median of its rounds'."""
    servers: list[Server] = []
    try:
        for _ in range(max(PROCESSES)):
            servers.append(Server(database_url, SEATKEEPER_DB_CONNECTIONS=REPLICA_BUDGET))
        run = max(seconds / 2, 1)

        def measure(script: str, count: int, tag: str) -> WrkResult:
            ports = " ".join(str(server.port) for server in servers[:count])
            return wrk(servers[0].url, "replicas.lua", run, connections=32, threads=4,
                       BENCH_SCRIPT=script, BENCH_PORTS=ports, BENCH_TARGETS=targets,
                       BENCH_RUN=tag)

        rows = []
        for label, script in (("GET subscription", "get_subscription.lua"),
                              ("POST agents", "post_agents.lua")):
            for count in PROCESSES:  # every process's pools open, statements prepared
                measure(script, count, f"warm{count}")
            # Where one process's requests spend CPU: its own, and that of the
            # database backends serving this database (on Citus the
            # coordinator's only), for the arithmetic in docs/scaling.md.
            backends = database_backends(database_url)
            before = cpu_ms(servers[0].pids()), cpu_ms(backends)
            one = measure(script, 1, "cpu")
            served = one.rps * round(run)
            app_cpu = (cpu_ms(servers[0].pids()) - before[0]) / served
            db_cpu = (cpu_ms(backends) - before[1]) / served
            rows.append(Row(
                f"{kind}: {label}, CPU per request, 1 process",
                f"app {app_cpu:.2f} ms, database backends {db_cpu:.2f} ms ({one.rps:,.0f} req/s)",
                f"{db_cpu / app_cpu:.2f}", "database / app",
            ))
            rounds = []
            for n in range(REPLICA_ROUNDS):
                turn = {count: measure(script, count, f"p{n}x{count}") for count in PROCESSES}
                assert all(r.counts.get("other", 0) == 0 for r in turn.values()), turn
                rounds.append({count: result.rps for count, result in turn.items()})
            alone = sorted(r[1] for r in rounds)
            rows.append(Row(f"{kind}: {label}, 1 process",
                            f"{alone[REPLICA_ROUNDS // 2]:,.0f} req/s (median of {REPLICA_ROUNDS} "
                            "rounds: " + ", ".join(f"{r:,.0f}" for r in alone) + ")", "1.00"))
            for count in PROCESSES[1:]:
                ratios = sorted(r[count] / r[1] for r in rounds)
                middle = sorted(rounds, key=lambda r: r[count] / r[1])[REPLICA_ROUNDS // 2]
                rows.append(Row(
                    f"{kind}: {label}, {count} processes vs 1",
                    f"{middle[count]:,.0f} vs {middle[1]:,.0f} req/s (rounds: "
                    + ", ".join(f"{r:.2f}" for r in ratios) + ")",
                    f"{ratios[REPLICA_ROUNDS // 2]:.2f}", "scaling (no goal: 2 cores)",
                ))
        return rows
    finally:
        for server in servers:
            server.stop()


def database_backends(database_url: str) -> list[int]:
    """The server processes connected to this database now (the pools are open)."""
    name = database_url.rsplit("/", 1)[1]
    found = subprocess.run(
        ["psql", database_url, "-Atc",
         f"SELECT pid FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    return [int(pid) for pid in found]


def _psql(url: str, *commands: str) -> str:
    """psql -c for each command, in one session; its stderr in the error if one fails."""
    done = subprocess.run(
        ["psql", url, "-Atq", "-v", "ON_ERROR_STOP=1", *(a for c in commands for a in ("-c", c))],
        capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"psql {url}: {done.stderr.strip()}")
    return done.stdout


def citus_database(coordinator: str) -> str:
    """A database of this run's own on the Citus cluster of `coordinator`,
    made a cluster of the same nodes (the extension in it on every node, the
    workers added)."""
    name = f"{bench_database_name()}_citus"
    # One session, one statement each: CREATE DATABASE refuses a transaction
    # block, and the setting must reach it.
    _psql(coordinator, CITUS_PROPAGATE, f'CREATE DATABASE "{name}"')
    base = coordinator.rsplit("/", 1)[0]
    host, port = base.rsplit("@", 1)[1].split(":")
    workers = _citus_workers(coordinator)
    for worker_host, worker_port in workers:
        _psql(f"postgresql://postgres@{worker_host}:{worker_port}/{name}",
              "CREATE EXTENSION IF NOT EXISTS citus")
    _psql(f"{base}/{name}", "CREATE EXTENSION IF NOT EXISTS citus",
          f"SELECT citus_set_coordinator_host('{host}', {port})",
          *(f"SELECT citus_add_node('{h}', {p})" for h, p in workers))
    return f"{base}/{name}"


CITUS_PROPAGATE = "SET citus.enable_create_database_propagation TO on"


def _citus_workers(coordinator: str) -> list[tuple[str, str]]:
    nodes = _psql(coordinator, "SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0")
    return [(node.split("|")[0], node.split("|")[1]) for node in nodes.split()]


def drop_citus_database(coordinator: str, database_url: str) -> None:
    """Drop a database citus_database made, on every node. FORCE ends the
    sessions on the coordinator only: the connections it keeps open to the
    workers would make them refuse, so those are ended first."""
    name = database_url.rsplit("/", 1)[1]
    for host, port in _citus_workers(coordinator):
        _psql(f"postgresql://postgres@{host}:{port}/postgres",
              f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{name}'")
    _psql(coordinator, CITUS_PROPAGATE, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def citus_pass(coordinator: str, seconds: float, accounts: int) -> list[Row]:
    """The replica rows on a Citus cluster: migrated (the migrations distribute
    the tables where they can), seeded through the API, measured as above;
    its database and directory removed at the end."""
    workdir = Path(tempfile.mkdtemp(prefix="seatkeeper-bench-citus-"))
    try:
        database_url = citus_database(coordinator)
        try:
            subprocess.run([str(BIN / "seatkeeper"), "migrate"], check=True,
                           env={**os.environ, "SEATKEEPER_DATABASE_URL": database_url})
            distributed = _psql(
                database_url,
                "SELECT count(*) FROM citus_tables WHERE citus_table_type = 'distributed'",
            ).strip()
            targets = _seeded_targets(database_url, accounts, workdir)
            rows = [Row("citus: tables distributed by the migrations", distributed)]
            return rows + replica_rows("citus", database_url, targets, seconds)
        finally:
            drop_citus_database(coordinator, database_url)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _seeded_targets(database_url: str, accounts: int, workdir: Path) -> str:
    """Accounts with room for many agents, and their owner keys, for wrk."""
    server = Server(database_url)
    try:
        seeded = asyncio.run(seed_accounts(server.url, accounts, sell_seats=1000))
    finally:
        server.stop()
    return write_targets(seeded, workdir, "replicas")


def _bare_rss(seconds: float) -> float:
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "uvicorn"), "bare_app:app", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT / "bench", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        wrk(f"http://127.0.0.1:{port}", "get_path.lua", min(seconds, 3), BENCH_PATH="/healthz", BENCH_KEY="")
        return _rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _ratio_row(name: str, result: WrkResult, ceiling: WrkResult, goal: float, kind: str) -> Row:
    ratio = result.rps / ceiling.rps
    return Row(name, f"{result.rps:,.0f} req/s", f"{ratio:.3f}", f">= {goal}", _met(ratio >= goal, kind))


def _met(ok: bool, kind: str) -> str:
    if kind != "postgresql":
        return "(informative)"
    return "yes" if ok else "NO"


def render(rows: list[Row], command: str, seconds: float) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    lines = [
        "# Performance",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `{command}` on {os.cpu_count()} cores "
        f"({cpu}), Python {platform.python_version()}, one uvicorn worker unless stated, "
        f"`wrk -t1 -c32 -d{seconds:g}s` (the rows of 1, 2 and 4 processes: `wrk -t4 -c32 "
        f"-d{max(seconds / 2, 1):g}s` spread over them), PostgreSQL on 127.0.0.1. Goals apply to PostgreSQL; "
        "every ratio is against the same server's `GET /healthz`, measured in the same run.",
        "",
        "| measurement | figure | ratio | goal | met |",
        "|---|---:|---:|---:|:---:|",
    ]
    lines += [f"| {r.name} | {r.value} | {r.ratio} | {r.goal} | {r.met} |" for r in rows]
    return "\n".join(lines) + "\n"


KEPT = "<!-- make bench keeps what follows this line -->"


def _kept(output: Path) -> str:
    """The hand-written part of the file below the table, which a run keeps."""
    old = output.read_text(encoding="utf-8") if output.exists() else ""
    return "\n" + old[old.index(KEPT) :] if KEPT in old else ""


def _only_replicas(seconds: float, accounts: int) -> list[Row]:
    """The replica rows alone on PostgreSQL, on a database and a directory of
    their own, both removed at the end."""
    workdir = Path(tempfile.mkdtemp(prefix="seatkeeper-bench-replicas-"))
    try:
        database_url = fresh_database("postgresql", workdir)
        try:
            subprocess.run([str(BIN / "seatkeeper"), "migrate"], check=True,
                           env={**os.environ, "SEATKEEPER_DATABASE_URL": database_url})
            targets = _seeded_targets(database_url, accounts, workdir)
            return replica_rows("postgresql", database_url, targets, seconds)
        finally:
            drop_database(database_url)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--big", type=int, default=100_000, help="agents on the large account")
    parser.add_argument("--downgrade", type=int, default=10_000, help="agents a seat change downgrades")
    parser.add_argument("--sync", type=int, default=10_000, help="agents a bulk sync adds")
    parser.add_argument("--smoke", action="store_true", help="a few seconds, small data: does it still work")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--citus", default=os.environ.get("BENCH_CITUS"),
                        help="a Citus coordinator's URL: measure the replica rows there too")
    parser.add_argument("--only-replicas", action="store_true",
                        help="only the rows of 1, 2 and 4 processes (PostgreSQL, and Citus if given)")
    parser.add_argument(
        "--only", default="",
        help=f"comma-separated rows to run, of {', '.join(ONLY)} or steps {', '.join(STEPS)} "
        "(both passes); prints, never rewrites the table",
    )
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.accounts, args.big, args.downgrade, args.sync = 1, 20, 200, 100, 100
    if shutil.which("wrk") is None or shutil.which("curl") is None:
        print("bench: wrk or curl is missing (make bench installs them)", file=sys.stderr)
        return 2
    command = "make bench" + (" (smoke)" if args.smoke else "")
    # SIGTERM unwinds like Ctrl-C, so each pass drops its database and files.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    passes = {"postgresql": set(STEPS), "sqlite": set(STEPS) - {"floor", "rss", "workers"}}
    if args.only or args.only_replicas:
        passes = {"postgresql": set(), "sqlite": set()}
        for name in filter(None, args.only.split(",")):
            if name in ONLY:
                kind, steps = ONLY[name]
                passes[kind] |= steps
            elif name in STEPS:
                passes["postgresql"].add(name)
                passes["sqlite"].add(name)
            else:
                parser.error(f"--only: no row or step {name!r}")
    rows = []
    if args.only_replicas:
        command = "bench/run.py --only-replicas" + (f" --citus {args.citus}" if args.citus else "")
        rows += _only_replicas(args.seconds, args.accounts)
    if passes["postgresql"]:
        rows += run_pass("postgresql", args.seconds, args.accounts, args.big, args.downgrade, args.sync,
                         full=not args.smoke, steps=passes["postgresql"])
    if args.citus:
        try:
            rows += citus_pass(args.citus, args.seconds, min(args.accounts, 200))
        except Exception as exc:  # the other figures are still worth writing
            rows.append(Row("citus pass", f"failed: {type(exc).__name__}: {exc}"))
    if passes["sqlite"] and not args.no_sqlite:
        try:
            rows += run_pass("sqlite", args.seconds, min(args.accounts, 200), min(args.big, 20_000),
                             args.downgrade, args.sync, full=False, steps=passes["sqlite"])
        except Exception as exc:  # the PostgreSQL figures are still worth writing
            rows.append(Row("sqlite pass", f"failed: {type(exc).__name__}: {exc}"))
    table = render(rows, command, args.seconds)
    print(table)
    if not args.smoke and not args.only:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(table + _kept(args.output), encoding="utf-8")
    missed = [r for r in rows if r.met == "NO"]
    return 1 if args.smoke and missed and any("no seat sold twice" == r.goal for r in missed) else 0


if __name__ == "__main__":
    sys.exit(main())
