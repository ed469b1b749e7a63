from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.line_change_out import LineChangeOut


T = TypeVar("T", bound="PendingChangeOut")


@_attrs_define
class PendingChangeOut:
    """
    Attributes:
        effective_at (datetime.datetime): When it applies: the term's end.
        id (str): The scheduled seat change, `chg_...`.
        lines (list[LineChangeOut]): The lines it would move, from the seats there are now; empty when nothing is left
            to change (it is then cancelled at renewal, not applied).
    """

    effective_at: datetime.datetime
    id: str
    lines: list[LineChangeOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        effective_at = self.effective_at.isoformat()

        id = self.id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "effective_at": effective_at,
                "id": id,
                "lines": lines,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_change_out import LineChangeOut  # noqa: PLC0415

        d = dict(src_dict)
        effective_at = datetime.datetime.fromisoformat(d.pop("effective_at"))

        id = d.pop("id")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineChangeOut.from_dict(lines_item_data)

            lines.append(lines_item)

        pending_change_out = cls(
            effective_at=effective_at,
            id=id,
            lines=lines,
        )

        pending_change_out.additional_properties = d
        return pending_change_out

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
