"""Shared request and response building blocks."""

from __future__ import annotations

from typing import Annotated, Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

T = TypeVar("T")

UserId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9._:@\-]{1,128}$"),
    Field(
        description="The identity system's user id: 1-128 of letters, digits and . _ : @ -",
        examples=["u_1001"],
    ),
]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    ),
    Field(examples=["ana@acme.example"]),
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=64)]
SeatCount = Annotated[
    int, Field(ge=0, le=1_000_000_000, description="A seat total; the catalog sets the maximum.")
]


class RequestBody(BaseModel):
    """Every request body refuses unknown fields, so a typo never silently does nothing."""

    model_config = ConfigDict(extra="forbid", str_max_length=10_000)


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last."
    )


class SeatLineIn(RequestBody):
    """Seats for a whole suite, or for one product on its own."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"suite": "support_suite", "seats": 5}, {"product": "sell", "seats": 2}]
        }
    )

    suite: Code | None = None
    product: Code | None = None
    seats: SeatCount

    @model_validator(mode="after")
    def _one_of_suite_or_product(self) -> Self:
        if (self.suite is None) == (self.product is None):
            raise ValueError("give exactly one of suite or product")
        return self
