"""Telling the owner when seat usage crosses a threshold (R1).

The account raises the alerts as its seats change (Account.check_usage); the
unit of work hands them here when it commits, so no use case can forget them.
"""

from __future__ import annotations

from app.db.unit_of_work import UnitOfWork
from app.domain.accounts import Account
from app.domain.alerts import AlertLevel
from app.services.audit import event, record
from app.services.notices import seats_alert_notice
from app.services.waiting import count_waiting

ALERT_EVENTS = {AlertLevel.NEAR_LIMIT: "seats.near_limit", AlertLevel.FULL: "seats.full"}


async def announce_usage(uow: UnitOfWork, account: Account) -> None:
    """A notice for the owner and an event for each alert the account raised."""
    alerts, account.alerts = account.alerts, []
    for alert in alerts:
        # A full line tells how many wait, so the owner knows how many seats to buy.
        waiting = await count_waiting(uow, account) if alert.level is AlertLevel.FULL else 0
        await uow.notifications.add(
            seats_alert_notice(account, alert.level, alert.lines, alert.at, waiting)
        )
        await record(
            uow,
            event(account.id, ALERT_EVENTS[alert.level], alert.actor, alert.at, lines=alert.lines),
        )
