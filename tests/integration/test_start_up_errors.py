"""A command that cannot use its database says so in one line, `seatkeeper:
<problem>; <fix>`, exits 2, and leaves nothing behind (app/db/startup_checks.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.db.startup_checks import removing_new_sqlite_file
from tests.conftest import POSTGRES_URL
from tests.servers import free_port, run_seatkeeper

NEED_A_MIGRATED_DATABASE = [["serve"], ["dispatch"], ["jobs", "run"], ["create-admin-key"]]


def assert_stopped_with(result: subprocess.CompletedProcess[str], line: str) -> None:
    assert (result.returncode, result.stderr, result.stdout) == (2, line + "\n", "")


@pytest.mark.parametrize("command", NEED_A_MIGRATED_DATABASE, ids=" ".join)
def test_a_sqlite_database_never_migrated_is_named_and_no_file_is_left(
    tmp_path: Path, command: list[str]
) -> None:
    result = run_seatkeeper(command, tmp_path)
    assert_stopped_with(
        result,
        f"seatkeeper: the database {tmp_path / 'seatkeeper.db'} is not migrated; "
        "run `seatkeeper migrate`",
    )
    assert list(tmp_path.iterdir()) == []


def test_an_empty_sqlite_file_is_not_migrated_either_and_is_kept(tmp_path: Path) -> None:
    database = tmp_path / "seatkeeper.db"
    database.touch()
    result = run_seatkeeper(["serve"], tmp_path)
    assert_stopped_with(
        result, f"seatkeeper: the database {database} is not migrated; run `seatkeeper migrate`"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["seatkeeper.db"]


@pytest.mark.parametrize("command", [["migrate"], *NEED_A_MIGRATED_DATABASE], ids=" ".join)
def test_a_missing_sqlite_directory_is_named_and_nothing_is_created(
    tmp_path: Path, command: list[str]
) -> None:
    result = run_seatkeeper(
        command, tmp_path, SEATKEEPER_DATABASE_URL=f"sqlite:///{tmp_path}/no/such/dir/sk.db"
    )
    assert_stopped_with(
        result,
        f"seatkeeper: the directory {tmp_path}/no/such/dir for the SQLite database does not "
        "exist; create it, or set SEATKEEPER_DATABASE_URL to a file in an existing directory",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["migrate"], ["serve"]], ids=" ".join)
def test_an_unreachable_postgresql_is_named_with_its_address(
    tmp_path: Path, command: list[str]
) -> None:
    port = free_port()  # nothing listens on it
    result = run_seatkeeper(
        command, tmp_path, SEATKEEPER_DATABASE_URL=f"postgresql://postgres@127.0.0.1:{port}/sk"
    )
    assert_stopped_with(
        result,
        f"seatkeeper: cannot reach PostgreSQL at 127.0.0.1:{port} (connection refused); "
        "start it, or fix SEATKEEPER_DATABASE_URL",
    )
    assert list(tmp_path.iterdir()) == []


def test_migrate_removes_a_sqlite_file_it_created_and_could_not_migrate(tmp_path: Path) -> None:
    database = tmp_path / "sk.db"
    with pytest.raises(RuntimeError), removing_new_sqlite_file(f"sqlite+aiosqlite:///{database}"):
        database.write_bytes(b"half")
        database.with_name("sk.db-wal").write_bytes(b"half")
        raise RuntimeError("the migration failed")
    assert list(tmp_path.iterdir()) == []


def test_migrate_keeps_a_sqlite_file_that_was_there_before(tmp_path: Path) -> None:
    database = tmp_path / "sk.db"
    database.write_bytes(b"theirs")
    with pytest.raises(RuntimeError), removing_new_sqlite_file(f"sqlite+aiosqlite:///{database}"):
        raise RuntimeError("the migration failed")
    assert database.read_bytes() == b"theirs"


if POSTGRES_URL:  # like every PostgreSQL case: run when the suite has a server

    @pytest.mark.parametrize("command", [["migrate"], ["serve"]], ids=" ".join)
    def test_a_missing_postgresql_database_is_named_with_the_command_that_creates_it(
        tmp_path: Path, command: list[str]
    ) -> None:
        server = make_url(POSTGRES_URL)
        name = f"sk_never_created_{os.getpid()}"
        url = server.set(database=name).render_as_string(hide_password=False)
        result = run_seatkeeper(command, tmp_path, SEATKEEPER_DATABASE_URL=url)
        port = server.port or 5432
        assert_stopped_with(
            result,
            f'seatkeeper: database "{name}" does not exist on {server.host}:{port}; create it '
            f"(createdb -h {server.host} -p {port} -U {server.username} {name}), "
            "or fix SEATKEEPER_DATABASE_URL",
        )

    def test_serve_on_a_postgresql_database_never_migrated_names_it(tmp_path: Path) -> None:
        server = make_url(POSTGRES_URL)
        # The maintenance database: it exists on every server and nothing migrates it.
        url = server.set(database="postgres").render_as_string(hide_password=False)
        result = run_seatkeeper(["serve"], tmp_path, SEATKEEPER_DATABASE_URL=url)
        assert_stopped_with(
            result,
            f'seatkeeper: the database "postgres" on {server.host}:{server.port or 5432} is not '
            "migrated; run `seatkeeper migrate`",
        )
