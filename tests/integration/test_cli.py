"""The `seatkeeper` command as an operator uses it: from any directory."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.servers import SEATKEEPER, clean_env, free_port, run_seatkeeper


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
    result = run_seatkeeper(["serve"], tmp_path, **{variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr


def test_a_malformed_catalog_file_is_named_too(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text('{"products": [{"code": "a"}]}')
    result = run_seatkeeper(["serve"], tmp_path, SEATKEEPER_CATALOG_FILE=str(catalog))
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
    migrated = run_seatkeeper(["migrate"], elsewhere, **env)
    assert migrated.returncode == 0, migrated.stderr
    assert database.exists()

    server = subprocess.Popen(
        [SEATKEEPER, "serve"],
        cwd=elsewhere,
        env=clean_env(**env),
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
        _, logs = server.communicate(timeout=30)
    assert not (elsewhere / "seatkeeper.db").exists()
    # uvicorn's own lines come through as JSON, without its console colours.
    lines = [json.loads(line) for line in logs.decode().splitlines()]
    assert any(line["message"].startswith("Uvicorn running on") for line in lines)
    assert not [line for line in lines if "color_message" in line]
    assert b"\x1b" not in logs


def test_create_admin_key_prints_a_working_secret(tmp_path: Path) -> None:
    env = {"SEATKEEPER_DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}"}
    assert run_seatkeeper(["migrate"], tmp_path, **env).returncode == 0
    minted = run_seatkeeper(["create-admin-key"], tmp_path, **env)
    assert minted.returncode == 0, minted.stderr
    assert minted.stdout.strip().startswith("sk_")
