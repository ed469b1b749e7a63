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
    # Committed rows, without a unit of work, in one read: see app/db/views.py.
    account, pending = await views.subscription(account_id) or (None, None)
    return Subscription(visible(principal, account_id, account), pending)
