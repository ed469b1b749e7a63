"""Notifications in words: what happened, and what the owner can do about it."""

from __future__ import annotations

from datetime import datetime

from app.domain.accounts import Account
from app.domain.notifications import Notification, NotificationType
from app.domain.seat_changes import Downgraded, SeatChange
from app.services.ids import new_id

NAMES_IN_TEXT = 20
NAMES_IN_DATA = 100


def money(amount: int, currency: str) -> str:
    return f"{amount / 100:.2f} {currency}"


def notice(
    account_id: str, type: NotificationType, title: str, body: str, at: datetime, **data: object
) -> Notification:
    return Notification(
        id=new_id("ntf"),
        account_id=account_id,
        type=type,
        title=title,
        body=body,
        created_at=at,
        data=data,
    )


def change_applied_notice(account: Account, change: SeatChange, at: datetime) -> Notification:
    moves = ", ".join(f"{c.product} {c.before} → {c.after}" for c in change.lines)
    due = (
        f" Amount due now: {money(change.amount_due, change.currency)}."
        if change.amount_due
        else ""
    )
    return notice(
        account.id,
        NotificationType.SEAT_CHANGE_APPLIED,
        "Seat change applied",
        f"Seats changed: {moves}.{due}",
        at,
        seat_change_id=change.id,
        lines=[{"product": c.product, "from": c.before, "to": c.after} for c in change.lines],
        amount_due=change.amount_due,
        currency=change.currency,
    )


def downgrade_notice(
    account_id: str, downgraded: list[Downgraded], at: datetime, **data: object
) -> Notification:
    shown = ", ".join(f"{d.user_id} ({', '.join(d.products)})" for d in downgraded[:NAMES_IN_TEXT])
    more = len(downgraded) - NAMES_IN_TEXT
    tail = f" and {more} more" if more > 0 else ""
    end_users = sum(1 for d in downgraded if d.to_end_user)
    return notice(
        account_id,
        NotificationType.AGENTS_DOWNGRADED,
        f"{len(downgraded)} agent(s) lost seats",
        f"Seats went below usage, so the most recently added agents gave up their seats: "
        f"{shown}{tail}. {end_users} became end users.",
        at,
        count=len(downgraded),
        agents=[
            {"user_id": d.user_id, "products": list(d.products), "end_user": d.to_end_user}
            for d in downgraded[:NAMES_IN_DATA]
        ],
        **data,
    )
