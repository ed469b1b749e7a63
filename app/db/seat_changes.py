"""Seat changes: the record of every change of seat totals."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    Text,
    and_,
    bindparam,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.fastpath import Row
from app.db.models import SeatChangeRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.accounts import Account
from app.domain.seat_changes import (
    ChangeStatus,
    Downgraded,
    Effective,
    LineChange,
    PendingChange,
    SeatChange,
    pending_change,
)

# Core, not ORM objects: the session would keep the downgraded list (10,000
# agents on a large cut) until the transaction ends. The values go as the
# statements' parameters, not built into them with .values(): once the session
# had run such a statement it sat in a reference cycle, and the list with it,
# until a full garbage collection.
SEAT_CHANGES = cast(Table, SeatChangeRow.__table__)
INSERT_SEAT_CHANGE = insert(SEAT_CHANGES)
UPDATE_SEAT_CHANGE = update(SEAT_CHANGES).where(
    SEAT_CHANGES.c.account_id == bindparam("of_account"), SEAT_CHANGES.c.id == bindparam("of_id")
)

# The account's pending change, read with the account by the subscription
# read (app/db/views.py): one statement, so one snapshot and one trip to the
# database. The lines as text, decoded by the mapper: a reader on PostgreSQL
# hands JSON columns back undecoded, SQLAlchemy decodes them, and text reads
# the same on both. The status is written into the statement, not bound, so
# that it always matches the partial unique index's predicate (a generic plan
# would not).
PENDING_COLUMNS = (
    SEAT_CHANGES.c.id.label("pending_id"),
    SEAT_CHANGES.c.effective_at.label("pending_effective_at"),
    sql_cast(SEAT_CHANGES.c.lines, Text).label("pending_lines"),
)


def with_pending(read: Select[Any], account_id: ColumnElement[str]) -> Select[Any]:
    """`read` (of accounts) with each account's pending change, if any, on every row."""
    return read.add_columns(*PENDING_COLUMNS).outerjoin(
        SEAT_CHANGES,
        and_(
            SEAT_CHANGES.c.account_id == account_id,
            SEAT_CHANGES.c.status == literal_column(f"'{ChangeStatus.SCHEDULED.value}'"),
        ),
    )


def pending_from_row(account: Account, row: Row) -> PendingChange | None:
    """The pending change of a row of `with_pending` (at most one per account:
    the partial unique index), against the account's seats now."""
    if row["pending_id"] is None:
        return None
    totals = {line["product"]: line["to"] for line in json.loads(row["pending_lines"])}
    return pending_change(account, row["pending_id"], row["pending_effective_at"], totals)


class SeatChangeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, change: SeatChange) -> None:
        assert change.id is not None
        await self.session.execute(
            INSERT_SEAT_CHANGE,
            {
                "id": change.id,
                "account_id": change.account_id,
                "created_at": change.created_at,
                "actor": change.actor,
                "effective": change.effective.value,
                "channel": change.channel,
                "named_downgrades": change.named_downgrades,
                "currency": change.currency,
                **_mutable_columns(change),
            },
        )

    async def save(self, change: SeatChange) -> None:
        await self.session.execute(
            UPDATE_SEAT_CHANGE,
            {"of_account": change.account_id, "of_id": change.id, **_mutable_columns(change)},
        )

    async def get(
        self, account_id: str, change_id: str, *, lock: bool = False
    ) -> SeatChange | None:
        stmt = select(SeatChangeRow).where(
            SeatChangeRow.account_id == account_id, SeatChangeRow.id == change_id
        )
        if lock:
            stmt = stmt.with_for_update()
        row = await self.session.scalar(stmt)
        return _to_change(row) if row is not None else None

    async def page(self, account_id: str, cursor: str | None, limit: int) -> Page[SeatChange]:
        stmt = select(SeatChangeRow).where(SeatChangeRow.account_id == account_id)
        stmt = newest_first(stmt, SeatChangeRow.created_at, SeatChangeRow.id, cursor, limit)
        items = [_to_change(row) for row in await self.session.scalars(stmt)]
        return cut_page(items, limit, lambda c: (c.created_at, c.id or ""))

    async def pending(self, account_id: str, *, lock: bool = False) -> SeatChange | None:
        """The account's scheduled change, if one is pending (one at most)."""
        stmt = select(SeatChangeRow).where(
            SeatChangeRow.account_id == account_id,
            SeatChangeRow.status == ChangeStatus.SCHEDULED.value,
        )
        if lock:
            stmt = stmt.with_for_update()
        row = await self.session.scalar(stmt.order_by(SeatChangeRow.created_at.desc()).limit(1))
        return _to_change(row) if row is not None else None

    async def scheduled_due(self, account_id: str, now: datetime) -> list[SeatChange]:
        """Scheduled changes of the account that are due, oldest first."""
        rows = await self.session.scalars(
            select(SeatChangeRow)
            .where(
                SeatChangeRow.account_id == account_id,
                SeatChangeRow.status == ChangeStatus.SCHEDULED.value,
                SeatChangeRow.effective_at <= now,
            )
            .order_by(SeatChangeRow.created_at, SeatChangeRow.id)
        )
        return [_to_change(row) for row in rows]


def _mutable_columns(change: SeatChange) -> dict[str, object]:
    return {
        "status": change.status.value,
        "lines": [{"product": c.product, "from": c.before, "to": c.after} for c in change.lines],
        # As they are: the JSON encoder writes a dataclass as an object of its
        # fields, {user_id, email, products, to_end_user}, read back below (a
        # dict per agent first was 10,000 dicts on a large cut).
        "downgraded": change.downgraded,
        "amount_due": change.amount_due,
        "effective_at": change.effective_at,
        "applied_at": change.applied_at,
    }


def _to_change(row: SeatChangeRow) -> SeatChange:
    return SeatChange(
        id=row.id,
        account_id=row.account_id,
        status=ChangeStatus(row.status),
        effective=Effective(row.effective),
        channel=row.channel,
        lines=[LineChange(line["product"], line["from"], line["to"]) for line in row.lines],
        amount_due=row.amount_due,
        currency=row.currency,
        created_at=row.created_at,
        actor=row.actor,
        named_downgrades=list(row.named_downgrades),
        downgraded=[
            Downgraded(d["user_id"], d["email"], tuple(d["products"]), d.get("to_end_user", False))
            for d in row.downgraded
        ],
        effective_at=row.effective_at,
        applied_at=row.applied_at,
    )
