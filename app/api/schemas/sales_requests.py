"""Sales requests on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.api.schemas.accounts import SalesRepOut
from app.api.schemas.common import (
    NO_NUL,
    ONE_OF_SUITE_OR_PRODUCT,
    Code,
    JsonInt,
    RequestBody,
    require_one_target,
)
from app.domain.sales_requests import RequestKind, RequestStatus, SalesRequest
from app.services.sales_requests import NewSalesRequest

Message = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=NO_NUL)
]


class SalesRequestIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "add_seats",
                    "suite": "support_suite",
                    "seats": 3,
                    "message": "Busy season",
                }
            ],
            "oneOf": ONE_OF_SUITE_OR_PRODUCT,
        }
    )

    kind: RequestKind
    product: Code | None = None
    suite: Code | None = None
    seats: JsonInt = Field(ge=1, le=1_000_000_000, description="How many seats to add or remove.")
    message: Message | None = None

    @model_validator(mode="after")
    def _one_of_suite_or_product(self) -> Self:
        require_one_target(self.suite, self.product)
        return self

    def to_new(self) -> NewSalesRequest:
        return NewSalesRequest(
            kind=self.kind,
            seats=self.seats,
            product=self.product,
            suite=self.suite,
            message=self.message,
        )


class DeclineIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Contract renewal first"}]}
    )

    reason: Message


class SalesRequestOut(BaseModel):
    id: str = Field(examples=["sr_eccbc87e4b5ce2fe2830"])
    account_id: str
    status: RequestStatus
    kind: RequestKind
    product: str | None
    suite: str | None
    seats: int
    message: str | None
    sales_rep: SalesRepOut | None
    requested_by: str = Field(description="The key that filed it.")
    created_at: datetime
    acted_by: str | None = Field(description="The key that fulfilled, declined or cancelled it.")
    acted_at: datetime | None
    decline_reason: str | None
    seat_change_id: str | None = Field(description="The seat change a fulfilment applied.")

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
            message=request.message,
            sales_rep=SalesRepOut(name=rep.name, email=rep.email) if rep else None,
            requested_by=request.requested_by,
            created_at=request.created_at,
            acted_by=request.acted_by,
            acted_at=request.acted_at,
            decline_reason=request.decline_reason,
            seat_change_id=request.seat_change_id,
        )
