from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TemporarySeatsIn")


@_attrs_define
class TemporarySeatsIn:
    """Give exactly one of `suite` or `product` (422 otherwise).

    Attributes:
        ends_at (datetime.datetime): At most 366 days after `starts_at` (422 `invalid_window` otherwise).
        seats (int): Extra seats for each product covered. A line's temporary seats, counting every grant not yet ended,
            stay at or below 100,000 (422 `limit_exceeded`, field `temporary_seats`).
        starts_at (datetime.datetime):
        product (None | str | Unset):
        suite (None | str | Unset):
    """

    ends_at: datetime.datetime
    seats: int
    starts_at: datetime.datetime
    product: None | str | Unset = UNSET
    suite: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ends_at = self.ends_at.isoformat()

        seats = self.seats

        starts_at = self.starts_at.isoformat()

        product: None | str | Unset
        if isinstance(self.product, Unset):
            product = UNSET
        else:
            product = self.product

        suite: None | str | Unset
        if isinstance(self.suite, Unset):
            suite = UNSET
        else:
            suite = self.suite

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ends_at": ends_at,
                "seats": seats,
                "starts_at": starts_at,
            }
        )
        if product is not UNSET:
            field_dict["product"] = product
        if suite is not UNSET:
            field_dict["suite"] = suite

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        seats = d.pop("seats")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        def _parse_product(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product = _parse_product(d.pop("product", UNSET))

        def _parse_suite(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        suite = _parse_suite(d.pop("suite", UNSET))

        temporary_seats_in = cls(
            ends_at=ends_at,
            seats=seats,
            starts_at=starts_at,
            product=product,
            suite=suite,
        )

        return temporary_seats_in
