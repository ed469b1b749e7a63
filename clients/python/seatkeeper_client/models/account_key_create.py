from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.account_key_create_role import AccountKeyCreateRole

T = TypeVar("T", bound="AccountKeyCreate")


@_attrs_define
class AccountKeyCreate:
    """
    Attributes:
        name (str):
        role (AccountKeyCreateRole):
    """

    name: str
    role: AccountKeyCreateRole

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = AccountKeyCreateRole(d.pop("role"))

        account_key_create = cls(
            name=name,
            role=role,
        )

        return account_key_create
