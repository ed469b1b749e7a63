"""Writing an account back: what changed since it was read, and nothing else.

The account repository keeps each account it loads with its state as loaded
(`saved_state`); on commit the unit of work has `save_changes` write the seat
lines that moved and the account row if it moved, so a use case changes the
aggregate and commits, and no write depends on remembering it.
"""

from __future__ import annotations

from typing import NamedTuple, cast

from sqlalchemy import Table, bindparam, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.fastpath import execute, execute_many
from app.db.models import AccountRow, SubscriptionLineRow
from app.domain.accounts import Account
from app.domain.subscription import SeatLine

ACCOUNTS = cast(Table, AccountRow.__table__)
LINES = cast(Table, SubscriptionLineRow.__table__)
# Statements on every seat change, built once.
SAVE_LINE = (
    update(LINES)
    .where(LINES.c.account_id == bindparam("a_id"), LINES.c.product == bindparam("p"))
    .values(
        seats=bindparam("s"),
        temporary_seats=bindparam("t"),
        assigned=bindparam("a"),
        alert_level=bindparam("l"),
        light_agents=bindparam("la"),
        waiting=bindparam("w"),
    )
)
SAVE_VERSION = (
    update(ACCOUNTS).where(ACCOUNTS.c.id == bindparam("a_id")).values(version=bindparam("v"))
)


class Saved(NamedTuple):
    """An account as last read or written: each line's state, and its row's."""

    lines: tuple[tuple[int, int, int, int, int, int], ...]
    row: tuple[object, ...]  # the version first, then the other columns


def line_state(line: SeatLine) -> tuple[int, int, int, int, int, int]:
    return (
        line.seats,
        line.temporary_seats,
        line.assigned,
        line.alert_level,
        line.light_agents,
        line.waiting,
    )


def saved_state(account: Account) -> Saved:
    return Saved(
        tuple(line_state(line) for line in account.lines),
        (account.version, *settings_columns(account).values()),
    )


async def save_changes(session: AsyncSession, account: Account, before: Saved) -> Saved:
    """Write the lines and row of `account` that differ from `before`; answers
    the state now saved."""
    saved = saved_state(account)
    changed = [
        line
        for line, was in zip(account.lines, before.lines, strict=True)
        if line_state(line) != was
    ]
    await execute_many(
        session,
        SAVE_LINE,
        [
            {
                "a_id": account.id,
                "p": line.product,
                "s": line.seats,
                "t": line.temporary_seats,
                "a": line.assigned,
                "l": line.alert_level,
                "la": line.light_agents,
                "w": line.waiting,
            }
            for line in changed
        ],
    )
    if saved.row[1:] != before.row[1:]:
        await session.execute(
            update(AccountRow)
            .where(AccountRow.id == account.id)
            .values(version=account.version, **settings_columns(account))
        )
    elif saved.row[0] != before.row[0]:
        # Seat changes move only the version: the hot path's statement.
        await execute(session, SAVE_VERSION, {"a_id": account.id, "v": account.version})
    return saved


def settings_columns(account: Account) -> dict[str, object]:
    rep = account.sales_rep
    return {
        "name": account.name,
        "status": account.status.value,
        "owner_user_id": account.owner.user_id,
        "billing_mode": account.billing_mode.value,
        "self_manageable": account.self_manageable,
        "legacy_sell": account.legacy_sell,
        "sales_rep_name": rep.name if rep else None,
        "sales_rep_email": rep.email if rep else None,
        "billing_cycle": account.billing_cycle.value,
        "currency": account.currency,
        "term_start": account.term_start,
        "term_end": account.term_end,
        "updated_at": account.updated_at,
        "light_agent_limit": account.light_agent_limit,
        "light_agents": account.light_agents,
        "reclaim_after": account.reclaim_after,
    }
