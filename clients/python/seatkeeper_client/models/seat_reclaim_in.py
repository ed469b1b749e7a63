from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SeatReclaimIn")


@_attrs_define
class SeatReclaimIn:
    """
    Attributes:
        inactive_for (str): ISO 8601 duration of weeks, days and hours (P30D, P4W, PT12H); months and years are refused
            (`invalid_duration`).
        dry_run (bool | Unset): true: only say who would go; false: take the seats back. Default: `true`.
        products (list[str] | None | Unset): Reclaim only these products' seats. Default: every one.
    """

    inactive_for: str
    dry_run: bool | Unset = UNSET
    products: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        inactive_for = self.inactive_for

        dry_run = self.dry_run

        products: list[str] | None | Unset
        if isinstance(self.products, Unset):
            products = UNSET
        elif isinstance(self.products, list):
            products = self.products

        else:
            products = self.products

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "inactive_for": inactive_for,
            }
        )
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if products is not UNSET:
            field_dict["products"] = products

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        inactive_for = d.pop("inactive_for")

        dry_run = d.pop("dry_run", UNSET)

        def _parse_products(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                products_type_0 = cast(list[str], data)

                return products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        products = _parse_products(d.pop("products", UNSET))

        seat_reclaim_in = cls(
            inactive_for=inactive_for,
            dry_run=dry_run,
            products=products,
        )

        return seat_reclaim_in
