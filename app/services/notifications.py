"""Use cases: the owner's notifications."""

from __future__ import annotations

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal
from app.domain.errors import NotFound
from app.domain.notifications import Notification
from app.services.access import check_visible
from app.services.clock import Clock


async def list_notifications(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    unread: bool | None,
    cursor: str | None,
    limit: int,
) -> Page[Notification]:
    async with uow:
        await check_visible(uow, principal, account_id)
        return await uow.notifications.page(account_id, unread=unread, cursor=cursor, limit=limit)


async def mark_read(
    uow: UnitOfWork, principal: Principal, account_id: str, notification_id: str, clock: Clock
) -> Notification:
    async with uow:
        await check_visible(uow, principal, account_id)
        found = await uow.notifications.get(account_id, notification_id)
        if found is None:
            raise NotFound(f"No notification {notification_id!r}.")
        if found.read_at is None:
            found.read_at = clock.now()
            await uow.notifications.mark_read(account_id, notification_id, found.read_at)
            await uow.commit()
        return found
