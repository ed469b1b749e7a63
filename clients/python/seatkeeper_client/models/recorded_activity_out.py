from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RecordedActivityOut")


@_attrs_define
class RecordedActivityOut:
    """
    Attributes:
        recorded (int): How many of the account's users the batch named (their last activity moved forward where the
            batch was later).
        unknown_user_ids (list[str]): Users named that are not on the account: reported, not recorded.
    """

    recorded: int
    unknown_user_ids: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        recorded = self.recorded

        unknown_user_ids = self.unknown_user_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recorded": recorded,
                "unknown_user_ids": unknown_user_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        recorded = d.pop("recorded")

        unknown_user_ids = cast(list[str], d.pop("unknown_user_ids"))

        recorded_activity_out = cls(
            recorded=recorded,
            unknown_user_ids=unknown_user_ids,
        )

        recorded_activity_out.additional_properties = d
        return recorded_activity_out

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
