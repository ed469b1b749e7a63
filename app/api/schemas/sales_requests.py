"""Sales requests on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.api.schemas.accounts import SalesRepOut
from app.api.schemas.common import (
    NO_NUL,
    Code,
    PositiveCount,
    RequestBody,
    require_one_target,
)
from app.api.schemas.temporary_seats import UtcDatetime
from app.domain.sales_requests import (
    Adjustment,
    Assignee,
    Fulfilment,
    RequestKind,
    RequestStatus,
    SalesRequest,
)
from app.domain.seat_changes import Effective
from app.services.sales_requests import NewSalesRequest

Message = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=NO_NUL)
]
Seats = PositiveCount


class SalesRequestIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "add_seats",
                    "suite": "support_suite",
                    "seats": 3,
                    "message": "Busy season",
                },
                {
                    "kind": "temporary_seats",
                    "suite": "support_suite",
                    "seats": 10,
                    "starts_at": "2026-12-01T00:00:00Z",
                    "ends_at": "2027-01-07T00:00:00Z",
                },
            ],
            "description": "Exactly one of `suite` or `product` (422 otherwise). "
            "`starts_at` and `ends_at` are given with `kind: temporary_seats`, and only then.",
        }
    )

    kind: RequestKind
    product: Code | None = None
    suite: Code | None = None
    seats: Seats = Field(description="How many seats to add, remove, or grant for a while.")
    message: Message | None = None
    starts_at: UtcDatetime | None = Field(
        default=None,
        description="temporary_seats only (and required there): when the seats start.",
        examples=["2026-12-01T00:00:00Z"],
    )
    ends_at: UtcDatetime | None = Field(
        default=None,
        description="temporary_seats only (and required there): when they end; "
        "at most 366 days after starts_at.",
        examples=["2027-01-07T00:00:00Z"],
    )

    @model_validator(mode="after")
    def _one_of_suite_or_product(self) -> Self:
        require_one_target(self.suite, self.product)
        dated = self.starts_at is not None or self.ends_at is not None
        if self.kind is RequestKind.TEMPORARY_SEATS:
            if self.starts_at is None or self.ends_at is None:
                raise ValueError("temporary_seats needs starts_at and ends_at")
        elif dated:
            raise ValueError("starts_at and ends_at belong to temporary_seats only")
        return self

    def to_new(self) -> NewSalesRequest:
        return NewSalesRequest(
            kind=self.kind,
            seats=self.seats,
            product=self.product,
            suite=self.suite,
            message=self.message,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
        )


class FulfilIn(RequestBody):
    """The rep's adjustments, each optional: without a body the request is
    applied as asked, now."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"seats": 2, "effective": "at_renewal", "note": "Two now, more after the review"}
            ]
        }
    )

    seats: Seats | None = Field(
        default=None, description="How many seats to apply instead of those asked for."
    )
    effective: Effective | None = Field(
        default=None,
        description="add_seats and remove_seats: `immediately` (the default) or `at_renewal`. "
        "Not for temporary_seats, whose dates say when (422 `effective_not_applicable`).",
    )
    note: Message | None = Field(
        default=None, description="Why, for the account: shown on the request and in its notice."
    )

    def to_adjustment(self) -> Adjustment:
        return Adjustment(seats=self.seats, effective=self.effective, note=self.note)


class DeclineIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Contract renewal first"}]}
    )

    reason: Message


class FulfilmentOut(BaseModel):
    seats: int = Field(description="The seats applied (the rep may have adjusted them).")
    effective: Effective | None = Field(
        description="When the seat change applies; null for temporary seats."
    )
    note: str | None = Field(description="The rep's note.")

    @classmethod
    def of(cls, done: Fulfilment) -> FulfilmentOut:
        return cls(seats=done.seats, effective=done.effective, note=done.note)


class SalesRequestOut(BaseModel):
    id: str = Field(examples=["sr_eccbc87e4b5ce2fe2830"])
    account_id: str
    status: RequestStatus
    kind: RequestKind
    product: str | None
    suite: str | None
    seats: int = Field(description="The seats asked for.")
    starts_at: datetime | None = Field(description="temporary_seats: when they start.")
    ends_at: datetime | None = Field(description="temporary_seats: when they end.")
    message: str | None
    sales_rep: SalesRepOut | None
    assigned_to: Assignee = Field(
        description="Who works it: `sales_rep`, or `customer_support` when the account has no rep."
    )
    requested_by: str = Field(description="The key that filed it.")
    created_at: datetime
    acted_by: str | None = Field(description="The key that fulfilled, declined or cancelled it.")
    acted_at: datetime | None
    decline_reason: str | None
    fulfilment: FulfilmentOut | None = Field(
        description="What was applied, once fulfilled: seats, when, and the rep's note."
    )
    seat_change_id: str | None = Field(description="The seat change a fulfilment applied.")
    temporary_seats_id: str | None = Field(
        description="The temporary seats a fulfilled temporary_seats request granted."
    )

    @classmethod
    def of(cls, request: SalesRequest) -> SalesRequestOut:
        rep = request.sales_rep
        return cls(
            id=request.id,
            account_id=request.account_id,
            status=request.status,
            kind=request.kind,
            product=request.product,
            suite=request.suite,
            seats=request.seats,
            starts_at=request.starts_at,
            ends_at=request.ends_at,
            message=request.message,
            sales_rep=SalesRepOut(name=rep.name, email=rep.email) if rep else None,
            assigned_to=request.assigned_to,
            requested_by=request.requested_by,
            created_at=request.created_at,
            acted_by=request.acted_by,
            acted_at=request.acted_at,
            decline_reason=request.decline_reason,
            fulfilment=FulfilmentOut.of(request.fulfilment) if request.fulfilment else None,
            seat_change_id=request.seat_change_id,
            temporary_seats_id=request.temporary_seats_id,
        )
