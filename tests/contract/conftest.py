"""A real `seatkeeper serve` for the generated clients and the example scripts."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ADMIN_KEY
from tests.servers import running_server

ROOT = Path(__file__).resolve().parents[2]
PYTHON_CLIENT = ROOT / "clients" / "python"
# The committed client, importable as `seatkeeper_client` (its drift test
# proves it is what the generator makes of the committed spec).
if str(PYTHON_CLIENT) not in sys.path:
    sys.path.insert(0, str(PYTHON_CLIENT))


@pytest.fixture
def live_server(database_url: str) -> Iterator[str]:
    """The base URL of a server on this test's database, bootstrap key ADMIN_KEY;
    no background loops, so that only the test's requests change anything."""
    with running_server(
        database_url,
        ADMIN_KEY,
        SEATKEEPER_DB_POOL_SIZE="2",
        SEATKEEPER_DISPATCHER="false",
        SEATKEEPER_JOBS_INTERVAL="0",
        SEATKEEPER_METRICS="false",
    ) as base:
        yield base
