"""The waiting room's rows: who waits for which seats, oldest first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import WaitingAgentRow
from app.db.pages import Page, cut_page, decode_cursor, oldest_first
from app.domain.waiting import Waiting, WaitingAgent


class WaitingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, account_id: str, user_id: str) -> WaitingAgent | None:
        row = await self.session.get(WaitingAgentRow, (account_id, user_id))
        return _to_waiting(row) if row is not None else None

    async def add(self, account_id: str, waiting: WaitingAgent) -> None:
        await self.session.execute(
            insert(WaitingAgentRow).values(
                account_id=account_id,
                user_id=waiting.user_id,
                email=waiting.email,
                name=waiting.name,
                products=list(waiting.products),
                queued_at=waiting.queued_at,
                actor=waiting.actor,
            )
        )

    async def remove(self, account_id: str, user_ids: list[str]) -> None:
        if user_ids:
            await self.session.execute(
                delete(WaitingAgentRow).where(
                    WaitingAgentRow.account_id == account_id,
                    WaitingAgentRow.user_id.in_(user_ids),
                )
            )

    async def count(self, account_id: str) -> int:
        found = await self.session.scalar(
            select(func.count()).where(WaitingAgentRow.account_id == account_id)
        )
        return int(found or 0)

    async def oldest(
        self, account_id: str, after: WaitingAgent | None, limit: int
    ) -> list[WaitingAgent]:
        """The next `limit` in the queue after `after` (from the start without)."""
        stmt = select(WaitingAgentRow).where(WaitingAgentRow.account_id == account_id)
        if after is not None:
            stmt = stmt.where(_after(after.queued_at, after.user_id))
        stmt = stmt.order_by(WaitingAgentRow.queued_at, WaitingAgentRow.user_id).limit(limit)
        return [_to_waiting(row) for row in await self.session.scalars(stmt)]

    async def position(self, account_id: str, waiting: WaitingAgent) -> int:
        """Their place in the queue: 1 + how many wait ahead of them."""
        ahead = await self.session.scalar(
            select(func.count()).where(
                WaitingAgentRow.account_id == account_id,
                ~_after(waiting.queued_at, waiting.user_id),
                WaitingAgentRow.user_id != waiting.user_id,
            )
        )
        return int(ahead or 0) + 1

    async def page(self, account_id: str, cursor: str | None, limit: int) -> Page[Waiting]:
        stmt = select(WaitingAgentRow).where(WaitingAgentRow.account_id == account_id)
        stmt = oldest_first(stmt, WaitingAgentRow.queued_at, WaitingAgentRow.user_id, cursor, limit)
        rows = [_to_waiting(row) for row in await self.session.scalars(stmt)]
        first = 1
        if cursor is not None:
            # Everyone up to the cursor is ahead of this page.
            moment, key = decode_cursor(cursor)
            ahead = await self.session.scalar(
                select(func.count()).where(
                    WaitingAgentRow.account_id == account_id, ~_after(moment, key)
                )
            )
            first = int(ahead or 0) + 1
        page = cut_page(rows, limit, lambda w: (w.queued_at, w.user_id))
        return Page([Waiting(w, first + i) for i, w in enumerate(page.items)], page.next_cursor)


def _after(moment: datetime, key: str) -> ColumnElement[bool]:
    return or_(
        WaitingAgentRow.queued_at > moment,
        and_(WaitingAgentRow.queued_at == moment, WaitingAgentRow.user_id > key),
    )


def _to_waiting(row: WaitingAgentRow) -> WaitingAgent:
    return WaitingAgent(
        user_id=row.user_id,
        email=row.email,
        name=row.name,
        products=tuple(row.products),
        queued_at=row.queued_at,
        actor=row.actor,
    )
