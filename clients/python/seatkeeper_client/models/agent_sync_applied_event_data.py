from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agent_sync_applied_event_data_seats_taken_item import AgentSyncAppliedEventDataSeatsTakenItem


T = TypeVar("T", bound="AgentSyncAppliedEventData")


@_attrs_define
class AgentSyncAppliedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        added (int): How many were added.
        agents (int): How many people the list named.
        remove_missing (bool): Whether those not listed were removed.
        removed (int): How many left the account (remove_missing).
        seat_change_id (None | str): The seat change that went with it, if any.
        seats_taken (list[AgentSyncAppliedEventDataSeatsTakenItem]): Per product: `{product, taken, freed}` seats.
        updated (int): How many agents changed.
    """

    account_id: str
    added: int
    agents: int
    remove_missing: bool
    removed: int
    seat_change_id: None | str
    seats_taken: list[AgentSyncAppliedEventDataSeatsTakenItem]
    updated: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        added = self.added

        agents = self.agents

        remove_missing = self.remove_missing

        removed = self.removed

        seat_change_id: None | str
        seat_change_id = self.seat_change_id

        seats_taken = []
        for seats_taken_item_data in self.seats_taken:
            seats_taken_item = seats_taken_item_data.to_dict()
            seats_taken.append(seats_taken_item)

        updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "added": added,
                "agents": agents,
                "remove_missing": remove_missing,
                "removed": removed,
                "seat_change_id": seat_change_id,
                "seats_taken": seats_taken,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_sync_applied_event_data_seats_taken_item import AgentSyncAppliedEventDataSeatsTakenItem  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        added = d.pop("added")

        agents = d.pop("agents")

        remove_missing = d.pop("remove_missing")

        removed = d.pop("removed")

        def _parse_seat_change_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seat_change_id = _parse_seat_change_id(d.pop("seat_change_id"))

        seats_taken = []
        _seats_taken = d.pop("seats_taken")
        for seats_taken_item_data in _seats_taken:
            seats_taken_item = AgentSyncAppliedEventDataSeatsTakenItem.from_dict(seats_taken_item_data)

            seats_taken.append(seats_taken_item)

        updated = d.pop("updated")

        agent_sync_applied_event_data = cls(
            account_id=account_id,
            added=added,
            agents=agents,
            remove_missing=remove_missing,
            removed=removed,
            seat_change_id=seat_change_id,
            seats_taken=seats_taken,
            updated=updated,
        )

        agent_sync_applied_event_data.additional_properties = d
        return agent_sync_applied_event_data

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
