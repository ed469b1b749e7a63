"""A private, throw-away PostgreSQL server for tests that stop and start it.

Never the shared server on 5432: the cluster lives in a temporary directory, on
a free port, with its socket in that directory, and every pg_ctl call names that
directory. PostgreSQL refuses to run as root, so as root the binaries run as the
`postgres` OS user (runuser), which then owns the directory.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.faults.pg_bin import MISSING, find_pg_bin
from tests.servers import free_port

PG_BIN = find_pg_bin()


def pg_bin() -> Path:
    if PG_BIN is None:
        pytest.fail(MISSING, pytrace=False)
    return PG_BIN


OS_USER = "postgres"
DATABASE = "seatkeeper"


class PrivatePostgres:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.log = root / "postgres.log"
        self.port = 0

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def run(self, tool: str, *args: str, timeout: float = 60) -> str:
        command = [str(pg_bin() / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OS_USER, "--", *command]
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=self.root, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{tool} {' '.join(args)} failed ({done.returncode}):\n"
                f"{done.stdout}{done.stderr}\n{self.log_tail()}"
            )
        return done.stdout

    def initdb(self) -> None:
        self.run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-sync",
        )

    def start(self) -> None:
        """Start the server and return once it accepts connections."""
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "30",
            "-o",
            options,
            "start",
        )

    def stop(self, mode: str = "immediate") -> None:
        """Stop the server (`immediate` is a crash: no checkpoint, recovery on start)."""
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def ensure_stopped(self) -> None:
        """Best effort, for clean-up: pg_ctl first, then this cluster's own postmaster."""
        pid = self.postmaster_pid()
        if pid is None:
            return
        with contextlib.suppress(Exception):
            self.stop("immediate")
        pid = self.postmaster_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGQUIT)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and _alive(pid):
                time.sleep(0.05)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    """An initialised, running cluster with an empty database `seatkeeper`."""
    pg_bin()  # fail in one line, before making anything
    # Not pytest's tmp_path: its parent is private to root, and postgres must reach the cluster.
    root = Path(tempfile.mkdtemp(prefix="seatkeeper-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam(OS_USER)
        os.chown(root, user.pw_uid, user.pw_gid)
    server = PrivatePostgres(root)
    try:
        server.initdb()
        for attempt in range(3):  # another process may take the free port first
            server.port = free_port()
            try:
                server.start()
                break
            except RuntimeError:
                if attempt == 2:
                    raise
        server.run(
            "createdb", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", DATABASE
        )
        yield server
    finally:
        server.ensure_stopped()
        shutil.rmtree(root, ignore_errors=True)
