from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OwnerHandOver")


@_attrs_define
class OwnerHandOver:
    """
    Attributes:
        user_id (str): The agent who becomes the owner: on the account, holding a seat of every subscribed product.
    """

    user_id: str

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = d.pop("user_id")

        owner_hand_over = cls(
            user_id=user_id,
        )

        return owner_hand_over
