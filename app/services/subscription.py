"""Use case: read an account's seats and their usage, and the change pending."""

from __future__ import annotations

from dataclasses import dataclass

from app.db.views import Views
from app.domain.access import Principal
from app.domain.accounts import Account
from app.domain.seat_changes import PendingChange
from app.services.access import visible


@dataclass(frozen=True, slots=True)
class Subscription:
    account: Account
    pending_change: PendingChange | None


async def get_subscription(views: Views, principal: Principal, account_id: str) -> Subscription:
    # Reads of committed rows, without a unit of work: see app/db/views.py.
    account = visible(principal, account_id, await views.account(account_id))
    # After the account: a change scheduled in between shows here under the
    # older version (ETag), which only makes the next conditional read fetch
    # again; the other order could pair a newer version with an older body.
    return Subscription(account, await views.pending_change(account))
