"""Use case: read an account's seats and their usage."""

from __future__ import annotations

from app.db.views import Views
from app.domain.access import Principal
from app.domain.accounts import Account
from app.services.access import visible


async def get_subscription(views: Views, principal: Principal, account_id: str) -> Account:
    # A read of one consistent row set, without a unit of work: see app/db/views.py.
    return visible(principal, account_id, await views.account(account_id))
