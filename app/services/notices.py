"""Notifications in words: what happened, and what the owner can do about it."""

from __future__ import annotations

from datetime import datetime

from app.domain.access import Role
from app.domain.accounts import Account
from app.domain.alerts import AlertLevel
from app.domain.notifications import Notification, NotificationType
from app.domain.purchase_options import Channel, purchase_options
from app.domain.seat_changes import Downgraded, SeatChange
from app.domain.subscription import NEAR_LIMIT_PERCENT
from app.domain.temporary_seats import TemporarySeats
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


def named(downgraded: list[Downgraded]) -> str:
    """The agents in words, the first NAMES_IN_TEXT with the products they lose."""
    shown = ", ".join(f"{d.user_id} ({', '.join(d.products)})" for d in downgraded[:NAMES_IN_TEXT])
    more = len(downgraded) - NAMES_IN_TEXT
    return shown + (f" and {more} more" if more > 0 else "")


def agents_data(downgraded: list[Downgraded]) -> list[dict[str, object]]:
    return [
        {"user_id": d.user_id, "products": list(d.products), "end_user": d.to_end_user}
        for d in downgraded[:NAMES_IN_DATA]
    ]


def downgrade_notice(
    account_id: str, downgraded: list[Downgraded], at: datetime, **data: object
) -> Notification:
    end_users = sum(1 for d in downgraded if d.to_end_user)
    return notice(
        account_id,
        NotificationType.AGENTS_DOWNGRADED,
        f"{len(downgraded)} agent(s) lost seats",
        f"Seats went below usage, so the most recently added agents gave up their seats: "
        f"{named(downgraded)}. {end_users} became end users.",
        at,
        count=len(downgraded),
        agents=agents_data(downgraded),
        **data,
    )


def ending_notice(
    account_id: str, grant: TemporarySeats, losing: list[Downgraded], at: datetime
) -> Notification:
    """The warning before temporary seats end, naming who would lose a seat
    then if nothing changes (newest first, the downgrade's own choice)."""
    products = ", ".join(grant.products)
    if losing:
        end_users = sum(1 for d in losing if d.to_end_user)
        who = (
            f"As seats are held now, {len(losing)} agent(s) would lose a seat then, the most "
            f"recently added first: {named(losing)}; {end_users} would become end users. "
            "Buy seats or remove agents before."
        )
    else:
        who = (
            "As seats are held now, no agent would lose a seat then. If more agents than "
            "seats remain by then, the most recently added become end users."
        )
    return notice(
        account_id,
        NotificationType.TEMPORARY_SEATS_ENDING,
        f"Temporary seats end {grant.ends_at:%Y-%m-%d %H:%M} UTC",
        f"{grant.seats} temporary seat(s) of {products} end at {grant.ends_at.isoformat()}. {who}",
        at,
        temporary_seats_id=grant.id,
        ends_at=grant.ends_at.isoformat(),
        products=list(grant.products),
        count=len(losing),
        agents=agents_data(losing),
    )


def how_to_buy(account: Account) -> tuple[str, list[str]]:
    """What the owner can do to get more seats on this account, in words, and
    the channels that sentence names."""
    options = purchase_options(account, Role.OWNER)
    ways = []
    if options.is_open(Channel.SUBSCRIPTION_PAGE, "add"):
        ways.append("add seats on the subscription page of the admin center")
    if options.is_open(Channel.ON_THE_FLY):
        ways.append("buy them while adding an agent")
    if options.is_open(Channel.SALES_REQUEST, "add"):
        rep = account.sales_rep
        who = f"your sales rep {rep.name} ({rep.email})" if rep else "your sales rep"
        ways.append(f"send a request to {who}, who creates the order for you")
    channels = [o.channel.value for o in options.options if o.available]
    if not ways:
        return "Contact your sales rep to buy more.", channels
    return "To buy more, " + ", or ".join(ways) + ".", channels


def seats_alert_notice(
    account: Account, level: AlertLevel, lines: list[dict[str, int | str]], at: datetime
) -> Notification:
    products = ", ".join(str(line["product"]) for line in lines)
    advice, channels = how_to_buy(account)
    if level is AlertLevel.FULL:
        kind, title = NotificationType.SEATS_FULL, f"All seats in use: {products}"
        said = f"Every agent seat of {products} is in use; the next agent will not fit."
    else:
        kind, title = NotificationType.SEATS_NEAR_LIMIT, f"Seats almost full: {products}"
        said = f"{products}: {NEAR_LIMIT_PERCENT}% or more of the agent seats are in use."
    return notice(account.id, kind, title, f"{said} {advice}", at, lines=lines, channels=channels)
