from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentDowngradedEventData")


@_attrs_define
class AgentDowngradedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        products (list[str]): The paid seats given up.
        reason (str): manual, seats_reduced, temporary_seats_ended or inactive.
        role (str): end_user when no seat is left, light_agent when a manager made them one, else agent.
        user_id (str): The agent's user id.
        inactive_for (str | Unset): The inactivity that took the seats (reason inactive), an ISO 8601 duration.
        seat_change_id (str | Unset): The seat change that cut capacity (reason seats_reduced).
        temporary_seats_id (str | Unset): The grant that ended (reason temporary_seats_ended).
    """

    account_id: str
    products: list[str]
    reason: str
    role: str
    user_id: str
    inactive_for: str | Unset = UNSET
    seat_change_id: str | Unset = UNSET
    temporary_seats_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        products = self.products

        reason = self.reason

        role = self.role

        user_id = self.user_id

        inactive_for = self.inactive_for

        seat_change_id = self.seat_change_id

        temporary_seats_id = self.temporary_seats_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "products": products,
                "reason": reason,
                "role": role,
                "user_id": user_id,
            }
        )
        if inactive_for is not UNSET:
            field_dict["inactive_for"] = inactive_for
        if seat_change_id is not UNSET:
            field_dict["seat_change_id"] = seat_change_id
        if temporary_seats_id is not UNSET:
            field_dict["temporary_seats_id"] = temporary_seats_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        products = cast(list[str], d.pop("products"))

        reason = d.pop("reason")

        role = d.pop("role")

        user_id = d.pop("user_id")

        inactive_for = d.pop("inactive_for", UNSET)

        seat_change_id = d.pop("seat_change_id", UNSET)

        temporary_seats_id = d.pop("temporary_seats_id", UNSET)

        agent_downgraded_event_data = cls(
            account_id=account_id,
            products=products,
            reason=reason,
            role=role,
            user_id=user_id,
            inactive_for=inactive_for,
            seat_change_id=seat_change_id,
            temporary_seats_id=temporary_seats_id,
        )

        agent_downgraded_event_data.additional_properties = d
        return agent_downgraded_event_data

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
