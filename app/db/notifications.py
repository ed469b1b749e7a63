"""Notifications for the account owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import NotificationRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.notifications import Notification, NotificationType


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
                }
                for n in notifications
            ],
        )

    async def get(self, account_id: str, notification_id: str) -> Notification | None:
        row = await self.session.scalar(
            select(NotificationRow).where(
                NotificationRow.account_id == account_id, NotificationRow.id == notification_id
            )
        )
        return _to_notification(row) if row is not None else None

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
        stmt = select(NotificationRow).where(NotificationRow.account_id == account_id)
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
    )
