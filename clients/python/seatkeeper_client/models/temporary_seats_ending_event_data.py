from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TemporarySeatsEndingEventData")


@_attrs_define
class TemporarySeatsEndingEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        ends_at (str): When it ends (ISO 8601).
        products (list[str]): The products it adds seats to.
        seats (int): Extra seats per product.
        starts_at (str): When it starts (ISO 8601).
        temporary_seats_id (str): The grant (`tmp_...`).
    """

    account_id: str
    ends_at: str
    products: list[str]
    seats: int
    starts_at: str
    temporary_seats_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        ends_at = self.ends_at

        products = self.products

        seats = self.seats

        starts_at = self.starts_at

        temporary_seats_id = self.temporary_seats_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "ends_at": ends_at,
                "products": products,
                "seats": seats,
                "starts_at": starts_at,
                "temporary_seats_id": temporary_seats_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        ends_at = d.pop("ends_at")

        products = cast(list[str], d.pop("products"))

        seats = d.pop("seats")

        starts_at = d.pop("starts_at")

        temporary_seats_id = d.pop("temporary_seats_id")

        temporary_seats_ending_event_data = cls(
            account_id=account_id,
            ends_at=ends_at,
            products=products,
            seats=seats,
            starts_at=starts_at,
            temporary_seats_id=temporary_seats_id,
        )

        temporary_seats_ending_event_data.additional_properties = d
        return temporary_seats_ending_event_data

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
