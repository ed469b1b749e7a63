"""`make bench` leaves nothing behind: a database of its own, dropped at the
end, and its files (API keys among them) in a directory it removes, however
the pass ends (bench/run.py)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import make_url

from tests.conftest import POSTGRES_URL

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """bench/run.py, a script rather than a package, loaded as a module."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_each_run_names_a_database_of_its_own(bench: ModuleType) -> None:
    first, second = bench.bench_database_name(), bench.bench_database_name()
    assert first != second
    assert re.fullmatch(r"seatkeeper_bench_\d+_[0-9a-f]{8}", first)


def pass_that_fails(
    bench: ModuleType, seen: dict[str, object], failure: BaseException
) -> Callable[..., list[object]]:
    """In place of the measurements: note what the pass made, then fail."""

    def measure(kind: str, workdir: Path, database_url: str, *_: object) -> list[object]:
        seen.update(workdir=workdir, database_url=database_url)
        seen["targets"] = Path(bench.write_targets([("acct_1", "sk_secret")], workdir, "t"))
        seen["existed"] = database_exists(bench, database_url)
        raise failure

    return measure


def database_exists(bench: ModuleType, database_url: str) -> bool:
    if not database_url.startswith("postgresql"):
        return Path(database_url.removeprefix("sqlite:///")).parent.is_dir()
    name = make_url(database_url).database
    query = f"SELECT 1 FROM pg_database WHERE datname = '{name}'"
    done = subprocess.run(
        ["psql", bench.PG_ADMIN_URL, "-tAc", query],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip() == "1"


KINDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("failure", [RuntimeError("wrk failed"), KeyboardInterrupt()], ids=repr)
def test_a_pass_that_fails_or_is_interrupted_leaves_no_database_and_no_files(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, kind: str, failure: BaseException
) -> None:
    if POSTGRES_URL:
        server = make_url(POSTGRES_URL).set(drivername="postgresql", database="postgres")
        monkeypatch.setattr(bench, "PG_ADMIN_URL", server.render_as_string(hide_password=False))
    seen: dict[str, object] = {}
    monkeypatch.setattr(bench, "_measure", pass_that_fails(bench, seen, failure))
    with pytest.raises(type(failure)):
        bench.run_pass(kind, 1, 1, 1, 1, 1, full=False)
    workdir, targets = seen["workdir"], seen["targets"]
    assert isinstance(workdir, Path) and isinstance(targets, Path)
    assert targets.parent == workdir  # the keys were written there, not in /tmp itself
    assert seen["existed"] is True
    assert not workdir.exists()
    assert not database_exists(bench, str(seen["database_url"]))
