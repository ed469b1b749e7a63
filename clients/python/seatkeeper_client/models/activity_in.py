from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ActivityIn")


@_attrs_define
class ActivityIn:
    """
    Attributes:
        at (datetime.datetime): When the agent was last active (with its offset); at most a few minutes ahead of the
            service's clock.
        user_id (str): The identity system's user id: 1-128 of letters, digits and . _ : @ -, never `.` or `..`
    """

    at: datetime.datetime
    user_id: str

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "at": at,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        user_id = d.pop("user_id")

        activity_in = cls(
            at=at,
            user_id=user_id,
        )

        return activity_in
