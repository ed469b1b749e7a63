"""Temporary seats on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from app.api.schemas.common import Code, RequestBody
from app.domain.temporary_seats import GrantStatus, TemporarySeats
from app.services.temporary_seats import NewTemporarySeats


class TemporarySeatsIn(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "suite": "support_suite",
                    "seats": 10,
                    "starts_at": "2026-12-01T00:00:00Z",
                    "ends_at": "2027-01-07T00:00:00Z",
                }
            ]
        }
    )

    product: Code | None = None
    suite: Code | None = None
    seats: int = Field(ge=1, le=100_000)
    starts_at: AwareDatetime
    ends_at: AwareDatetime

    @model_validator(mode="after")
    def _one_of_suite_or_product(self) -> Self:
        if (self.suite is None) == (self.product is None):
            raise ValueError("give exactly one of suite or product")
        return self

    def to_new(self) -> NewTemporarySeats:
        return NewTemporarySeats(
            seats=self.seats,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            product=self.product,
            suite=self.suite,
        )


class TemporarySeatsOut(BaseModel):
    id: str = Field(examples=["tmp_0189f3c5e2a1b4d7a1b2c3d4e5f6"])
    product: str | None
    suite: str | None
    products: list[str] = Field(description="Every product whose capacity these seats raise.")
    seats: int
    starts_at: datetime
    ends_at: datetime
    status: GrantStatus
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    warned_at: datetime | None = Field(description="When the owner was told they end soon.")

    @classmethod
    def of(cls, grant: TemporarySeats) -> TemporarySeatsOut:
        return cls(
            id=grant.id,
            product=grant.product,
            suite=grant.suite,
            products=list(grant.products),
            seats=grant.seats,
            starts_at=grant.starts_at,
            ends_at=grant.ends_at,
            status=grant.status,
            created_at=grant.created_at,
            started_at=grant.started_at,
            ended_at=grant.ended_at,
            warned_at=grant.warned_at,
        )
