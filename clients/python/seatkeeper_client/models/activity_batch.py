from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.activity_in import ActivityIn


T = TypeVar("T", bound="ActivityBatch")


@_attrs_define
class ActivityBatch:
    """
    Attributes:
        activity (list[ActivityIn]): Up to 1,000 entries; a user named twice takes the later `at`.
    """

    activity: list[ActivityIn]

    def to_dict(self) -> dict[str, Any]:
        activity = []
        for activity_item_data in self.activity:
            activity_item = activity_item_data.to_dict()
            activity.append(activity_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "activity": activity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activity_in import ActivityIn  # noqa: PLC0415

        d = dict(src_dict)
        activity = []
        _activity = d.pop("activity")
        for activity_item_data in _activity:
            activity_item = ActivityIn.from_dict(activity_item_data)

            activity.append(activity_item)

        activity_batch = cls(
            activity=activity,
        )

        return activity_batch
