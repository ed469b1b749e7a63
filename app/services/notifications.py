"""Use cases: the account's notifications, and a sales rep's own."""

from __future__ import annotations

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal, Role, require_role
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


REP_ONLY = frozenset({Role.SALES_REP})


async def list_for_rep(
    uow: UnitOfWork, principal: Principal, unread: bool | None, cursor: str | None, limit: int
) -> Page[Notification]:
    """The notifications addressed to the calling rep, across their accounts."""
    require_role(principal, REP_ONLY, "read a sales rep's notifications")
    if principal.email is None:
        return Page([], None)
    async with uow:
        return await uow.notifications.page_for_rep(
            principal.email, unread=unread, cursor=cursor, limit=limit
        )


async def mark_read_for_rep(
    uow: UnitOfWork, principal: Principal, notification_id: str, clock: Clock
) -> Notification:
    require_role(principal, REP_ONLY, "mark a sales rep's notifications read")
    async with uow:
        found = (
            await uow.notifications.get_for_rep(principal.email, notification_id)
            if principal.email is not None
            else None
        )
        if found is None:
            raise NotFound(f"No notification {notification_id!r}.")
        if found.read_at is None:
            found.read_at = clock.now()
            await uow.notifications.mark_read(found.account_id, notification_id, found.read_at)
            await uow.commit()
        return found
