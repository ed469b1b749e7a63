"""Opaque ids with a type prefix (acct_, key_, evt_, ...).

The first part grows with time (nanoseconds, never repeating within a process),
so rows created in one transaction with one timestamp still sort in the order
they were made; the rest is random, so ids cannot be guessed.
"""

from __future__ import annotations

import secrets
import threading
import time

_lock = threading.Lock()
_last = 0


def new_id(prefix: str) -> str:
    global _last
    with _lock:
        _last = max(time.time_ns(), _last + 1)
        stamp = _last
    return f"{prefix}_{stamp:016x}{secrets.token_hex(6)}"
