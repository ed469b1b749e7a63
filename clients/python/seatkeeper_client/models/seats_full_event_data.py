from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.seats_full_event_data_lines_item import SeatsFullEventDataLinesItem


T = TypeVar("T", bound="SeatsFullEventData")


@_attrs_define
class SeatsFullEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        lines (list[SeatsFullEventDataLinesItem]): Seat lines: `{product, capacity, assigned, waiting}` as they stood
            (`waiting`: how many in the waiting room want a seat of it).
    """

    account_id: str
    lines: list[SeatsFullEventDataLinesItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "lines": lines,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seats_full_event_data_lines_item import SeatsFullEventDataLinesItem  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = SeatsFullEventDataLinesItem.from_dict(lines_item_data)

            lines.append(lines_item)

        seats_full_event_data = cls(
            account_id=account_id,
            lines=lines,
        )

        seats_full_event_data.additional_properties = d
        return seats_full_event_data

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
