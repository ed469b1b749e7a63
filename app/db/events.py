"""The audit trail."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.fastpath import insert_rows
from app.db.models import NO_ACCOUNT, EventRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.events import Event

# The table, not the ORM entity: a downgrade adds one event per agent, in bulk.
EVENTS = cast(Table, EventRow.__table__)


class EventRepository:
    def __init__(
        self, session: AsyncSession, counted: Callable[[Event], None] | None = None
    ) -> None:
        self.session = session
        self._counted = counted  # told of every event added

    async def add(self, events: Iterable[Event]) -> None:
        """Write `events`, taking each from the iterable as it is written."""
        await insert_rows(self.session, EVENTS, self._rows(events))

    def _rows(self, events: Iterable[Event]) -> Iterator[dict[str, object]]:
        for e in events:
            if self._counted is not None:
                self._counted(e)  # as it goes by: the events are not kept
            yield {
                "id": e.id,
                "account_id": NO_ACCOUNT if e.account_id is None else e.account_id,
                "type": e.type,
                "actor": e.actor,
                "data": e.data,
                "created_at": e.created_at,
            }

    async def page(
        self, account_id: str, *, type: str | None, cursor: str | None, limit: int
    ) -> Page[Event]:
        stmt = select(EventRow).where(EventRow.account_id == account_id)
        if type is not None:
            stmt = stmt.where(EventRow.type == type)
        stmt = newest_first(stmt, EventRow.created_at, EventRow.id, cursor, limit)
        events = [
            Event(
                id=row.id,
                account_id=row.account_id,
                type=row.type,
                actor=row.actor,
                data=row.data,
                created_at=row.created_at,
            )
            for row in await self.session.scalars(stmt)
        ]
        return cut_page(events, limit, lambda e: (e.created_at, e.id))
