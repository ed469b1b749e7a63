from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.agent_create_role import AgentCreateRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentCreate")


@_attrs_define
class AgentCreate:
    """
    Attributes:
        email (str):
        name (str):
        user_id (str): The identity system's user id: 1-128 of letters, digits and . _ : @ -, never `.` or `..`
        buy_missing_seats (bool | Unset): Where `on_the_fly` is open, buy the missing seats (with suite parity) and add
            the agent in one transaction. Default: `false`.
        products (list[str] | None | Unset): Default: every subscribed product.
        role (AgentCreateRole | Unset): light_agent: given the products free, holding no paid seat; at most the
            account's `light_agent_limit` (409 `light_agent_limit_reached`). Default: `"agent"`.
        wait_for_seat (bool | Unset): With no free seat (and none bought on the fly): answer 202 and put the user in the
            waiting room instead of refusing 409 `seats_exhausted`. Waiting agents are let in oldest first as seats free up
            or are added. Default: `false`.
    """

    email: str
    name: str
    user_id: str
    buy_missing_seats: bool | Unset = UNSET
    products: list[str] | None | Unset = UNSET
    role: AgentCreateRole | Unset = UNSET
    wait_for_seat: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        user_id = self.user_id

        buy_missing_seats = self.buy_missing_seats

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

        wait_for_seat = self.wait_for_seat

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
                "user_id": user_id,
            }
        )
        if buy_missing_seats is not UNSET:
            field_dict["buy_missing_seats"] = buy_missing_seats
        if products is not UNSET:
            field_dict["products"] = products
        if role is not UNSET:
            field_dict["role"] = role
        if wait_for_seat is not UNSET:
            field_dict["wait_for_seat"] = wait_for_seat

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        user_id = d.pop("user_id")

        buy_missing_seats = d.pop("buy_missing_seats", UNSET)

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
        role: AgentCreateRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = AgentCreateRole(_role)

        wait_for_seat = d.pop("wait_for_seat", UNSET)

        agent_create = cls(
            email=email,
            name=name,
            user_id=user_id,
            buy_missing_seats=buy_missing_seats,
            products=products,
            role=role,
            wait_for_seat=wait_for_seat,
        )

        return agent_create
