"""What a preview says before a seat change is made (R9): what each seat
costs, what the subscription renews at, who would lose a seat, what else the
caller should know, and whether this caller may apply it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.accounts import Account
from app.domain.catalog import Catalog
from app.domain.pricing import cycle_amount, cycle_price
from app.domain.purchase_options import REASONS
from app.domain.seat_changes import Downgraded, Effective, SeatChange

NAMES_IN_WARNING = 20


class WarningCode(StrEnum):
    AGENTS_DOWNGRADED = "agents_downgraded"
    NO_CREDIT_FOR_DECREASE = "no_credit_for_decrease"
    REPLACES_SCHEDULED_CHANGE = "replaces_scheduled_change"
    SCHEDULED_CHANGE_PENDING = "scheduled_change_pending"


@dataclass(frozen=True, slots=True)
class PreviewWarning:
    code: WarningCode
    detail: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """What applying the change would answer this caller: a 403 code and why."""

    code: str
    detail: str


@dataclass(frozen=True, slots=True)
class Preview:
    change: SeatChange
    unit_prices: dict[str, int]  # per product: one seat for one whole cycle
    renewal_amount: int
    warnings: list[PreviewWarning]
    refusal: Refusal | None  # None: this caller may apply the change

    @property
    def can_apply(self) -> bool:
        return self.refusal is None


def preview(
    account: Account,
    change: SeatChange,
    pending: SeatChange | None,
    catalog: Catalog,
    refusal_code: str | None,
) -> Preview:
    """The preview of a planned `change`; `pending` is the change scheduled
    now, if any; `refusal_code` is why the caller may not apply it, if so."""
    cycle = account.billing_cycle
    return Preview(
        change=change,
        unit_prices={c.product: cycle_price(catalog, c.product, cycle) for c in change.lines},
        renewal_amount=cycle_amount(catalog, cycle, seats_at_renewal(account, change, pending)),
        warnings=warnings(change, pending),
        refusal=Refusal(refusal_code, REASONS[refusal_code]) if refusal_code else None,
    )


def seats_at_renewal(
    account: Account, change: SeatChange, pending: SeatChange | None
) -> dict[str, int]:
    """Every line's seats from the next term, were the change made: a change
    at renewal replaces the pending one; a change now leaves it to apply."""
    seats = {line.product: line.seats for line in account.lines}
    seats.update(change.totals)
    if pending is not None and change.effective is Effective.IMMEDIATELY:
        seats.update(pending.totals)
    return seats


def warnings(change: SeatChange, pending: SeatChange | None) -> list[PreviewWarning]:
    found = []
    now = change.effective is Effective.IMMEDIATELY
    if change.downgraded:
        who = _names(change.downgraded)
        detail = (
            f"{len(change.downgraded)} agent(s) give up seats, named ones first, then the "
            f"most recently added: {who}. Agents left with no seat become end users."
            if now
            else f"As seats are held now, {len(change.downgraded)} agent(s) would give up "
            f"seats at renewal: {who}. Who goes is decided then, against usage then."
        )
        found.append(PreviewWarning(WarningCode.AGENTS_DOWNGRADED, detail))
    if now and any(c.after < c.before for c in change.lines):
        found.append(
            PreviewWarning(
                WarningCode.NO_CREDIT_FOR_DECREASE,
                "Seats removed now are not credited for the rest of the term; "
                "the subscription renews at the lower amount.",
            )
        )
    if pending is not None and not now:
        found.append(
            PreviewWarning(
                WarningCode.REPLACES_SCHEDULED_CHANGE,
                f"This replaces the change scheduled for renewal ({pending.id}), "
                "which will be cancelled: one change waits per account.",
            )
        )
    elif pending is not None:
        found.append(
            PreviewWarning(
                WarningCode.SCHEDULED_CHANGE_PENDING,
                f"The change scheduled for renewal ({pending.id}) still applies then, "
                "against the seats this change leaves.",
            )
        )
    return found


def _names(downgraded: list[Downgraded]) -> str:
    shown = ", ".join(d.user_id for d in downgraded[:NAMES_IN_WARNING])
    more = len(downgraded) - NAMES_IN_WARNING
    return shown + (f" and {more} more" if more > 0 else "")
