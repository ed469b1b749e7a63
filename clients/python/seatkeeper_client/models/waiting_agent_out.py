from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WaitingAgentOut")


@_attrs_define
class WaitingAgentOut:
    """A user in the waiting room: no seat yet, let in with their turn.

    Attributes:
        email (str):
        name (str):
        position (int): Their place in the queue, 1 being the next in line.
        products (list[str]): They wait for a seat of each; they come in only when all are free.
        queued_at (datetime.datetime): When they started waiting: the queue is oldest first by it.
        user_id (str):
        status (Literal['waiting'] | Unset): Always `waiting`: not an agent yet. Default: 'waiting'.
    """

    email: str
    name: str
    position: int
    products: list[str]
    queued_at: datetime.datetime
    user_id: str
    status: Literal["waiting"] | Unset = "waiting"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        position = self.position

        products = self.products

        queued_at = self.queued_at.isoformat()

        user_id = self.user_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "name": name,
                "position": position,
                "products": products,
                "queued_at": queued_at,
                "user_id": user_id,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        position = d.pop("position")

        products = cast(list[str], d.pop("products"))

        queued_at = datetime.datetime.fromisoformat(d.pop("queued_at"))

        user_id = d.pop("user_id")

        status = cast(Literal["waiting"] | Unset, d.pop("status", UNSET))
        if status != "waiting" and not isinstance(status, Unset):
            raise ValueError(f"status must match const 'waiting', got '{status}'")

        waiting_agent_out = cls(
            email=email,
            name=name,
            position=position,
            products=products,
            queued_at=queued_at,
            user_id=user_id,
            status=status,
        )

        waiting_agent_out.additional_properties = d
        return waiting_agent_out

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
