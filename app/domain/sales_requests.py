"""Sales requests: the form that goes straight to the sales rep and becomes a
service order on the customer's behalf (R4, R6, R7, R11)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.accounts import Account, SalesRep
from app.domain.catalog import Catalog
from app.domain.errors import Conflict, InvalidRequest
from app.domain.seat_changes import SELL, new_totals
from app.domain.subscription import SeatTarget


class RequestKind(StrEnum):
    ADD_SEATS = "add_seats"
    REMOVE_SEATS = "remove_seats"


class RequestStatus(StrEnum):
    SUBMITTED = "submitted"
    FULFILLED = "fulfilled"
    DECLINED = "declined"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class SalesRequest:
    id: str
    account_id: str
    kind: RequestKind
    seats: int  # how many to add or remove
    status: RequestStatus
    requested_by: str
    created_at: datetime
    sales_rep: SalesRep | None
    product: str | None = None
    suite: str | None = None
    message: str | None = None
    acted_by: str | None = None
    acted_at: datetime | None = None
    decline_reason: str | None = None
    seat_change_id: str | None = None

    def fulfil(self, actor: str, now: datetime, seat_change_id: str) -> None:
        self._move(RequestStatus.FULFILLED, actor, now)
        self.seat_change_id = seat_change_id

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


def target_of(request: SalesRequest) -> SeatTarget:
    return SeatTarget(seats=request.seats, suite=request.suite, product=request.product)


def requested_totals(
    account: Account, kind: RequestKind, target: SeatTarget, catalog: Catalog
) -> dict[str, int]:
    """The seat totals the request asks for, from the account's seats now."""
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
