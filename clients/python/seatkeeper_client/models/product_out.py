from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_out_kind import ProductOutKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProductOut")


@_attrs_define
class ProductOut:
    """
    Attributes:
        code (str):
        currency (str):
        kind (ProductOutKind):
        monthly_price (int):
        name (str):
        base (None | str | Unset): An add-on's base product: the add-on's seats never exceed the base's
            (`addon_exceeds_base`). Null for a product.
    """

    code: str
    currency: str
    kind: ProductOutKind
    monthly_price: int
    name: str
    base: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        currency = self.currency

        kind = self.kind.value

        monthly_price = self.monthly_price

        name = self.name

        base: None | str | Unset
        if isinstance(self.base, Unset):
            base = UNSET
        else:
            base = self.base

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "currency": currency,
                "kind": kind,
                "monthly_price": monthly_price,
                "name": name,
            }
        )
        if base is not UNSET:
            field_dict["base"] = base

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        currency = d.pop("currency")

        kind = ProductOutKind(d.pop("kind"))

        monthly_price = d.pop("monthly_price")

        name = d.pop("name")

        def _parse_base(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        base = _parse_base(d.pop("base", UNSET))

        product_out = cls(
            code=code,
            currency=currency,
            kind=kind,
            monthly_price=monthly_price,
            name=name,
            base=base,
        )

        product_out.additional_properties = d
        return product_out

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
