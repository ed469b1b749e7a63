"""Temporary seats on the wire."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from app.api.schemas.common import (
    ONE_OF_SUITE_OR_PRODUCT,
    Code,
    PositiveCount,
    RequestBody,
    require_one_target,
)
from app.domain.limits import MAX_TEMPORARY_SEATS_DAYS, MAX_TEMPORARY_SEATS_PER_LINE
from app.domain.temporary_seats import GrantStatus, TemporarySeats
from app.services.temporary_seats import NewTemporarySeats

# RFC 3339, as `format: date-time` says: not a number, and not "1700000000",
# both of which pydantic's lax mode reads as a Unix time.
_RFC3339 = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ]"  # date
    r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"  # time
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})$"  # offset
)


def _rfc3339(value: object) -> object:
    if not isinstance(value, str) or not _RFC3339.match(value):
        raise ValueError("Input should be an RFC 3339 date-time, such as 2026-12-01T00:00:00Z")
    return value


def _in_utc(moment: datetime) -> datetime:
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        raise ValueError("the date is out of range in UTC") from None


UtcDatetime = Annotated[AwareDatetime, BeforeValidator(_rfc3339), AfterValidator(_in_utc)]


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
            ],
            "description": ONE_OF_SUITE_OR_PRODUCT,
        }
    )

    product: Code | None = None
    suite: Code | None = None
    # Not capped at the line's maximum here: the domain counts every grant not
    # yet ended against it and answers 422 `limit_exceeded` naming the field.
    seats: PositiveCount = Field(
        description="Extra seats for each product covered. A line's temporary seats, counting "
        f"every grant not yet ended, stay at or below {MAX_TEMPORARY_SEATS_PER_LINE:,} "
        "(422 `limit_exceeded`, field `temporary_seats`).",
    )
    starts_at: UtcDatetime
    ends_at: UtcDatetime = Field(
        description=f"At most {MAX_TEMPORARY_SEATS_DAYS} days after `starts_at` "
        "(422 `invalid_window` otherwise)."
    )

    @model_validator(mode="after")
    def _one_of_suite_or_product(self) -> Self:
        require_one_target(self.suite, self.product)
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
    amount_due: int = Field(
        description="Charged for the whole period, in minor units of `currency`: seats x "
        "cycle price x days held (a day begun counts whole) / days of the current term, "
        "summed over the products, rounded half up.",
        examples=[4950],
    )
    currency: str = Field(examples=["USD"])

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
            amount_due=grant.amount_due,
            currency=grant.currency,
        )
