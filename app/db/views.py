"""The read side: what every request reads, through a reader, not a session.

As in cosmicpython's views, reads that change nothing skip the unit of work.
The statements and the mappers are the repositories' own, so a view and a
repository read the same thing the same way.
"""

from __future__ import annotations

from app.db.accounts import (
    ACCOUNT_WITH_LINES,
    ACCOUNTS_WITH_LINES,
    SALES_REP_EMAIL,
    account_from_rows,
    accounts_from_rows,
    sales_rep_from_rows,
)
from app.db.api_keys import KEY_BY_HASH, key_from_rows
from app.db.fastpath import Batcher, Reader
from app.db.seat_changes import PENDING_CHANGE, pending_from_rows
from app.domain.accounts import Account
from app.domain.api_keys import ApiKey
from app.domain.seat_changes import PendingChange


class Views:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        # The account read is on every subscription page: on a server, the
        # reads asked for in one turn of the event loop go as one query.
        self._accounts = Batcher(self._accounts_by_id) if reader.batched else None

    async def account(self, account_id: str) -> Account | None:
        """The account with its lines, as it was at the last commit."""
        if self._accounts is not None:
            return await self._accounts.get(account_id)
        return account_from_rows(await self.reader.rows(ACCOUNT_WITH_LINES, account_id=account_id))

    async def _accounts_by_id(self, account_ids: list[str]) -> dict[str, Account]:
        return accounts_from_rows(
            await self.reader.rows(ACCOUNTS_WITH_LINES, account_ids=account_ids)
        )

    async def pending_change(self, account: Account) -> PendingChange | None:
        """The change scheduled for the account's renewal, if any, against its seats now."""
        return pending_from_rows(
            account, await self.reader.rows(PENDING_CHANGE, account_id=account.id)
        )

    async def sales_rep_email(self, account_id: str) -> tuple[bool, str | None]:
        """Whether the account exists, and its rep's email (for visibility checks)."""
        return sales_rep_from_rows(await self.reader.rows(SALES_REP_EMAIL, account_id=account_id))

    async def api_key(self, secret_hash: str) -> ApiKey | None:
        return key_from_rows(await self.reader.rows(KEY_BY_HASH, secret_hash=secret_hash))
