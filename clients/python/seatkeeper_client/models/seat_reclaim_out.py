from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.reclaimed_agent_out import ReclaimedAgentOut
    from ..models.seats_freed_out import SeatsFreedOut


T = TypeVar("T", bound="SeatReclaimOut")


@_attrs_define
class SeatReclaimOut:
    """
    Attributes:
        agents (list[ReclaimedAgentOut]): The agents taken (or, in a dry run, who would be), longest idle first.
        dry_run (bool):
        inactive_for (str): As read: days and hours.
        seats_freed (list[SeatsFreedOut]):
    """

    agents: list[ReclaimedAgentOut]
    dry_run: bool
    inactive_for: str
    seats_freed: list[SeatsFreedOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agents = []
        for agents_item_data in self.agents:
            agents_item = agents_item_data.to_dict()
            agents.append(agents_item)

        dry_run = self.dry_run

        inactive_for = self.inactive_for

        seats_freed = []
        for seats_freed_item_data in self.seats_freed:
            seats_freed_item = seats_freed_item_data.to_dict()
            seats_freed.append(seats_freed_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agents": agents,
                "dry_run": dry_run,
                "inactive_for": inactive_for,
                "seats_freed": seats_freed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reclaimed_agent_out import ReclaimedAgentOut  # noqa: PLC0415
        from ..models.seats_freed_out import SeatsFreedOut  # noqa: PLC0415

        d = dict(src_dict)
        agents = []
        _agents = d.pop("agents")
        for agents_item_data in _agents:
            agents_item = ReclaimedAgentOut.from_dict(agents_item_data)

            agents.append(agents_item)

        dry_run = d.pop("dry_run")

        inactive_for = d.pop("inactive_for")

        seats_freed = []
        _seats_freed = d.pop("seats_freed")
        for seats_freed_item_data in _seats_freed:
            seats_freed_item = SeatsFreedOut.from_dict(seats_freed_item_data)

            seats_freed.append(seats_freed_item)

        seat_reclaim_out = cls(
            agents=agents,
            dry_run=dry_run,
            inactive_for=inactive_for,
            seats_freed=seats_freed,
        )

        seat_reclaim_out.additional_properties = d
        return seat_reclaim_out

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
