"""Use case: read an account's seats and their usage."""

from __future__ import annotations

from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal
from app.domain.accounts import Account
from app.services.access import load_visible


async def get_subscription(uow: UnitOfWork, principal: Principal, account_id: str) -> Account:
    async with uow.read_only() as reading:
        return await load_visible(reading, principal, account_id)
