"""Optimistic concurrency: a change to an account is made only if the account
is still at the version the client last read (`If-Match`), and the version it
leaves is what the client reads next (`ETag`).

Every resource of an account (the account, its subscription, its agents) is
versioned by the account's one version, which moves with every change to what
they show: so a client that read any of them may make any change with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import PreconditionFailed


@dataclass(slots=True)
class Precondition:
    """One request's condition on one account's version, and what it learns
    of that version. The unit of work checks it (see app/db/unit_of_work.py)."""

    # The account named by the request's path; None: the first account the
    # change loads or records an event for (a sales request's, say).
    account_id: str | None
    # The version the client sent in If-Match; None: no condition, the version
    # is only reported.
    expected: int | None = None
    # Lock the account as the unit of work begins, before any other row: a
    # change holds the lock it was checked under until it commits. False for a
    # request that changes nothing (a preview), which never locks.
    hold_first: bool = True
    # Checked under the account's lock in a transaction that committed: later
    # units of work of the same request see their own change, not a stale one.
    met: bool = False
    # Checked under the account's lock in the unit of work now open.
    held: bool = False
    # The account's version as the request leaves it: the answer's ETag.
    version: int | None = None

    @property
    def pending(self) -> bool:
        """Whether there is a condition still to check under the lock."""
        return self.expected is not None and not self.met and not self.held

    def check(self, version: int, *, locked: bool) -> None:
        """Compare the version read (under the account's lock when `locked`)
        with the one the client sent; a stale one is PreconditionFailed."""
        self.version = version
        if self.expected is None or self.met:
            return
        if version != self.expected:
            raise PreconditionFailed(
                f"The account is at version {version}, not {self.expected}: read it again "
                "and retry.",
                version=version,
            )
        if locked:
            self.held = True
