"""Real server processes on 127.0.0.1, for tests that need more than one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

SEATKEEPER = str(Path(sys.executable).with_name("seatkeeper"))


def clean_env(**env: str) -> dict[str, str]:
    """This process's environment without its SEATKEEPER_* settings, plus `env`:
    a test's server sees only the settings the test gives it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SEATKEEPER_")}
    return {**clean, **env}


def run_seatkeeper(
    args: list[str], cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run a `seatkeeper` command to its end, with its output captured."""
    command = [SEATKEEPER, *args]
    return subprocess.run(
        command, cwd=cwd, env=clean_env(**env), capture_output=True, text=True, timeout=60
    )


def free_port() -> int:
    """A port nothing listens on now. Under pytest-xdist each worker takes only
    ports of its own class (port // 2 % workers == its number; Linux hands out
    ports of one parity for bind, so not port % workers): between this call
    and the server binding the port, another worker of the run could be handed
    the same one, and two `serve --workers N` on one port would share it
    (SO_REUSEPORT) instead of failing."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    mine = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0
    for _ in range(1000):  # each try lands in this worker's class about 1/workers of the time
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if workers <= 1 or port // 2 % workers == mine:
            return port
    return port  # a kernel that never offers this class: take the last one


@contextmanager
def running_server(database_url: str, admin_key: str, **env: str) -> Iterator[str]:
    """Start `seatkeeper serve` and yield its base URL once it is ready."""
    with server_process(database_url, admin_key, **env) as (base, _):
        yield base


@contextmanager
def server_process(
    database_url: str, admin_key: str, *args: str, **env: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`seatkeeper serve *args`, its base URL and process once it is ready."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    process = subprocess.Popen(
        [SEATKEEPER, "serve", *args],
        env=clean_env(
            SEATKEEPER_DATABASE_URL=database_url,
            SEATKEEPER_BOOTSTRAP_ADMIN_KEY=admin_key,
            SEATKEEPER_PORT=str(port),
            SEATKEEPER_LOG_LEVEL="warning",
            **env,
        ),
        stdout=subprocess.DEVNULL,
        # A file, not a pipe: nobody reads a pipe while the server runs, and a
        # server that logs enough would block on a full one.
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"server exited: {log.read().decode(errors='replace')}")
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not become ready")
            time.sleep(0.1)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextmanager
def running_servers(count: int, database_url: str, admin_key: str) -> Iterator[list[str]]:
    with ExitStack() as stack:
        yield [stack.enter_context(running_server(database_url, admin_key)) for _ in range(count)]
