"""Principals by API key, so most requests skip the lookup.

Revoking through this process forgets the key at once. On PostgreSQL every
process also hears every revocation (app/db/key_revocations.py) and forgets
the key at once too, so keys are kept for `listening_ttl`. While a process
is not hearing revocations (SQLite, or its listening connection lost), it
keeps keys for `ttl` only: other processes notice a revocation within that
time. The cache is bounded, and holds secrets only in this process's memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from app.domain.access import Principal

DEFAULT_TTL = 5.0
LISTENING_TTL = 300.0
MAX_ENTRIES = 10_000


class KeyCache:
    def __init__(
        self,
        ttl: float = DEFAULT_TTL,
        max_entries: int = MAX_ENTRIES,
        monotonic: Callable[[], float] = time.monotonic,
        listening_ttl: float = LISTENING_TTL,
    ) -> None:
        self.ttl = ttl
        self.listening_ttl = listening_ttl
        self.max_entries = max_entries
        self._monotonic = monotonic
        self._listening = False
        self._entries: dict[str, tuple[Principal, float]] = {}

    def get(self, secret: str) -> Principal | None:
        found = self._entries.get(secret)
        if found is None:
            return None
        principal, expires = found
        if expires < self._monotonic():
            del self._entries[secret]
            return None
        return principal

    def put(self, secret: str, principal: Principal) -> None:
        ttl = self.listening_ttl if self._listening else self.ttl
        if ttl <= 0:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # crude but bounded; a burst of new keys refills it
        self._entries[secret] = (principal, self._monotonic() + ttl)

    def forget(self, key_id: str) -> None:
        for secret in [s for s, (p, _) in self._entries.items() if p.key_id == key_id]:
            del self._entries[secret]

    @property
    def hearing(self) -> bool:
        return self._listening

    def __len__(self) -> int:
        return len(self._entries)

    def listening(self, heard: bool) -> None:
        """Whether revocations from other processes are being heard. Going deaf
        forgets everything, since what was announced meanwhile is missed."""
        if not heard:
            self._entries.clear()
        self._listening = heard
