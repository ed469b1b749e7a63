from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SeatLineIn")


@_attrs_define
class SeatLineIn:
    """Seats for a whole suite, or for one product on its own. Give exactly one of `suite` or `product` (422 otherwise).

    Attributes:
        seats (int): A seat total; the catalog sets the maximum.
        product (None | str | Unset):
        suite (None | str | Unset):
    """

    seats: int
    product: None | str | Unset = UNSET
    suite: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        seats = self.seats

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
                "seats": seats,
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
        seats = d.pop("seats")

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

        seat_line_in = cls(
            seats=seats,
            product=product,
            suite=suite,
        )

        return seat_line_in
