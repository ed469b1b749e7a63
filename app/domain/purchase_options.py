"""Who may buy or give back seats, and through which channel (R5, R6, R7, R11).

One pure policy answers both `GET /purchase-options` and every refusal, so what
an error body offers is always what the caller could actually use.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from app.domain.access import Role
from app.domain.account_status import EXPLAINED, AccountStatus, SeatAction, refusal_code
from app.domain.accounts import Account, BillingMode
from app.domain.errors import Forbidden


class Channel(StrEnum):
    SUBSCRIPTION_PAGE = "subscription_page"
    ON_THE_FLY = "on_the_fly"
    SALES_REQUEST = "sales_request"


# A platform admin files a sales request for the customer; a rep works the queue
# rather than filling it, and a viewer only reads.
SALES_REQUESTERS = frozenset({Role.OWNER, Role.ADMIN, Role.PLATFORM_ADMIN})

REASONS: dict[str, str] = {
    "not_account_owner": "Only the account owner buys or removes seats.",
    "subscription_managed_by_sales": (
        "This subscription is managed by the account's sales rep; the subscription page "
        "needs the Manage permission."
    ),
    "sales_assisted_account": (
        "Seats are bought while adding an agent only on self-service accounts."
    ),
    "insufficient_role": (
        "Only the account owner, an account admin or a platform admin submits a sales request."
    ),
    "self_service_account": (
        "A self-service account changes its seats on the subscription page, not through a rep."
    ),
    "removal_requires_sales_request": (
        "A sales-assisted account removes seats through a sales request to its rep."
    ),
    "legacy_sell_removal": (
        "A legacy Sell account removes Sell seats through a sales request "
        "(kind remove_seats), not on the subscription page."
    ),
    # A channel the account's status closes (app/domain/account_status.py).
    **{refusal_code(s): EXPLAINED[s] for s in AccountStatus if s is not AccountStatus.ACTIVE},
}
# What each action of a channel does, for the status table.
ACTION_OF = {"add": SeatAction.BUY, "remove": SeatAction.REMOVE}


@dataclass(frozen=True, slots=True)
class ChannelOption:
    channel: Channel
    available: bool
    actions: tuple[str, ...]
    reason_code: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "channel": self.channel.value,
            "available": self.available,
            "actions": list(self.actions),
        }
        # The contract shows reason_code and reason only on closed channels.
        if not self.available:
            data["reason_code"] = self.reason_code
            data["reason"] = self.reason
        return data


@dataclass(frozen=True, slots=True)
class Contact:
    """Who can act when nothing is open to the caller."""

    role: Literal["owner", "sales_rep"]
    name: str
    email: str

    def to_dict(self) -> dict[str, object]:
        return {"role": self.role, "name": self.name, "email": self.email}


@dataclass(frozen=True, slots=True)
class PurchaseOptions:
    options: tuple[ChannelOption, ...]
    contact: Contact | None

    def option(self, channel: Channel) -> ChannelOption:
        for option in self.options:
            if option.channel is channel:
                return option
        raise LookupError(channel)

    def is_open(self, channel: Channel, action: str | None = None) -> bool:
        option = self.option(channel)
        return option.available and (action is None or action in option.actions)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data, embedded in refusals as `purchase_options`."""
        return {
            "options": [option.to_dict() for option in self.options],
            "contact": self.contact.to_dict() if self.contact else None,
        }


def _open(channel: Channel, *actions: str) -> ChannelOption:
    return ChannelOption(channel, True, actions)


def _closed(channel: Channel, code: str) -> ChannelOption:
    return ChannelOption(channel, False, (), code, REASONS[code])


def _subscription_page(account: Account, role: Role) -> ChannelOption:
    channel = Channel.SUBSCRIPTION_PAGE
    if role is not Role.OWNER:
        return _closed(channel, "not_account_owner")
    if account.billing_mode is BillingMode.SELF_SERVICE:
        return _open(channel, "add", "remove")
    # Manage lets a sales-assisted owner buy here; removal stays with the rep (R7).
    if account.self_manageable:
        return _open(channel, "add")
    return _closed(channel, "subscription_managed_by_sales")


def _on_the_fly(account: Account, role: Role) -> ChannelOption:
    channel = Channel.ON_THE_FLY
    if role is not Role.OWNER:
        return _closed(channel, "not_account_owner")
    if account.billing_mode is BillingMode.SELF_SERVICE:
        return _open(channel, "add")
    return _closed(channel, "sales_assisted_account")


def _sales_request(account: Account, role: Role) -> ChannelOption:
    channel = Channel.SALES_REQUEST
    if role not in SALES_REQUESTERS:
        return _closed(channel, "insufficient_role")
    if account.billing_mode is BillingMode.SALES_ASSISTED:
        return _open(channel, "add", "remove")
    # A self-service account reaches a rep only to give back legacy Sell seats (R11);
    # "remove" here means Sell seats alone, which sales_request_open enforces.
    if account.legacy_sell:
        return _open(channel, "remove")
    return _closed(channel, "self_service_account")


def _contact(account: Account) -> Contact:
    rep = account.sales_rep
    managed_by_sales = (
        account.billing_mode is BillingMode.SALES_ASSISTED and not account.self_manageable
    )
    # Only the rep can change a subscription the owner may not manage; the owner
    # is the fallback even then, should an account somehow lack its rep.
    if managed_by_sales and rep is not None:
        return Contact("sales_rep", rep.name, rep.email)
    return Contact("owner", account.owner.name, account.owner.email)


def _within_status(option: ChannelOption, account: Account) -> ChannelOption:
    """The channel with only the actions the account's status allows: a past
    due account cannot buy, a cancelled one cannot remove either. A channel
    left with none is closed with the status's code (`account_past_due`, ...)."""
    if not option.available:
        return option  # the caller's own reason comes first
    allowed = tuple(a for a in option.actions if account.may(ACTION_OF[a]))
    if allowed == option.actions:
        return option
    if allowed:
        return ChannelOption(option.channel, True, allowed)
    return _closed(option.channel, refusal_code(account.status))


def purchase_options(account: Account, role: Role) -> PurchaseOptions:
    """Every channel, open or closed with its reason, for this caller on this account.

    On a legacy Sell account the subscription page still lists "remove": it may
    lower every other product, and `refuse_seat_change` turns away lowering Sell.
    """
    options = tuple(
        _within_status(option, account)
        for option in (
            _subscription_page(account, role),
            _on_the_fly(account, role),
            _sales_request(account, role),
        )
    )
    nothing_open = not any(option.available for option in options)
    return PurchaseOptions(options, _contact(account) if nothing_open else None)


def seat_change_refusal(
    account: Account, role: Role, *, decreases: bool = False, lowers_sell: bool = False
) -> str | None:
    """Why the subscription page may not make this change for this caller (a
    reason code of REASONS), or None when it may.

    No rule refuses adding seats to a caller who reaches the page. The checks run from the
    broadest reason to the narrowest, so the answer names the first thing the
    caller must fix.
    """
    sales_assisted = account.billing_mode is BillingMode.SALES_ASSISTED
    if role is not Role.OWNER:
        return "not_account_owner"
    if sales_assisted and not account.self_manageable:
        return "subscription_managed_by_sales"
    if decreases and sales_assisted:
        return "removal_requires_sales_request"
    if lowers_sell and account.legacy_sell:
        return "legacy_sell_removal"
    return None


def refuse_seat_change(
    account: Account, role: Role, *, decreases: bool = False, lowers_sell: bool = False
) -> None:
    """Raise Forbidden when the subscription page may not make this change."""
    code = seat_change_refusal(account, role, decreases=decreases, lowers_sell=lowers_sell)
    if code is not None:
        raise Forbidden(
            REASONS[code],
            code=code,
            purchase_options=purchase_options(account, role).to_dict(),
        )


def sales_request_open(
    account: Account,
    role: Role,
    *,
    kind: Literal["add_seats", "remove_seats", "temporary_seats"],
    sell_only: bool,
) -> bool:
    """Whether this caller may file a sales request of this kind. Temporary
    seats add capacity, so they are open where adding is: sales-assisted
    accounts (a self-service owner grants them on the temporary-seats page)."""
    action = "remove" if kind == "remove_seats" else "add"
    if not purchase_options(account, role).is_open(Channel.SALES_REQUEST, action):
        return False
    # The self-service opening is for legacy Sell removals only (R11).
    return account.billing_mode is BillingMode.SALES_ASSISTED or sell_only
