from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PreviewLineOut")


@_attrs_define
class PreviewLineOut:
    """
    Attributes:
        from_ (int):
        product (str):
        to (int):
        unit_price (int): One seat of this product for one whole billing cycle, in minor units of `currency`.
    """

    from_: int
    product: str
    to: int
    unit_price: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_

        product = self.product

        to = self.to

        unit_price = self.unit_price

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "product": product,
                "to": to,
                "unit_price": unit_price,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = d.pop("from")

        product = d.pop("product")

        to = d.pop("to")

        unit_price = d.pop("unit_price")

        preview_line_out = cls(
            from_=from_,
            product=product,
            to=to,
            unit_price=unit_price,
        )

        preview_line_out.additional_properties = d
        return preview_line_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
