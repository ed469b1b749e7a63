"""Notifications in words: what happened, and what the owner can do about it."""

from __future__ import annotations

from datetime import datetime

from app.domain.access import Role
from app.domain.account_status import EXPLAINED, AccountStatus, SeatAction
from app.domain.accounts import Account
from app.domain.activity import INACTIVE
from app.domain.alerts import AlertLevel
from app.domain.notifications import Notification, NotificationType
from app.domain.purchase_options import Channel, purchase_options
from app.domain.sales_requests import Assignee, RequestKind, RequestStatus, SalesRequest
from app.domain.seat_changes import Downgraded, Effective, SeatChange
from app.domain.seats import waiting_text
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


def status_notice(account: Account, before: AccountStatus, at: datetime) -> Notification:
    """The owner is told the account's new status and what it still allows."""
    return notice(
        account.id,
        NotificationType.ACCOUNT_STATUS_CHANGED,
        f"Account {account.status.value.replace('_', ' ')}",
        f"The account's status changed from {before.value} to {account.status.value}. "
        f"{EXPLAINED[account.status]}",
        at,
        status=account.status.value,
        previous_status=before.value,
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
    if data.get("reason") == INACTIVE:
        title = f"{len(downgraded)} inactive agent(s) lost seats"
        why = f"Agents inactive for {data.get('inactive_for')} gave up their seats"
    else:
        title = f"{len(downgraded)} agent(s) lost seats"
        why = "Seats went below usage, so the most recently added agents gave up their seats"
    return notice(
        account_id,
        NotificationType.AGENTS_DOWNGRADED,
        title,
        f"{why}: {named(downgraded)}. {end_users} became end users.",
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
    if not account.may(SeatAction.BUY):
        return EXPLAINED[account.status], channels  # no channel sells: say why
    if not ways:
        return "Contact your sales rep to buy more.", channels
    return "To buy more, " + ", or ".join(ways) + ".", channels


def seats_alert_notice(
    account: Account,
    level: AlertLevel,
    lines: list[dict[str, int | str]],
    at: datetime,
    waiting: int = 0,
) -> Notification:
    """`waiting`: how many wait for a seat on the account, so the owner knows
    how many seats to buy (each line says how many want its product)."""
    products = ", ".join(str(line["product"]) for line in lines)
    advice, channels = how_to_buy(account)
    if level is AlertLevel.FULL:
        kind, title = NotificationType.SEATS_FULL, f"All seats in use: {products}"
        said = f"Every agent seat of {products} is in use; the next agent will not fit."
        said = " ".join(filter(None, (said, waiting_text(waiting))))
        return notice(
            account.id,
            kind,
            title,
            f"{said} {advice}",
            at,
            lines=lines,
            channels=channels,
            waiting=waiting,
        )
    kind, title = NotificationType.SEATS_NEAR_LIMIT, f"Seats almost full: {products}"
    said = f"{products}: {NEAR_LIMIT_PERCENT}% or more of the agent seats are in use."
    return notice(account.id, kind, title, f"{said} {advice}", at, lines=lines, channels=channels)


def _asked(request: SalesRequest, seats: int | None = None) -> str:
    """What a sales request asks for, in words ("add 2 support_suite seat(s)")."""
    count = request.seats if seats is None else seats
    if request.kind is RequestKind.TEMPORARY_SEATS:
        assert request.starts_at is not None and request.ends_at is not None
        return (
            f"get {count} temporary {request.target_name} seat(s) from "
            f"{request.starts_at:%Y-%m-%d %H:%M} to {request.ends_at:%Y-%m-%d %H:%M} UTC"
        )
    verb = "add" if request.kind is RequestKind.ADD_SEATS else "remove"
    return f"{verb} {count} {request.target_name} seat(s)"


def _handler(request: SalesRequest) -> str:
    """Who works the request, as the owner knows them."""
    if request.assigned_to is Assignee.CUSTOMER_SUPPORT:
        return "customer support"
    return request.sales_rep.name if request.sales_rep else "your sales rep"


def _first_up(text: str) -> str:
    # Not str.capitalize(): it would lower the rest of a rep's name.
    return text[:1].upper() + text[1:]


def _fulfilled(request: SalesRequest) -> str:
    done = request.fulfilment
    assert done is not None
    said = f"{_first_up(_handler(request))} fulfilled your request to {_asked(request)}"
    if done.seats != request.seats:
        said += f", as {done.seats} seat(s)"
    if request.kind is RequestKind.TEMPORARY_SEATS:
        said += "; the temporary seats are granted."
    elif done.effective is Effective.AT_RENEWAL:
        said += "; the seats change at the renewal."
    else:
        said += "; the seats have changed."
    return f"{said} Note: {done.note}" if done.note else said


def sales_request_notice(request: SalesRequest) -> Notification:
    """The account's notice of where its request stands. A request on an
    account with no rep says it went to customer support, never to a rep."""
    what = _asked(request)
    if request.status is RequestStatus.SUBMITTED:
        if request.assigned_to is Assignee.CUSTOMER_SUPPORT:
            # Said as the help center says it ("Atención al cliente"), never "your rep".
            body = f"Your request to {what} was sent to customer support, who will handle it."
        else:
            body = f"Your request to {what} was sent to {_handler(request)}."
    elif request.status is RequestStatus.FULFILLED:
        body = _fulfilled(request)
    elif request.status is RequestStatus.DECLINED:
        body = (
            f"{_first_up(_handler(request))} declined your request to {what}: "
            f"{request.decline_reason}"
        )
    else:
        body = f"Your request to {what} was cancelled."
    return notice(
        request.account_id,
        NotificationType.SALES_REQUEST_UPDATED,
        f"Sales request {request.status}",
        body,
        request.acted_at or request.created_at,
        sales_request_id=request.id,
        status=request.status,
        assigned_to=request.assigned_to,
        seat_change_id=request.seat_change_id,
        temporary_seats_id=request.temporary_seats_id,
    )


def rep_notice(request: SalesRequest, account: Account, email: str) -> Notification:
    """The rep's notice of a new request on one of their accounts."""
    said = f"{account.name} asks to {_asked(request)}."
    if request.message:
        said += f" Their message: {request.message}"
    told = notice(
        request.account_id,
        NotificationType.SALES_REQUEST_SUBMITTED,
        f"New sales request from {account.name}"[:200],
        said,
        request.created_at,
        sales_request_id=request.id,
        kind=request.kind,
        seats=request.seats,
        product=request.product,
        suite=request.suite,
    )
    told.recipient_email = email
    return told
