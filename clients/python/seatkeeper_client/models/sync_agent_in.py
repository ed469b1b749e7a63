from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.sync_agent_in_role import SyncAgentInRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncAgentIn")


@_attrs_define
class SyncAgentIn:
    """
    Attributes:
        email (str):
        name (str):
        user_id (str): The identity system's user id: 1-128 of letters, digits and . _ : @ -, never `.` or `..`
        products (list[str] | None | Unset): The products the agent holds a seat of. Default: every subscribed product.
            Leave out for an end user, who holds none.
        role (SyncAgentInRole | Unset): `end_user` keeps (or adds) the person without a seat; an agent listed as one
            gives every seat back. Default: `"agent"`.
    """

    email: str
    name: str
    user_id: str
    products: list[str] | None | Unset = UNSET
    role: SyncAgentInRole | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        user_id = self.user_id

        products: list[str] | None | Unset
        if isinstance(self.products, Unset):
            products = UNSET
        elif isinstance(self.products, list):
            products = self.products

        else:
            products = self.products

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
                "user_id": user_id,
            }
        )
        if products is not UNSET:
            field_dict["products"] = products
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        user_id = d.pop("user_id")

        def _parse_products(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                products_type_0 = cast(list[str], data)

                return products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        products = _parse_products(d.pop("products", UNSET))

        _role = d.pop("role", UNSET)
        role: SyncAgentInRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = SyncAgentInRole(_role)

        sync_agent_in = cls(
            email=email,
            name=name,
            user_id=user_id,
            products=products,
            role=role,
        )

        return sync_agent_in
