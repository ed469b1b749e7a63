"""Temporary seat grants."""

from __future__ import annotations

import json
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Text, and_, cast, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import AccountRow, TemporarySeatsRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.account_status import AccountStatus
from app.domain.temporary_seats import GrantStatus, TemporarySeats

BATCH = 100


class Due(NamedTuple):
    """A grant due for a job step, and where the next batch starts after it."""

    created_at: datetime
    grant_id: str
    account_id: str


class TemporarySeatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, grant: TemporarySeats) -> None:
        self.session.add(
            TemporarySeatsRow(
                id=grant.id,
                account_id=grant.account_id,
                product=grant.product,
                suite=grant.suite,
                products=list(grant.products),
                seats=grant.seats,
                starts_at=grant.starts_at,
                ends_at=grant.ends_at,
                amount_due=grant.amount_due,
                currency=grant.currency,
                actor=grant.actor,
                created_at=grant.created_at,
                **_progress(grant),
            )
        )
        await self.session.flush()

    async def save(self, grant: TemporarySeats) -> None:
        await self.session.execute(
            update(TemporarySeatsRow)
            .where(
                TemporarySeatsRow.account_id == grant.account_id, TemporarySeatsRow.id == grant.id
            )
            .values(**_progress(grant))
        )

    async def remove(self, account_id: str, grant_id: str) -> None:
        await self.session.execute(
            delete(TemporarySeatsRow).where(
                TemporarySeatsRow.account_id == account_id, TemporarySeatsRow.id == grant_id
            )
        )

    async def get(self, account_id: str, grant_id: str) -> TemporarySeats | None:
        row = await self.session.scalar(
            select(TemporarySeatsRow).where(
                TemporarySeatsRow.account_id == account_id, TemporarySeatsRow.id == grant_id
            )
        )
        return _to_grant(row) if row is not None else None

    async def page(self, account_id: str, cursor: str | None, limit: int) -> Page[TemporarySeats]:
        stmt = select(TemporarySeatsRow).where(TemporarySeatsRow.account_id == account_id)
        stmt = newest_first(stmt, TemporarySeatsRow.created_at, TemporarySeatsRow.id, cursor, limit)
        items = [_to_grant(row) for row in await self.session.scalars(stmt)]
        return cut_page(items, limit, lambda g: (g.created_at, g.id))

    async def pending_seats(self, account_id: str) -> dict[str, int]:
        """Per product, the seats of the account's grants not yet ended."""
        products = cast(TemporarySeatsRow.products, Text)
        rows = await self.session.execute(
            select(products, func.sum(TemporarySeatsRow.seats))
            .where(
                TemporarySeatsRow.account_id == account_id,
                TemporarySeatsRow.status != GrantStatus.ENDED.value,
            )
            .group_by(products)
        )
        pending: dict[str, int] = {}
        for listed, seats in rows:
            for product in json.loads(listed):
                pending[product] = pending.get(product, 0) + int(seats)
        return pending

    async def due_to_start(self, now: datetime, after: Due | None = None) -> list[Due]:
        return await self._due(
            after,
            TemporarySeatsRow.status == GrantStatus.SCHEDULED.value,
            TemporarySeatsRow.starts_at <= now,
        )

    async def due_to_end(self, now: datetime, after: Due | None = None) -> list[Due]:
        return await self._due(
            after,
            TemporarySeatsRow.status == GrantStatus.ACTIVE.value,
            TemporarySeatsRow.ends_at <= now,
        )

    async def due_to_warn(self, warn_until: datetime, after: Due | None = None) -> list[Due]:
        return await self._due(
            after,
            TemporarySeatsRow.status == GrantStatus.ACTIVE.value,
            TemporarySeatsRow.warned_at.is_(None),
            TemporarySeatsRow.ends_at <= warn_until,
        )

    async def _due(self, after: Due | None, *conditions: object) -> list[Due]:
        """Due grants, oldest first, from after `after`: candidates only; the
        job locks the account and checks each again before acting. A run walks
        on past the ones that failed instead of meeting them again."""
        # A cancelled account's grants are left as they are (Account.closed).
        stmt = (
            select(TemporarySeatsRow.created_at, TemporarySeatsRow.id, TemporarySeatsRow.account_id)
            .join(AccountRow, AccountRow.id == TemporarySeatsRow.account_id)
            .where(AccountRow.status != AccountStatus.CANCELLED.value)
            .where(*conditions)  # type: ignore[arg-type]
        )
        if after is not None:
            stmt = stmt.where(
                or_(
                    TemporarySeatsRow.created_at > after.created_at,
                    and_(
                        TemporarySeatsRow.created_at == after.created_at,
                        TemporarySeatsRow.id > after.grant_id,
                    ),
                )
            )
        rows = await self.session.execute(
            stmt.order_by(TemporarySeatsRow.created_at, TemporarySeatsRow.id).limit(BATCH)
        )
        return [Due(row[0], row[1], row[2]) for row in rows]


def _progress(grant: TemporarySeats) -> dict[str, object]:
    return {
        "status": grant.status.value,
        "warned_at": grant.warned_at,
        "started_at": grant.started_at,
        "ended_at": grant.ended_at,
    }


def _to_grant(row: TemporarySeatsRow) -> TemporarySeats:
    return TemporarySeats(
        id=row.id,
        account_id=row.account_id,
        products=tuple(row.products),
        seats=row.seats,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        status=GrantStatus(row.status),
        created_at=row.created_at,
        actor=row.actor,
        product=row.product,
        suite=row.suite,
        warned_at=row.warned_at,
        started_at=row.started_at,
        ended_at=row.ended_at,
        amount_due=row.amount_due,
        currency=row.currency,
    )
