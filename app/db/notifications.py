"""Notifications: the account's, and those addressed to a sales rep."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import NotificationRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.notifications import Notification, NotificationType


def _for_account(account_id: str) -> ColumnElement[bool]:
    # A rep's notice is stored with its account (the tenant wall) but is not the account's.
    return (NotificationRow.account_id == account_id) & NotificationRow.recipient_email.is_(None)


def _for_rep(email: str) -> ColumnElement[bool]:
    # The rep's list spans their accounts, like their queue: it is keyed by the
    # recipient, whose email was normalised when written, as the key's was.
    return NotificationRow.recipient_email == email


class NotificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *notifications: Notification) -> None:
        if not notifications:
            return
        await self.session.execute(
            insert(NotificationRow),
            [
                {
                    "id": n.id,
                    "account_id": n.account_id,
                    "type": n.type.value,
                    "title": n.title,
                    "body": n.body,
                    "data": n.data,
                    "created_at": n.created_at,
                    "read_at": n.read_at,
                    "recipient_email": n.recipient_email,
                }
                for n in notifications
            ],
        )

    async def get(self, account_id: str, notification_id: str) -> Notification | None:
        return await self._get(_for_account(account_id), notification_id)

    async def get_for_rep(self, email: str, notification_id: str) -> Notification | None:
        return await self._get(_for_rep(email), notification_id)

    async def mark_read(self, account_id: str, notification_id: str, at: datetime) -> None:
        await self.session.execute(
            update(NotificationRow)
            .where(
                NotificationRow.account_id == account_id,
                NotificationRow.id == notification_id,
                NotificationRow.read_at.is_(None),
            )
            .values(read_at=at)
        )

    async def page(
        self, account_id: str, *, unread: bool | None, cursor: str | None, limit: int
    ) -> Page[Notification]:
        return await self._page(
            select(NotificationRow).where(_for_account(account_id)), unread, cursor, limit
        )

    async def page_for_rep(
        self, email: str, *, unread: bool | None, cursor: str | None, limit: int
    ) -> Page[Notification]:
        return await self._page(
            select(NotificationRow).where(_for_rep(email)), unread, cursor, limit
        )

    async def _get(self, whose: ColumnElement[bool], notification_id: str) -> Notification | None:
        row = await self.session.scalar(
            select(NotificationRow).where(whose, NotificationRow.id == notification_id)
        )
        return _to_notification(row) if row is not None else None

    async def _page(
        self,
        stmt: Select[NotificationRow],
        unread: bool | None,
        cursor: str | None,
        limit: int,
    ) -> Page[Notification]:
        if unread is True:
            stmt = stmt.where(NotificationRow.read_at.is_(None))
        elif unread is False:
            stmt = stmt.where(NotificationRow.read_at.is_not(None))
        stmt = newest_first(stmt, NotificationRow.created_at, NotificationRow.id, cursor, limit)
        items = [_to_notification(row) for row in await self.session.scalars(stmt)]
        return cut_page(items, limit, lambda n: (n.created_at, n.id))


def _to_notification(row: NotificationRow) -> Notification:
    return Notification(
        id=row.id,
        account_id=row.account_id,
        type=NotificationType(row.type),
        title=row.title,
        body=row.body,
        created_at=row.created_at,
        data=row.data,
        read_at=row.read_at,
        recipient_email=row.recipient_email,
    )
