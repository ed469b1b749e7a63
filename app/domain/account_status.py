"""An account's status, set by the billing system, and what each status lets
the account do with its seats (R5).

One table decides it, and every path that moves seats asks it through the
place all such paths share: taking a seat (`app/domain/seats.py::take_seats`),
giving seats back (`release_seats`, `remove_holder`, `Account.give_up`), and
moving seat totals (`Account.apply`, `Account.schedule`). Reads never ask.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import Conflict


class AccountStatus(StrEnum):
    ACTIVE = "active"
    PAST_DUE = "past_due"  # a grace period: seats in hand keep working, none is bought
    SUSPENDED = "suspended"  # nothing new: no seat assigned, none bought
    CANCELLED = "cancelled"  # closed: nothing about its seats changes, reads still work


class SeatAction(StrEnum):
    """What a change does to seats, as the status table sees it."""

    ASSIGN = "assign"  # give an agent a free seat
    BUY = "buy"  # raise a seat total, or grant temporary seats
    REMOVE = "remove"  # lower a seat total, take seats back, remove an agent


REFUSED: dict[AccountStatus, frozenset[SeatAction]] = {
    AccountStatus.ACTIVE: frozenset(),
    AccountStatus.PAST_DUE: frozenset({SeatAction.BUY}),
    AccountStatus.SUSPENDED: frozenset({SeatAction.ASSIGN, SeatAction.BUY}),
    AccountStatus.CANCELLED: frozenset(SeatAction),
}

# What the account can still do, said to whoever was refused (and to the owner
# when the status changes).
EXPLAINED: dict[AccountStatus, str] = {
    AccountStatus.ACTIVE: "Seats can be assigned, bought and removed.",
    AccountStatus.PAST_DUE: (
        "The account is past due: free seats can still be assigned and seats removed, "
        "but no seat can be bought until the balance is settled."
    ),
    AccountStatus.SUSPENDED: (
        "The account is suspended: agents keep the seats they hold and seats can be "
        "removed, but no seat can be assigned or bought until it is reinstated."
    ),
    AccountStatus.CANCELLED: (
        "The account is cancelled: its seats and agents are kept as they are and can be "
        "read, but none can be assigned, bought or removed."
    ),
}

_VERB = {
    SeatAction.ASSIGN: "assign a seat",
    SeatAction.BUY: "buy seats",
    SeatAction.REMOVE: "remove seats or agents",
}


class AccountNotActive(Conflict):
    """The account's status refuses this change; the code names the status
    (`account_past_due`, `account_suspended`, `account_cancelled`)."""

    title = "Refused by the account's status"


def refusal_code(status: AccountStatus) -> str:
    return f"account_{status.value}"


def refusal(status: AccountStatus, action: SeatAction) -> str | None:
    """The code refusing `action` on an account with `status`, or None when it may."""
    return refusal_code(status) if action in REFUSED[status] else None


def require(status: AccountStatus, action: SeatAction) -> None:
    """Raise AccountNotActive when the status refuses the action."""
    code = refusal(status, action)
    if code is not None:
        raise AccountNotActive(
            f"Cannot {_VERB[action]}. {EXPLAINED[status]}",
            code=code,
            account_status=status.value,
        )
