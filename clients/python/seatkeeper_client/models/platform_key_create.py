from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.platform_key_create_role import PlatformKeyCreateRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="PlatformKeyCreate")


@_attrs_define
class PlatformKeyCreate:
    """
    Attributes:
        name (str):
        role (PlatformKeyCreateRole):
        email (None | str | Unset): Required for sales_rep: binds the key to the rep's accounts.
    """

    name: str
    role: PlatformKeyCreateRole
    email: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = PlatformKeyCreateRole(d.pop("role"))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        platform_key_create = cls(
            name=name,
            role=role,
            email=email,
        )

        return platform_key_create
