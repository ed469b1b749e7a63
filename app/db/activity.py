"""Agents' last activity, and the agents a reclaim may take seats from."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import cast

from sqlalchemy import (
    DateTime,
    FromClause,
    Table,
    Text,
    Update,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.engine import on_postgresql, to_json
from app.db.fastpath import matched, one_of
from app.db.models import AgentRow, AgentSeatRow
from app.domain.activity import Candidate
from app.domain.agents import AgentRole

AGENTS = cast(Table, AgentRow.__table__)
SEATS = cast(Table, AgentSeatRow.__table__)

# A batch of activity as a table of (user_id, at), one row per user, in one
# parameter or two: arrays on PostgreSQL, a JSON document of pairs on SQLite.
_PG_BATCH = (
    func.unnest(
        bindparam("ids", type_=ARRAY(Text)),
        bindparam("ats", type_=ARRAY(DateTime(timezone=True))),
    )
    .table_valued("user_id", "at")
    .render_derived(name="activity", with_types=False)
)
_EACH = func.json_each(bindparam("doc", type_=Text)).table_valued("value")
_SQLITE_BATCH = select(
    func.json_extract(_EACH.c.value, "$[0]").label("user_id"),
    func.json_extract(_EACH.c.value, "$[1]").label("at"),
).subquery("activity")


def _sqlite_moment(at: datetime) -> str:
    """The text SQLite keeps for a UTC moment (SQLAlchemy's format, given naive
    UTC by app/db/types.py): it compares the text, so the batch's moments are
    written the same way, the year in four digits (strftime's %Y is not)."""
    d = at.astimezone(UTC)
    return (
        f"{d.year:04d}-{d.month:02d}-{d.day:02d} "
        f"{d.hour:02d}:{d.minute:02d}:{d.second:02d}.{d.microsecond:06d}"
    )


def _record(batch: FromClause) -> Update:
    """One UPDATE for the whole batch: each agent's last activity moves to the
    batch's moment only if that is later, so it never moves backwards, also
    when two batches race (the second re-checks the row the first wrote)."""
    at = batch.c.at
    return (
        update(AGENTS)
        .where(
            AGENTS.c.account_id == bindparam("a_id"),
            AGENTS.c.user_id == batch.c.user_id,
            or_(AGENTS.c.last_active_at.is_(None), AGENTS.c.last_active_at < at),
        )
        .values(last_active_at=at)
    )


RECORD_PG = _record(_PG_BATCH)
RECORD_SQLITE = _record(_SQLITE_BATCH)


class ActivityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def known(self, account_id: str, user_ids: list[str]) -> set[str]:
        """Which of `user_ids` are on the account (agents or end users)."""
        rows = await self.session.execute(
            select(AGENTS.c.user_id).where(
                AGENTS.c.account_id == account_id, one_of(self.session, AGENTS.c.user_id)
            ),
            matched(self.session, user_ids),
        )
        return {row[0] for row in rows}

    async def record(self, account_id: str, latest: dict[str, datetime]) -> None:
        """Move each agent's last activity forward to `latest[user_id]`, in one
        statement however many agents."""
        if not latest:
            return
        if on_postgresql(self.session):
            await self.session.execute(
                RECORD_PG,
                {"a_id": account_id, "ids": list(latest), "ats": list(latest.values())},
            )
            return
        pairs = [[user_id, _sqlite_moment(at)] for user_id, at in latest.items()]
        await self.session.execute(RECORD_SQLITE, {"a_id": account_id, "doc": to_json(pairs)})

    async def inactive(
        self, account_id: str, cutoff: datetime, products: list[str] | None
    ) -> list[Candidate]:
        """The account's paid agents (never the owner) idle since before
        `cutoff` and holding a seat of one of `products` (None: any), with
        every seat they hold. Both moments must be before the cutoff: the last
        activity (or none) and when they last became an agent."""
        stmt = select(
            AGENTS.c.user_id, AGENTS.c.email, AGENTS.c.agent_since, AGENTS.c.last_active_at
        ).where(
            AGENTS.c.account_id == account_id,
            or_(AGENTS.c.last_active_at.is_(None), AGENTS.c.last_active_at < cutoff),
            AGENTS.c.agent_since < cutoff,
            AGENTS.c.role == AgentRole.AGENT.value,
            AGENTS.c.is_owner.is_(False),
        )
        if products is not None:
            stmt = stmt.where(
                select(SEATS.c.user_id)
                .where(
                    SEATS.c.account_id == account_id,
                    SEATS.c.user_id == AGENTS.c.user_id,
                    SEATS.c.product.in_(products),
                )
                .exists()
            )
        rows = (await self.session.execute(stmt.order_by(AGENTS.c.user_id))).all()
        held: dict[str, set[str]] = {row[0]: set() for row in rows}
        if held:
            seats = await self.session.execute(
                select(SEATS.c.user_id, SEATS.c.product).where(
                    SEATS.c.account_id == account_id, one_of(self.session, SEATS.c.user_id)
                ),
                matched(self.session, list(held)),
            )
            for user_id, product in seats:
                held[user_id].add(product)
        return [
            Candidate(user_id, email, since, last, frozenset(held[user_id]))
            for user_id, email, since, last in rows
        ]
