"""Sales requests: the form that goes straight to the sales rep and becomes a
service order on the customer's behalf (R4, R6, R7, R11, R12)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.account_status import SeatAction
from app.domain.accounts import Account, SalesRep
from app.domain.catalog import Catalog
from app.domain.errors import Conflict, InvalidRequest
from app.domain.seat_changes import SELL, Effective, new_totals
from app.domain.subscription import SeatTarget


class RequestKind(StrEnum):
    ADD_SEATS = "add_seats"
    REMOVE_SEATS = "remove_seats"
    TEMPORARY_SEATS = "temporary_seats"


class RequestStatus(StrEnum):
    SUBMITTED = "submitted"
    FULFILLED = "fulfilled"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class Assignee(StrEnum):
    """Who works the request: the account's rep, or customer support when the
    account has none (a legacy-Sell removal on a self-service account)."""

    SALES_REP = "sales_rep"
    CUSTOMER_SUPPORT = "customer_support"


def assignee_for(account: Account) -> Assignee:
    return Assignee.SALES_REP if account.sales_rep is not None else Assignee.CUSTOMER_SUPPORT


def require_status(account: Account, kind: RequestKind) -> None:
    """A request the account's status would refuse to fulfil is refused when
    filed (409 `account_past_due`, ...): adding and temporary seats are buying,
    removing is removing."""
    account.require(SeatAction.REMOVE if kind is RequestKind.REMOVE_SEATS else SeatAction.BUY)


@dataclass(frozen=True, slots=True)
class Adjustment:
    """What the rep may change before fulfilling; None keeps what was asked."""

    seats: int | None = None
    effective: Effective | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Fulfilment:
    """What was applied: the seats, when (None for temporary seats, whose own
    dates say when), and the rep's note."""

    seats: int
    effective: Effective | None
    note: str | None


@dataclass(slots=True)
class SalesRequest:
    id: str
    account_id: str
    kind: RequestKind
    seats: int  # how many to add, remove, or grant for a while
    status: RequestStatus
    requested_by: str
    created_at: datetime
    sales_rep: SalesRep | None
    assigned_to: Assignee = Assignee.SALES_REP
    product: str | None = None
    suite: str | None = None
    message: str | None = None
    starts_at: datetime | None = None  # temporary seats only
    ends_at: datetime | None = None
    acted_by: str | None = None
    acted_at: datetime | None = None
    decline_reason: str | None = None
    fulfilment: Fulfilment | None = None
    seat_change_id: str | None = None
    temporary_seats_id: str | None = None

    def fulfilment_for(self, adjustment: Adjustment) -> Fulfilment:
        """The request as the rep will apply it: what was asked, with the rep's
        adjustments. Temporary seats take their dates from the request."""
        seats = adjustment.seats if adjustment.seats is not None else self.seats
        check_count(seats)
        if self.kind is RequestKind.TEMPORARY_SEATS:
            if adjustment.effective is not None:
                raise InvalidRequest(
                    "Temporary seats run between their starts_at and ends_at; "
                    "`effective` applies to add_seats and remove_seats only.",
                    code="effective_not_applicable",
                )
            return Fulfilment(seats, None, adjustment.note)
        return Fulfilment(seats, adjustment.effective or Effective.IMMEDIATELY, adjustment.note)

    def fulfil(
        self,
        actor: str,
        now: datetime,
        fulfilment: Fulfilment,
        *,
        seat_change_id: str | None = None,
        temporary_seats_id: str | None = None,
    ) -> None:
        self._move(RequestStatus.FULFILLED, actor, now)
        self.fulfilment = fulfilment
        self.seat_change_id = seat_change_id
        self.temporary_seats_id = temporary_seats_id

    def decline(self, actor: str, now: datetime, reason: str) -> None:
        self._move(RequestStatus.DECLINED, actor, now)
        self.decline_reason = reason

    def cancel(self, actor: str, now: datetime) -> None:
        self._move(RequestStatus.CANCELLED, actor, now)

    def require_submitted(self, to: RequestStatus) -> None:
        # Status only moves forward, and only out of `submitted`.
        if self.status is not RequestStatus.SUBMITTED:
            raise Conflict(
                f"The request is {self.status}; it cannot become {to}.", code="invalid_transition"
            )

    def _move(self, to: RequestStatus, actor: str, now: datetime) -> None:
        self.require_submitted(to)
        self.status, self.acted_by, self.acted_at = to, actor, now

    @property
    def target_name(self) -> str:
        return self.suite or self.product or ""


def target_of(request: SalesRequest, seats: int | None = None) -> SeatTarget:
    """What the request names, for `seats` (by default the seats it asked for)."""
    return SeatTarget(
        seats=request.seats if seats is None else seats,
        suite=request.suite,
        product=request.product,
    )


def requested_totals(
    account: Account, kind: RequestKind, target: SeatTarget, catalog: Catalog
) -> dict[str, int]:
    """The seat totals an add or remove request asks for, from the account's seats now."""
    assert kind is not RequestKind.TEMPORARY_SEATS, "temporary seats change no totals"
    products = new_totals(
        account, [SeatTarget(seats=1, suite=target.suite, product=target.product)], catalog
    )
    sign = 1 if kind is RequestKind.ADD_SEATS else -1
    totals = {}
    for product in products:
        line = account.line(product)
        assert line is not None
        totals[product] = line.seats + sign * target.seats
    # Same bounds as the subscription page: the owner keeps a seat, the catalog caps.
    return new_totals(
        account,
        [SeatTarget(seats=total, product=product) for product, total in totals.items()],
        catalog,
    )


def lowers_sell(kind: RequestKind, totals: dict[str, int]) -> bool:
    return kind is RequestKind.REMOVE_SEATS and SELL in totals


def check_count(seats: int) -> None:
    if seats < 1:
        raise InvalidRequest("Ask for at least one seat.", code="seats_out_of_range")
