"""The read side: what every request reads, through a reader, not a session.

As in cosmicpython's views, reads that change nothing skip the unit of work.
The statements and the mappers are the repositories' own, so a view and a
repository read the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter

from app.db.accounts import (
    ACCOUNT_READ,
    ACCOUNTS,
    SALES_REP_EMAIL,
    account_from_rows,
    by_id,
    by_ids,
    sales_rep_from_rows,
)
from app.db.api_keys import KEY_BY_HASH, key_from_rows
from app.db.fastpath import Batcher, Reader, Row
from app.db.seat_changes import pending_from_row, with_pending
from app.domain.accounts import Account
from app.domain.api_keys import ApiKey
from app.domain.seat_changes import PendingChange

# What the subscription page shows: the account, its lines and the change
# pending, in one statement (one snapshot: the version and the pending change
# always go together).
SUBSCRIPTION = with_pending(ACCOUNT_READ, ACCOUNTS.c.id)
SUBSCRIPTION_BY_ID = by_id(SUBSCRIPTION)
SUBSCRIPTIONS_BY_ID = by_ids(SUBSCRIPTION)

# What `subscription` answers; app/services/subscription.py makes the use case of it.
AccountAndPending = tuple[Account, PendingChange | None]


class Views:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        # The account read is on every subscription page: on a server, the
        # reads asked for in one turn of the event loop go as one query.
        self._subscriptions = Batcher(self._subscriptions_by_id) if reader.batched else None

    async def subscription(self, account_id: str) -> AccountAndPending | None:
        """The account with its lines and its pending change, as they were at the last commit."""
        if self._subscriptions is not None:
            return await self._subscriptions.get(account_id)
        return _subscription(await self.reader.rows(SUBSCRIPTION_BY_ID, account_id=account_id))

    async def _subscriptions_by_id(self, account_ids: list[str]) -> dict[str, AccountAndPending]:
        rows = await self.reader.rows(SUBSCRIPTIONS_BY_ID, account_ids=account_ids)
        found = {}
        for _, lines in groupby(rows, key=itemgetter("id")):
            subscription = _subscription(list(lines))
            assert subscription is not None
            found[subscription[0].id] = subscription
        return found

    async def sales_rep_email(self, account_id: str) -> tuple[bool, str | None]:
        """Whether the account exists, and its rep's email (for visibility checks)."""
        return sales_rep_from_rows(await self.reader.rows(SALES_REP_EMAIL, account_id=account_id))

    async def api_key(self, secret_hash: str) -> ApiKey | None:
        return key_from_rows(await self.reader.rows(KEY_BY_HASH, secret_hash=secret_hash))


def _subscription(rows: Sequence[Row]) -> AccountAndPending | None:
    account = account_from_rows(rows)
    return None if account is None else (account, pending_from_row(account, rows[0]))
