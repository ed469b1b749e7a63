"""Saving seat usage, and telling the owner when it crosses a threshold (R1)."""

from __future__ import annotations

from datetime import datetime

from app.db.unit_of_work import UnitOfWork
from app.domain.accounts import Account
from app.domain.alerts import AlertLevel, crossings
from app.services.audit import event, record
from app.services.notices import seats_alert_notice

ALERT_EVENTS = {AlertLevel.NEAR_LIMIT: "seats.near_limit", AlertLevel.FULL: "seats.full"}


async def record_usage(
    uow: UnitOfWork, account: Account, products: list[str], actor: str, now: datetime
) -> None:
    """Write the seat lines of `products` (totals, counters, alert levels) and
    the version; notify and announce each threshold crossed, once."""
    touched = [line for line in account.lines if line.product in set(products)]
    crossed = crossings(touched)
    await uow.accounts.save_usage(account, products)
    for level, names in crossed.items():
        if not names:
            continue
        lines: list[dict[str, int | str]] = [
            {"product": ln.product, "capacity": ln.capacity, "assigned": ln.assigned}
            for ln in touched
            if ln.product in names
        ]
        await uow.notifications.add(seats_alert_notice(account, level, lines, now))
        await record(uow, event(account.id, ALERT_EVENTS[level], actor, now, lines=lines))
