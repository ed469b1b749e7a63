"""npm for the tests of what is built with Node: clients/typescript and the
spec lint in openapi/. Each directory has a package-lock.json, installed with
`npm ci` when node_modules is older than it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

INSTALL_TIMEOUT = 300


def npm() -> str:
    found = shutil.which("npm")
    if found is None:
        pytest.fail(
            "npm is not on PATH: the TypeScript client and the spec lint need Node.js 20+ and npm "
            "(CI has them; install Node locally to run tests/contract)",
            pytrace=False,
        )
    return found


def run(args: list[str], cwd: Path, timeout: int, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "FORCE_COLOR": "0",
        "npm_config_update_notifier": "false",
        **extra,
    }
    return subprocess.run(
        [npm(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"


@contextlib.contextmanager
def client_lock(directory: Path) -> Iterator[None]:
    """One install/run at a time in `directory`, across pytest processes."""
    digest = hashlib.sha256(str(directory).encode()).hexdigest()[:12]
    lock_path = Path(tempfile.gettempdir()) / f"seatkeeper-ts-client-{digest}.lock"
    try:
        import fcntl
    except ImportError:  # not POSIX: no cross-process lock
        yield
        return
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def install_is_stale(directory: Path) -> bool:
    """node_modules is missing or older than package-lock.json.

    npm rewrites node_modules/.package-lock.json at the end of every install,
    so its age is the age of the install.
    """
    node_modules = directory / "node_modules"
    if not node_modules.is_dir():
        return True
    marker = node_modules / ".package-lock.json"
    installed = (marker if marker.exists() else node_modules).stat().st_mtime
    return installed < (directory / "package-lock.json").stat().st_mtime


def installed(directory: Path) -> Path:
    """node_modules of `directory`, running `npm ci` first when it is stale.

    A plain function, not a fixture, so that a missing npm fails the test
    itself (FAILED, with the message) rather than erroring in setup.
    """
    npm()
    with client_lock(directory):
        if install_is_stale(directory):
            result = run(["ci", "--no-audit", "--no-fund"], directory, INSTALL_TIMEOUT)
            assert result.returncode == 0, f"npm ci failed in {directory}\n{output(result)}"
    return directory / "node_modules"
