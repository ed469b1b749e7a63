from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_role import AgentRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="AddedAgentOut")


@_attrs_define
class AddedAgentOut:
    """
    Attributes:
        added_at (datetime.datetime):
        agent_since (datetime.datetime): The last time they became an agent or a light agent: when added as one, or when
            their role changed to it. Lists are newest first by it, and a decrease below usage downgrades the most recent
            agents first.
        downgrade_reason (None | str): Why they last gave up seats: manual, seats_reduced, temporary_seats_ended or
            inactive.
        downgraded_at (datetime.datetime | None):
        email (str):
        is_owner (bool):
        name (str):
        products (list[str]): An agent holds a paid seat of each, a light agent each free; empty for an end user.
        role (AgentRole):
        updated_at (datetime.datetime):
        user_id (str):
        last_active_at (datetime.datetime | None | Unset): The latest activity recorded (POST .../agent-activity); null:
            none yet. Recording activity does not move the account's version, so this field is outside the ETag: a
            conditional GET may answer 304 while it moved.
        seat_change_id (None | str | Unset): The seat change that bought the missing seats on the fly.
    """

    added_at: datetime.datetime
    agent_since: datetime.datetime
    downgrade_reason: None | str
    downgraded_at: datetime.datetime | None
    email: str
    is_owner: bool
    name: str
    products: list[str]
    role: AgentRole
    updated_at: datetime.datetime
    user_id: str
    last_active_at: datetime.datetime | None | Unset = UNSET
    seat_change_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        added_at = self.added_at.isoformat()

        agent_since = self.agent_since.isoformat()

        downgrade_reason: None | str
        downgrade_reason = self.downgrade_reason

        downgraded_at: None | str
        if isinstance(self.downgraded_at, datetime.datetime):
            downgraded_at = self.downgraded_at.isoformat()
        else:
            downgraded_at = self.downgraded_at

        email = self.email

        is_owner = self.is_owner

        name = self.name

        products = self.products

        role = self.role.value

        updated_at = self.updated_at.isoformat()

        user_id = self.user_id

        last_active_at: None | str | Unset
        if isinstance(self.last_active_at, Unset):
            last_active_at = UNSET
        elif isinstance(self.last_active_at, datetime.datetime):
            last_active_at = self.last_active_at.isoformat()
        else:
            last_active_at = self.last_active_at

        seat_change_id: None | str | Unset
        if isinstance(self.seat_change_id, Unset):
            seat_change_id = UNSET
        else:
            seat_change_id = self.seat_change_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "added_at": added_at,
                "agent_since": agent_since,
                "downgrade_reason": downgrade_reason,
                "downgraded_at": downgraded_at,
                "email": email,
                "is_owner": is_owner,
                "name": name,
                "products": products,
                "role": role,
                "updated_at": updated_at,
                "user_id": user_id,
            }
        )
        if last_active_at is not UNSET:
            field_dict["last_active_at"] = last_active_at
        if seat_change_id is not UNSET:
            field_dict["seat_change_id"] = seat_change_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        added_at = datetime.datetime.fromisoformat(d.pop("added_at"))

        agent_since = datetime.datetime.fromisoformat(d.pop("agent_since"))

        def _parse_downgrade_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        downgrade_reason = _parse_downgrade_reason(d.pop("downgrade_reason"))

        def _parse_downgraded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                downgraded_at_type_0 = datetime.datetime.fromisoformat(data)

                return downgraded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        downgraded_at = _parse_downgraded_at(d.pop("downgraded_at"))

        email = d.pop("email")

        is_owner = d.pop("is_owner")

        name = d.pop("name")

        products = cast(list[str], d.pop("products"))

        role = AgentRole(d.pop("role"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        user_id = d.pop("user_id")

        def _parse_last_active_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_active_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_active_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_active_at = _parse_last_active_at(d.pop("last_active_at", UNSET))

        def _parse_seat_change_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        seat_change_id = _parse_seat_change_id(d.pop("seat_change_id", UNSET))

        added_agent_out = cls(
            added_at=added_at,
            agent_since=agent_since,
            downgrade_reason=downgrade_reason,
            downgraded_at=downgraded_at,
            email=email,
            is_owner=is_owner,
            name=name,
            products=products,
            role=role,
            updated_at=updated_at,
            user_id=user_id,
            last_active_at=last_active_at,
            seat_change_id=seat_change_id,
        )

        added_agent_out.additional_properties = d
        return added_agent_out

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
