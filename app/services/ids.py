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
    return new_ids(prefix, 1)[0]


def new_ids(prefix: str, count: int) -> list[str]:
    """`count` ids in one go: one clock reading and one read of the random
    source, where an id each cost a system call (a downgrade draws 10,000)."""
    global _last
    with _lock:
        first = max(time.time_ns(), _last + 1)
        _last = first + count - 1
    noise = secrets.token_hex(6 * count)
    return [f"{prefix}_{first + n:016x}{noise[12 * n : 12 * n + 12]}" for n in range(count)]
