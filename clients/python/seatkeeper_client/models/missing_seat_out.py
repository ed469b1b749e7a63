from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MissingSeatOut")


@_attrs_define
class MissingSeatOut:
    """
    Attributes:
        assigned (int):
        capacity (int): The line's seats, temporary ones included.
        count (int): Seats short: how many to buy so that the agents asking fit.
        product (str):
        waiting (int): Users in the account's waiting room for this product.
    """

    assigned: int
    capacity: int
    count: int
    product: str
    waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assigned = self.assigned

        capacity = self.capacity

        count = self.count

        product = self.product

        waiting = self.waiting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assigned": assigned,
                "capacity": capacity,
                "count": count,
                "product": product,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assigned = d.pop("assigned")

        capacity = d.pop("capacity")

        count = d.pop("count")

        product = d.pop("product")

        waiting = d.pop("waiting")

        missing_seat_out = cls(
            assigned=assigned,
            capacity=capacity,
            count=count,
            product=product,
            waiting=waiting,
        )

        missing_seat_out.additional_properties = d
        return missing_seat_out

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
