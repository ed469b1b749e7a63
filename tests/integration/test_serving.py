"""`seatkeeper serve --workers 2`: connections opened in one burst are spread
over both workers, also after a worker is replaced, and SIGTERM stops it all."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.conftest import ADMIN_KEY
from tests.servers import free_port, run_seatkeeper, server_process

WORKERS = 2
CONNECTIONS = 64
# Each connection picks a worker by its address hash: fewer than 10 of 64 on
# one worker has a chance of about 1 in 10^8. With one socket shared by the
# workers, the first one awake took all 64 in 2 runs of 5.
AT_LEAST = 10
ESTABLISHED, LISTENING = "01", "0A"  # states in /proc/net/tcp


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "serving.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.mark.slow
def test_a_burst_of_connections_is_spread_over_the_workers(sqlite_url: str) -> None:
    with server_process(sqlite_url, ADMIN_KEY, "--workers", str(WORKERS)) as (base, server):
        port = int(base.rsplit(":", 1)[1])
        held = connections_per_worker(port, workers_of(server.pid, port))
        assert sum(held.values()) == CONNECTIONS
        assert min(held.values()) >= AT_LEAST, held

        # A worker that dies takes its socket with it; its replacement listens
        # on a socket of its own, and the spread holds again.
        killed = min(held)
        os.kill(killed, signal.SIGKILL)
        replaced = workers_of(server.pid, port, without=killed)
        held = connections_per_worker(port, replaced)
        assert killed not in held
        assert sum(held.values()) == CONNECTIONS
        assert min(held.values()) >= AT_LEAST, held

        server.terminate()
        assert server.wait(timeout=30) == 0


@pytest.mark.parametrize("workers", [1, WORKERS])
def test_a_taken_port_stops_start_up_with_a_line_naming_it(sqlite_url: str, workers: int) -> None:
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = run_seatkeeper(
            ["serve", "--workers", str(workers)],
            SEATKEEPER_DATABASE_URL=sqlite_url,
            SEATKEEPER_PORT=str(port),
        )
    assert result.returncode != 0
    assert f"{port}" in result.stderr and "in use" in result.stderr
    assert "Traceback" not in result.stderr


def workers_of(parent: int, port: int, *, without: int | None = None) -> list[int]:
    """The parent's WORKERS processes that listen on the port (multiprocessing
    starts a resource tracker beside them), once all have started."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        listening = _inodes_on(port, LISTENING)
        workers = [
            int(pid)
            for pid in children
            if int(pid) != without and _socket_inodes(int(pid)) & listening
        ]
        if len(workers) == WORKERS:
            return workers
        time.sleep(0.1)
    raise AssertionError(f"{WORKERS} workers of {parent} did not start")


def connections_per_worker(port: int, workers: list[int]) -> Counter[int]:
    """Open CONNECTIONS at once, answer a request on each, and count which
    worker holds each one (the socket inodes each process has open, against
    the kernel's table of established connections on the port)."""
    with _connections(port) as clients:
        for client in clients:
            client.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        for client in clients:
            assert client.recv(4096).startswith(b"HTTP/1.1 200")
        established = _inodes_on(port, ESTABLISHED)
        return Counter({pid: len(_socket_inodes(pid) & established) for pid in workers})


@contextmanager
def _connections(port: int) -> Iterator[list[socket.socket]]:
    with ExitStack() as stack:
        clients = []
        for _ in range(CONNECTIONS):
            client = stack.enter_context(socket.create_connection(("127.0.0.1", port)))
            client.settimeout(30)
            clients.append(client)
        yield clients


def _socket_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except FileNotFoundError:
        return inodes  # the process has exited
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed while we looked
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    return inodes


def _inodes_on(port: int, state: str) -> set[str]:
    """Inodes of the sockets on `port` in `state`, from the kernel's table."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].rsplit(":", 1)[1], 16)
        if local_port == port and fields[3] == state:
            inodes.add(fields[9])
    return inodes
