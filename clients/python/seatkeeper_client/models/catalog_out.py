from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.product_out import ProductOut
    from ..models.suite_out import SuiteOut


T = TypeVar("T", bound="CatalogOut")


@_attrs_define
class CatalogOut:
    """
    Attributes:
        max_seats (int):
        products (list[ProductOut]):
        suites (list[SuiteOut]):
    """

    max_seats: int
    products: list[ProductOut]
    suites: list[SuiteOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_seats = self.max_seats

        products = []
        for products_item_data in self.products:
            products_item = products_item_data.to_dict()
            products.append(products_item)

        suites = []
        for suites_item_data in self.suites:
            suites_item = suites_item_data.to_dict()
            suites.append(suites_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_seats": max_seats,
                "products": products,
                "suites": suites,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_out import ProductOut  # noqa: PLC0415
        from ..models.suite_out import SuiteOut  # noqa: PLC0415

        d = dict(src_dict)
        max_seats = d.pop("max_seats")

        products = []
        _products = d.pop("products")
        for products_item_data in _products:
            products_item = ProductOut.from_dict(products_item_data)

            products.append(products_item)

        suites = []
        _suites = d.pop("suites")
        for suites_item_data in _suites:
            suites_item = SuiteOut.from_dict(suites_item_data)

            suites.append(suites_item)

        catalog_out = cls(
            max_seats=max_seats,
            products=products,
            suites=suites,
        )

        catalog_out.additional_properties = d
        return catalog_out

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
