from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_role import AgentRole

if TYPE_CHECKING:
    from ..models.sync_update_out_changes import SyncUpdateOutChanges


T = TypeVar("T", bound="SyncUpdateOut")


@_attrs_define
class SyncUpdateOut:
    """
    Attributes:
        changes (SyncUpdateOutChanges): Each field that changes (`email`, `name`, `role`, `products`): `{from, to}`.
        email (str):
        name (str):
        products (list[str]): The products held after the sync.
        role (AgentRole):
        user_id (str):
    """

    changes: SyncUpdateOutChanges
    email: str
    name: str
    products: list[str]
    role: AgentRole
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changes = self.changes.to_dict()

        email = self.email

        name = self.name

        products = self.products

        role = self.role.value

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changes": changes,
                "email": email,
                "name": name,
                "products": products,
                "role": role,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sync_update_out_changes import SyncUpdateOutChanges  # noqa: PLC0415

        d = dict(src_dict)
        changes = SyncUpdateOutChanges.from_dict(d.pop("changes"))

        email = d.pop("email")

        name = d.pop("name")

        products = cast(list[str], d.pop("products"))

        role = AgentRole(d.pop("role"))

        user_id = d.pop("user_id")

        sync_update_out = cls(
            changes=changes,
            email=email,
            name=name,
            products=products,
            role=role,
            user_id=user_id,
        )

        sync_update_out.additional_properties = d
        return sync_update_out

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
