"""Shared request and response building blocks."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Generic, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from app.domain.access import normalise_email

T = TypeVar("T")

# No NUL character in any text: PostgreSQL cannot store one (a 500 before this).
NO_NUL = r"^[^\x00]*$"

# 1-128 of letters, digits and . _ : @ -, and not only dots unless three or
# more: "." and ".." would name another path once put in a URL.
USER_ID_PATTERN = r"^(?:\.{3,}|[A-Za-z0-9._:@\-]*[A-Za-z0-9_:@\-][A-Za-z0-9._:@\-]*)$"
UserId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=128, pattern=USER_ID_PATTERN),
    Field(
        description="The identity system's user id: 1-128 of letters, digits and . _ : @ -, "
        "never `.` or `..`",
        examples=["u_1001"],
    ),
]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        max_length=320,
        pattern=r"^[^@\s\x00]+@[^@\s\x00]+\.[^@\s\x00]+$",
    ),
    AfterValidator(normalise_email),
    Field(examples=["ana@acme.example"]),
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=NO_NUL)
]
Code = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=NO_NUL)]
# An ISO 8601 duration; its meaning is checked by app/domain/durations.py (422
# `invalid_duration`), so a bad one gets the domain's words, not a pattern.
ReclaimAfter = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=NO_NUL)]


def _json_integer(value: object) -> object:
    # JSON Schema's integer: a number without a fraction (5 or 5.0), never "5" or true,
    # which pydantic's lax mode would take.
    if isinstance(value, str | bool):
        raise ValueError("Input should be a JSON integer")
    return value


# Request values of the JSON type the spec says: true/false, and numbers.
JsonBool = StrictBool


# JSON integers within bounds. The bounds go on the int, inside the validator:
# put after it, pydantic cannot apply them natively and writes them to the spec
# raw, as `ge`/`le` that no client generator knows, not `minimum`/`maximum`.
Count = Annotated[int, Field(ge=0, le=1_000_000_000), BeforeValidator(_json_integer)]
PositiveCount = Annotated[int, Field(ge=1, le=1_000_000_000), BeforeValidator(_json_integer)]
SeatCount = Annotated[Count, Field(description="A seat total; the catalog sets the maximum.")]

# The rule "exactly one of suite or product" is said in words and checked by a
# model validator (422), not stated as a oneOf: client generators turn such a
# oneOf into a union of its branches and lose the other fields.
ONE_OF_SUITE_OR_PRODUCT = "Give exactly one of `suite` or `product` (422 otherwise)."


class RequestBody(BaseModel):
    """Every request body refuses unknown fields, so a typo never silently does nothing."""

    model_config = ConfigDict(extra="forbid", str_max_length=10_000)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A field that may be left out is not `required`, and says its default in
        words, not as `default`: openapi-typescript (default flags) types every
        property with a `default` as always present, so a client would have to send
        each one. Absent means the default; null defaults are not mentioned."""
        schema = handler(core_schema)
        if handler.mode != "validation":
            return schema
        target = handler.resolve_ref_schema(schema)
        for prop in target.get("properties", {}).values():
            if "default" not in prop:
                continue
            default = prop.pop("default")
            if default is None:
                continue
            said = f"Default: `{json.dumps(default)}`."
            prop["description"] = f"{prop['description']} {said}" if "description" in prop else said
        return schema


class Page(BaseModel, Generic[T]):
    data: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last."
    )

    @classmethod
    def of(cls, page: Any, convert: Callable[[Any], T]) -> Page[T]:
        """A page of domain objects (`app.db.pages.Page`), each shaped by `convert`."""
        return cls(data=[convert(item) for item in page.items], next_cursor=page.next_cursor)


def require_one_target(suite: str | None, product: str | None) -> None:
    """A seat request names a whole suite or one product, never both or neither."""
    if (suite is None) == (product is None):
        raise ValueError("give exactly one of suite or product")


class SeatLineIn(RequestBody):
    """Seats for a whole suite, or for one product on its own."""

    model_config = ConfigDict(
        json_schema_extra={
            "description": "Seats for a whole suite, or for one product on its own. "
            + ONE_OF_SUITE_OR_PRODUCT,
            "examples": [{"suite": "support_suite", "seats": 5}, {"product": "sell", "seats": 2}],
        }
    )

    suite: Code | None = None
    product: Code | None = None
    seats: SeatCount

    @model_validator(mode="after")
    def _one_of_suite_or_product(self) -> Self:
        require_one_target(self.suite, self.product)
        return self
