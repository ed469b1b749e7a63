"""A real server refuses a header section over 16 KiB before any work, and
keeps answering others while it does."""

from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ADMIN_KEY
from tests.servers import server_process

HEADER_CAP = 16 * 1024


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "headers.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def raw_request(port: int, head: bytes, filler: int) -> bytes:
    """Send `head`, then `filler` bytes of one header's value, and read the
    answer: the server may answer and close before all of it is sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(head)
            chunk = b"a" * 65536
            for _ in range(filler // len(chunk)):
                sock.sendall(chunk)
            sock.sendall(b"\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = b""
        try:
            while part := sock.recv(65536):
                answer += part
                if b"\r\n\r\n" in answer and answer.startswith(b"HTTP/1.1 431"):
                    break
        except ConnectionResetError:
            pass
        return answer


def test_a_header_section_over_16_kib_is_refused_and_health_still_answers(
    sqlite_url: str,
) -> None:
    with server_process(sqlite_url, ADMIN_KEY) as (base, _):
        port = int(base.rsplit(":", 1)[1])

        answer = raw_request(port, b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: ", 8 * 1024 * 1024)

        status_line = answer.split(b"\r\n", 1)[0]
        assert status_line in (
            b"HTTP/1.1 431 Request Header Fields Too Large",
            b"HTTP/1.1 400 Bad Request",
        ), answer[:200]
        started = time.monotonic()
        health = httpx.get(f"{base}/healthz", timeout=5)
        assert health.status_code == 200
        assert time.monotonic() - started < 1

        # Just under the cap, the same request is served.
        fitting = httpx.get(f"{base}/healthz", headers={"X-Big": "a" * (HEADER_CAP - 1024)})
        assert fitting.status_code == 200
