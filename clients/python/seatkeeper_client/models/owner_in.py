from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OwnerIn")


@_attrs_define
class OwnerIn:
    """
    Attributes:
        email (str):
        name (str):
        user_id (str): The identity system's user id: 1-128 of letters, digits and . _ : @ -, never `.` or `..`
    """

    email: str
    name: str
    user_id: str

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        user_id = self.user_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        user_id = d.pop("user_id")

        owner_in = cls(
            email=email,
            name=name,
            user_id=user_id,
        )

        return owner_in
