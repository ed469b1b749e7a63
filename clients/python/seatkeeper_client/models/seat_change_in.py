from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.effective import Effective
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.seat_line_in import SeatLineIn


T = TypeVar("T", bound="SeatChangeIn")


@_attrs_define
class SeatChangeIn:
    """
    Attributes:
        changes (list[SeatLineIn]):
        downgrade (list[str] | Unset): Agents who give up their seats first when a decrease goes below usage; the rest
            go newest first.
        effective (Effective | Unset):
    """

    changes: list[SeatLineIn]
    downgrade: list[str] | Unset = UNSET
    effective: Effective | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        downgrade: list[str] | Unset = UNSET
        if not isinstance(self.downgrade, Unset):
            downgrade = self.downgrade

        effective: str | Unset = UNSET
        if not isinstance(self.effective, Unset):
            effective = self.effective.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "changes": changes,
            }
        )
        if downgrade is not UNSET:
            field_dict["downgrade"] = downgrade
        if effective is not UNSET:
            field_dict["effective"] = effective

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seat_line_in import SeatLineIn  # noqa: PLC0415

        d = dict(src_dict)
        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = SeatLineIn.from_dict(changes_item_data)

            changes.append(changes_item)

        downgrade = cast(list[str], d.pop("downgrade", UNSET))

        _effective = d.pop("effective", UNSET)
        effective: Effective | Unset
        if isinstance(_effective, Unset):
            effective = UNSET
        else:
            effective = Effective(_effective)

        seat_change_in = cls(
            changes=changes,
            downgrade=downgrade,
            effective=effective,
        )

        return seat_change_in
