"""Taking and giving back seats, and what to do when none is free (R13).

The counters on the seat lines change here, in the same transaction as the
assignments, so usage is read from the lines and never counted from rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.access import Role
from app.domain.account_status import SeatAction
from app.domain.accounts import Account
from app.domain.catalog import Catalog
from app.domain.errors import Conflict
from app.domain.pricing import prorated_charge
from app.domain.purchase_options import purchase_options


class SeatsExhausted(Conflict):
    code = "seats_exhausted"
    title = "No free seat"

    def __init__(self, detail: str, code: str | None = None, **extra: Any) -> None:
        super().__init__(detail, code, **extra)
        self.no_free = detail  # the text before how many wait (say_waiting)


@dataclass(frozen=True, slots=True)
class Shortfall:
    product: str
    capacity: int
    assigned: int
    needed: int  # seats to buy so that one more agent fits


@dataclass(frozen=True, slots=True)
class Purchase:
    """New seat totals per product, suite parity already applied."""

    totals: dict[str, int]

    def lines(self, account: Account) -> list[dict[str, Any]]:
        return [
            {"product": product, "from": _line(account, product).seats, "to": to}
            for product, to in self.totals.items()
        ]

    def increases(self, account: Account) -> dict[str, int]:
        return {p: to - _line(account, p).seats for p, to in self.totals.items()}


def _line(account: Account, product: str) -> Any:
    line = account.line(product)
    assert line is not None, product
    return line


def shortfalls(account: Account, products: list[str]) -> list[Shortfall]:
    missing = []
    for product in products:
        line = _line(account, product)
        if line.assigned + 1 > line.capacity:
            needed = line.assigned + 1 - line.capacity
            missing.append(Shortfall(product, line.capacity, line.assigned, needed))
    return missing


def purchase_for(account: Account, missing: list[Shortfall]) -> Purchase:
    """The smallest purchase that covers the shortfall while every suite keeps
    one seat count for all its products (R8)."""
    totals: dict[str, int] = {}
    for short in missing:
        line = _line(account, short.product)
        target = line.seats + short.needed
        members = (
            [ln.product for ln in account.lines if ln.suite == line.suite]
            if line.suite
            else [line.product]
        )
        for product in members:
            totals[product] = max(totals.get(product, 0), target)
    return Purchase(totals)


def quote(account: Account, purchase: Purchase, catalog: Catalog, now: datetime) -> dict[str, Any]:
    return {
        "lines": purchase.lines(account),
        "amount_due": prorated_charge(
            catalog,
            account.billing_cycle,
            purchase.increases(account),
            account.term_start,
            account.term_end,
            now,
        ),
        "currency": account.currency,
    }


def take_seats(
    account: Account,
    products: list[str],
    *,
    role: Role,
    catalog: Catalog,
    now: datetime,
    actor: str,
) -> None:
    """One seat of each product for one agent, or SeatsExhausted saying what is
    missing, what buying it costs now, and which channels this caller has.
    Every path that gives an agent a seat comes here, so the account's status
    is asked here first (409 `account_suspended`, `account_cancelled`)."""
    if products:
        account.require(SeatAction.ASSIGN)
    missing = shortfalls(account, products)
    if missing:
        names = ", ".join(short.product for short in missing)
        # The owner buys for the waiting room too: per line, how many wait for it.
        refusal = SeatsExhausted(
            f"No free seat of {names}.",
            missing=[
                {
                    "product": s.product,
                    "capacity": s.capacity,
                    "assigned": s.assigned,
                    "waiting": _line(account, s.product).waiting,
                }
                for s in missing
            ],
            quote=quote(account, purchase_for(account, missing), catalog, now),
            purchase_options=purchase_options(account, role).to_dict(),
        )
        say_waiting(refusal, max(_line(account, s.product).waiting for s in missing))
        raise refusal
    hold_seats(account, products, actor, now)


def say_waiting(refusal: SeatsExhausted, waiting: int) -> None:
    """Put how many agents wait for a seat in a refusal, in its `waiting`
    field and its text, so the owner knows how many seats to buy. The domain
    says the most any missing line counts; a service that can count the
    account's waiting room says it again, exactly."""
    refusal.detail = " ".join(filter(None, (refusal.no_free, waiting_text(waiting))))
    refusal.extra["waiting"] = waiting


def waiting_text(waiting: int) -> str:
    """How a refusal or a notice says how many wait (empty when nobody does)."""
    if waiting <= 0:
        return ""
    people = "agent is" if waiting == 1 else "agents are"
    return f"{waiting} {people} waiting for a seat."


def hold_seats(account: Account, products: list[str], actor: str, now: datetime) -> None:
    """One seat of each product, known to be free: the counters, the version,
    and the usage alerts the new usage crosses (R1)."""
    for product in products:
        _line(account, product).assigned += 1
    account.version += 1
    account.check_usage(products, actor, now)


def release_seats(account: Account, products: list[str]) -> None:
    """Give back one seat of each product: every path that takes seats from an
    agent comes here, so the status is asked (409 `account_cancelled`)."""
    if products:
        account.require(SeatAction.REMOVE)
    for product in products:
        line = _line(account, product)
        line.assigned = max(line.assigned - 1, 0)
    if products:
        account.version += 1
    account.rearm_alerts(products)


def remove_holder(account: Account, products: list[str]) -> None:
    """An agent or end user leaves: their paid seats are freed, and the version
    moves even for an end user, because the listing of who is on the account
    changed. Whoever may be a light agent leaves through
    app/domain/roles.py::leave, which frees their products too."""
    account.require(SeatAction.REMOVE)
    release_seats(account, products)
    account.version += 1
