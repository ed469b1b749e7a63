from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_role import AgentRole

if TYPE_CHECKING:
    from ..models.seat_explanation_out import SeatExplanationOut


T = TypeVar("T", bound="AgentSeatsOut")


@_attrs_define
class AgentSeatsOut:
    """Why a person's seats are counted, or not: one entry per subscribed product.

    Attributes:
        role (AgentRole):
        seats (list[SeatExplanationOut]): One entry per subscribed product, in the subscription's order.
        user_id (str):
    """

    role: AgentRole
    seats: list[SeatExplanationOut]
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        seats = []
        for seats_item_data in self.seats:
            seats_item = seats_item_data.to_dict()
            seats.append(seats_item)

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "seats": seats,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seat_explanation_out import SeatExplanationOut  # noqa: PLC0415

        d = dict(src_dict)
        role = AgentRole(d.pop("role"))

        seats = []
        _seats = d.pop("seats")
        for seats_item_data in _seats:
            seats_item = SeatExplanationOut.from_dict(seats_item_data)

            seats.append(seats_item)

        user_id = d.pop("user_id")

        agent_seats_out = cls(
            role=role,
            seats=seats,
            user_id=user_id,
        )

        agent_seats_out.additional_properties = d
        return agent_seats_out

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
