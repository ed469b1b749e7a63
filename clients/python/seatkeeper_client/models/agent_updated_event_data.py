from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentUpdatedEventData")


@_attrs_define
class AgentUpdatedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        added (list[str]): Products taken.
        products (list[str]): The products held after the change.
        removed (list[str]): Products given back.
        role (str): agent, light_agent or end_user, after the change.
        seat_change_id (None | str): The seat change that went with it, if any.
        user_id (str): The agent's user id.
        email (str | Unset): The new email, when it changed.
        name (str | Unset): The new name, when it changed.
    """

    account_id: str
    added: list[str]
    products: list[str]
    removed: list[str]
    role: str
    seat_change_id: None | str
    user_id: str
    email: str | Unset = UNSET
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        added = self.added

        products = self.products

        removed = self.removed

        role = self.role

        seat_change_id: None | str
        seat_change_id = self.seat_change_id

        user_id = self.user_id

        email = self.email

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "added": added,
                "products": products,
                "removed": removed,
                "role": role,
                "seat_change_id": seat_change_id,
                "user_id": user_id,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        added = cast(list[str], d.pop("added"))

        products = cast(list[str], d.pop("products"))

        removed = cast(list[str], d.pop("removed"))

        role = d.pop("role")

        def _parse_seat_change_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seat_change_id = _parse_seat_change_id(d.pop("seat_change_id"))

        user_id = d.pop("user_id")

        email = d.pop("email", UNSET)

        name = d.pop("name", UNSET)

        agent_updated_event_data = cls(
            account_id=account_id,
            added=added,
            products=products,
            removed=removed,
            role=role,
            seat_change_id=seat_change_id,
            user_id=user_id,
            email=email,
            name=name,
        )

        agent_updated_event_data.additional_properties = d
        return agent_updated_event_data

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
