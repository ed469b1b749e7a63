"""Where the PostgreSQL server binaries are, for the fault tests' private servers.

Looked for in order: SEATKEEPER_TEST_PG_BIN, `pg_config --bindir`, the
directory of `pg_ctl` on PATH, the newest /usr/lib/postgresql/*/bin (Debian's
layout). `python -m tests.faults.pg_bin` prints the directory, or one line
saying what is missing and exits 1: `make test` asks it first, so a machine
without them fails at once rather than at the fault tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

TOOLS = ("initdb", "pg_ctl")
MISSING = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found in SEATKEEPER_TEST_PG_BIN, "
    "`pg_config --bindir`, PATH or /usr/lib/postgresql/*/bin; the fault tests need them: "
    "install the PostgreSQL server (Debian: apt-get install postgresql) or set "
    "SEATKEEPER_TEST_PG_BIN to their directory (`make test-fast` needs none)"
)


def find_pg_bin() -> Path | None:
    for candidate in _candidates():
        if all((candidate / tool).is_file() for tool in TOOLS):
            return candidate
    return None


def _candidates() -> list[Path]:
    configured = os.environ.get("SEATKEEPER_TEST_PG_BIN")
    if configured:
        return [Path(configured)]  # named: no second guess
    found: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        done = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False, timeout=10
        )
        if done.returncode == 0 and done.stdout.strip():
            found.append(Path(done.stdout.strip()))
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is not None:
        found.append(Path(pg_ctl).resolve().parent)
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = [p for p in debian.iterdir() if p.name.isdigit()]
        found.extend(p / "bin" for p in sorted(versions, key=lambda p: int(p.name), reverse=True))
    return found


if __name__ == "__main__":
    where = find_pg_bin()
    if where is None:
        print(f"seatkeeper tests: {MISSING}", file=sys.stderr)
        sys.exit(1)
    print(where)
