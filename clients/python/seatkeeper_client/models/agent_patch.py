from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.agent_role import AgentRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentPatch")


@_attrs_define
class AgentPatch:
    """Give at least one of `products`, `role`, `email` or `name` (a null gives none): an empty change is 422
    `validation_error`.

        Attributes:
            buy_missing_seats (bool | Unset): As on POST: where `on_the_fly` is open, buy the seats the agent is missing
                (with suite parity) and change the agent in one transaction; the answer carries `seat_change_id`. Otherwise a
                missing seat is 409 `seats_exhausted` with a quote. Default: `false`.
            email (None | str | Unset): A new email, checked and normalised as on POST. Moves no seat, so every account
                status allows it.
            name (None | str | Unset): A new name, as on POST.
            products (list[str] | None | Unset):
            role (AgentRole | None | Unset): end_user frees every seat; light_agent gives back the paid seats and keeps the
                products free (within `light_agent_limit`); agent takes a paid seat of each product again.
    """

    buy_missing_seats: bool | Unset = UNSET
    email: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    products: list[str] | None | Unset = UNSET
    role: AgentRole | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        buy_missing_seats = self.buy_missing_seats

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        products: list[str] | None | Unset
        if isinstance(self.products, Unset):
            products = UNSET
        elif isinstance(self.products, list):
            products = self.products

        else:
            products = self.products

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, AgentRole):
            role = self.role.value
        else:
            role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if buy_missing_seats is not UNSET:
            field_dict["buy_missing_seats"] = buy_missing_seats
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name
        if products is not UNSET:
            field_dict["products"] = products
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        buy_missing_seats = d.pop("buy_missing_seats", UNSET)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

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

        def _parse_role(data: object) -> AgentRole | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = AgentRole(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentRole | None | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        agent_patch = cls(
            buy_missing_seats=buy_missing_seats,
            email=email,
            name=name,
            products=products,
            role=role,
        )

        return agent_patch
