"""Principals by API key for a few seconds, so most requests skip the lookup.

Revoking through this process forgets the key at once; other processes (and
replicas) notice within `ttl` seconds. The cache is bounded, and holds
secrets only in this process's memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from app.domain.access import Principal

DEFAULT_TTL = 5.0
MAX_ENTRIES = 10_000


class KeyCache:
    def __init__(
        self,
        ttl: float = DEFAULT_TTL,
        max_entries: int = MAX_ENTRIES,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._monotonic = monotonic
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
        if self.ttl <= 0:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # crude but bounded; a burst of new keys refills it
        self._entries[secret] = (principal, self._monotonic() + self.ttl)

    def forget(self, key_id: str) -> None:
        for secret in [s for s, (p, _) in self._entries.items() if p.key_id == key_id]:
            del self._entries[secret]
