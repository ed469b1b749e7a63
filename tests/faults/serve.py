"""One `seatkeeper serve` process, with its handle, for tests that signal it or
take its database away. Its output goes to a file, not a pipe that nobody
reads: a server logging an outage must never block on a full pipe."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.servers import SEATKEEPER, clean_env, free_port, run_seatkeeper


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def seatkeeper_env(database_url: str, **env: str) -> dict[str, str]:
    return clean_env(SEATKEEPER_DATABASE_URL=database_url, **env)


def migrate(database_url: str) -> None:
    done = run_seatkeeper(["migrate"], SEATKEEPER_DATABASE_URL=database_url)
    assert done.returncode == 0, done.stdout + done.stderr


@contextmanager
def serve(database_url: str, admin_key: str, log_dir: Path, **env: str) -> Iterator[Served]:
    """Start `seatkeeper serve`, yield it once /readyz answers 200, and make sure
    it is gone afterwards (SIGTERM, then SIGKILL), whatever the test did."""
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [SEATKEEPER, "serve"],
            env=seatkeeper_env(
                database_url,
                SEATKEEPER_BOOTSTRAP_ADMIN_KEY=admin_key,
                SEATKEEPER_PORT=str(port),
                SEATKEEPER_LOG_LEVEL="warning",
                SEATKEEPER_DISPATCHER="false",
                SEATKEEPER_JOBS_INTERVAL="0",
                **env,
            ),
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
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not become ready:\n{served.log_tail()}")
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
