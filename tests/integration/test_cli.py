"""The `seatkeeper` command as an operator uses it: from any directory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

SEATKEEPER = str(Path(sys.executable).with_name("seatkeeper"))


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SEATKEEPER_")}
    return subprocess.run(
        [SEATKEEPER, *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SEATKEEPER_PORT", "eighty"),
        ("SEATKEEPER_DATABASE_URL", "mysql://root@localhost/x"),
        ("SEATKEEPER_LOG_LEVEL", "chatty"),
        ("SEATKEEPER_CATALOG_FILE", "/no/such/catalog.json"),
        ("SEATKEEPER_BOOTSTRAP_ADMIN_KEY", "short"),
    ],
)
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(
    tmp_path: Path, variable: str, value: str
) -> None:
    result = run(["serve"], tmp_path, **{variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_a_malformed_catalog_file_is_named_too(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text('{"products": [{"code": "a"}]}')
    result = run(["serve"], tmp_path, SEATKEEPER_CATALOG_FILE=str(catalog))
    assert result.returncode == 2
    assert "SEATKEEPER_CATALOG_FILE" in result.stderr


def test_migrate_then_serve_from_another_directory(tmp_path: Path) -> None:
    database = tmp_path / "data" / "seatkeeper.db"
    database.parent.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    port = free_port()
    env = {
        "SEATKEEPER_DATABASE_URL": f"sqlite:///{database}",
        "SEATKEEPER_HOST": "127.0.0.1",
        "SEATKEEPER_PORT": str(port),
        "SEATKEEPER_BOOTSTRAP_ADMIN_KEY": "cli-test-admin-key-000",
    }
    migrated = run(["migrate"], elsewhere, **env)
    assert migrated.returncode == 0, migrated.stderr
    assert database.exists()

    clean = {k: v for k, v in os.environ.items() if not k.startswith("SEATKEEPER_")}
    server = subprocess.Popen(
        [SEATKEEPER, "serve"],
        cwd=elsewhere,
        env={**clean, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        catalog = None
        for _ in range(100):
            try:
                catalog = httpx.get(
                    f"http://127.0.0.1:{port}/v1/catalog",
                    headers={"Authorization": "Bearer cli-test-admin-key-000"},
                )
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert catalog is not None and catalog.status_code == 200
        assert catalog.json()["suites"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not (elsewhere / "seatkeeper.db").exists()


def test_create_admin_key_prints_a_working_secret(tmp_path: Path) -> None:
    env = {"SEATKEEPER_DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}"}
    assert run(["migrate"], tmp_path, **env).returncode == 0
    minted = run(["create-admin-key"], tmp_path, **env)
    assert minted.returncode == 0, minted.stderr
    assert minted.stdout.strip().startswith("sk_")
