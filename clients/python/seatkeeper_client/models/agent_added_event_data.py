from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentAddedEventData")


@_attrs_define
class AgentAddedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        products (list[str]): The products taken.
        seat_change_id (None | str): The seat change that went with it, if any.
        user_id (str): The agent's user id.
        from_waiting_room (bool | Unset): True when a freed or added seat let them in from the waiting room.
        queued_at (str | Unset): From the waiting room: when they started waiting.
        role (str | Unset): agent, light_agent (no paid seat taken), or end_user for a user a bulk sync added holding no
            seat; absent means agent.
    """

    account_id: str
    products: list[str]
    seat_change_id: None | str
    user_id: str
    from_waiting_room: bool | Unset = UNSET
    queued_at: str | Unset = UNSET
    role: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        products = self.products

        seat_change_id: None | str
        seat_change_id = self.seat_change_id

        user_id = self.user_id

        from_waiting_room = self.from_waiting_room

        queued_at = self.queued_at

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "products": products,
                "seat_change_id": seat_change_id,
                "user_id": user_id,
            }
        )
        if from_waiting_room is not UNSET:
            field_dict["from_waiting_room"] = from_waiting_room
        if queued_at is not UNSET:
            field_dict["queued_at"] = queued_at
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        products = cast(list[str], d.pop("products"))

        def _parse_seat_change_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seat_change_id = _parse_seat_change_id(d.pop("seat_change_id"))

        user_id = d.pop("user_id")

        from_waiting_room = d.pop("from_waiting_room", UNSET)

        queued_at = d.pop("queued_at", UNSET)

        role = d.pop("role", UNSET)

        agent_added_event_data = cls(
            account_id=account_id,
            products=products,
            seat_change_id=seat_change_id,
            user_id=user_id,
            from_waiting_room=from_waiting_room,
            queued_at=queued_at,
            role=role,
        )

        agent_added_event_data.additional_properties = d
        return agent_added_event_data

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
