"""Faults at one chosen moment of a sales request, inside a real server process.

`python -c "import tests.faults.commit_hooks; ..."` installs them before the
app starts (see hooked_serve in test_idempotency_faults.py); the environment
picks one, and it fires once:

- SEATKEEPER_TEST_FAULT=kill-after-commit: SIGKILL the process as soon as the
  transaction that wrote a sales request has committed, before any answer
  leaves: a worker dying between its commit and its response.
- SEATKEEPER_TEST_FAULT=pause-after-write: once a sales request is written
  (not yet committed), create <SEATKEEPER_TEST_FAULT_DIR>/written and wait
  for <dir>/go, so the test can stop the database mid-request.

Only the repository's and the session's own methods are wrapped: the same
hook runs against any version of the app.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.sales_requests import SalesRequestRepository

FAULT = os.environ.get("SEATKEEPER_TEST_FAULT", "")
FAULT_DIR = Path(os.environ.get("SEATKEEPER_TEST_FAULT_DIR", "."))
_state = {"written": False, "fired": False}

_add = SalesRequestRepository.add
_commit = AsyncSession.commit


async def _hooked_add(self: SalesRequestRepository, request: Any) -> None:
    await _add(self, request)
    _state["written"] = True
    if FAULT == "pause-after-write" and not _state["fired"]:
        _state["fired"] = True
        (FAULT_DIR / "written").touch()
        while not (FAULT_DIR / "go").exists():
            await asyncio.sleep(0.02)


async def _hooked_commit(self: AsyncSession) -> None:
    await _commit(self)
    if FAULT == "kill-after-commit" and _state["written"]:
        os.kill(os.getpid(), signal.SIGKILL)


SalesRequestRepository.add = _hooked_add  # type: ignore[method-assign]
AsyncSession.commit = _hooked_commit  # type: ignore[method-assign]
