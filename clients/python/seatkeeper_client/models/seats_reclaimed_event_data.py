from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.seats_reclaimed_event_data_seats_freed_item import SeatsReclaimedEventDataSeatsFreedItem


T = TypeVar("T", bound="SeatsReclaimedEventData")


@_attrs_define
class SeatsReclaimedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        agents (int): How many agents gave up seats.
        inactive_for (str): The inactivity asked for (ISO 8601 duration).
        policy (bool): Whether the account's reclaim_after took them (the jobs run).
        products (list[str] | None): The products reclaimed; null: every one.
        seats_freed (list[SeatsReclaimedEventDataSeatsFreedItem]): Per product: `{product, count}`.
    """

    account_id: str
    agents: int
    inactive_for: str
    policy: bool
    products: list[str] | None
    seats_freed: list[SeatsReclaimedEventDataSeatsFreedItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        agents = self.agents

        inactive_for = self.inactive_for

        policy = self.policy

        products: list[str] | None
        if isinstance(self.products, list):
            products = self.products

        else:
            products = self.products

        seats_freed = []
        for seats_freed_item_data in self.seats_freed:
            seats_freed_item = seats_freed_item_data.to_dict()
            seats_freed.append(seats_freed_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "agents": agents,
                "inactive_for": inactive_for,
                "policy": policy,
                "products": products,
                "seats_freed": seats_freed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seats_reclaimed_event_data_seats_freed_item import SeatsReclaimedEventDataSeatsFreedItem  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        agents = d.pop("agents")

        inactive_for = d.pop("inactive_for")

        policy = d.pop("policy")

        def _parse_products(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                products_type_0 = cast(list[str], data)

                return products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        products = _parse_products(d.pop("products"))

        seats_freed = []
        _seats_freed = d.pop("seats_freed")
        for seats_freed_item_data in _seats_freed:
            seats_freed_item = SeatsReclaimedEventDataSeatsFreedItem.from_dict(seats_freed_item_data)

            seats_freed.append(seats_freed_item)

        seats_reclaimed_event_data = cls(
            account_id=account_id,
            agents=agents,
            inactive_for=inactive_for,
            policy=policy,
            products=products,
            seats_freed=seats_freed,
        )

        seats_reclaimed_event_data.additional_properties = d
        return seats_reclaimed_event_data

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
