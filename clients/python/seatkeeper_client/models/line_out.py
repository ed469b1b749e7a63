from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.line_state import LineState

T = TypeVar("T", bound="LineOut")


@_attrs_define
class LineOut:
    """
    Attributes:
        assigned (int):
        available (int):
        capacity (int): seats + active temporary seats
        light_agents (int): Light agents given this product: free, so not in `assigned`, `available` or `state`.
        product (str):
        seats (int):
        state (LineState):
        suite (None | str): The suite this line was bought through; parity binds it.
        temporary_seats (int):
        waiting (int): How many in the waiting room want a seat of this product: the seats to add to let them in.
    """

    assigned: int
    available: int
    capacity: int
    light_agents: int
    product: str
    seats: int
    state: LineState
    suite: None | str
    temporary_seats: int
    waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assigned = self.assigned

        available = self.available

        capacity = self.capacity

        light_agents = self.light_agents

        product = self.product

        seats = self.seats

        state = self.state.value

        suite: None | str
        suite = self.suite

        temporary_seats = self.temporary_seats

        waiting = self.waiting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assigned": assigned,
                "available": available,
                "capacity": capacity,
                "light_agents": light_agents,
                "product": product,
                "seats": seats,
                "state": state,
                "suite": suite,
                "temporary_seats": temporary_seats,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assigned = d.pop("assigned")

        available = d.pop("available")

        capacity = d.pop("capacity")

        light_agents = d.pop("light_agents")

        product = d.pop("product")

        seats = d.pop("seats")

        state = LineState(d.pop("state"))

        def _parse_suite(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        suite = _parse_suite(d.pop("suite"))

        temporary_seats = d.pop("temporary_seats")

        waiting = d.pop("waiting")

        line_out = cls(
            assigned=assigned,
            available=available,
            capacity=capacity,
            light_agents=light_agents,
            product=product,
            seats=seats,
            state=state,
            suite=suite,
            temporary_seats=temporary_seats,
            waiting=waiting,
        )

        line_out.additional_properties = d
        return line_out

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
