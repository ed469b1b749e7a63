"""Use case: read an account's audit trail."""

from __future__ import annotations

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal
from app.domain.events import Event
from app.services.access import check_visible


async def list_events(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    type: str | None,
    cursor: str | None,
    limit: int,
) -> Page[Event]:
    async with uow:
        await check_visible(uow, principal, account_id)
        return await uow.events.page(account_id, type=type, cursor=cursor, limit=limit)
