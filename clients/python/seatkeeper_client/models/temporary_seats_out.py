from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grant_status import GrantStatus

T = TypeVar("T", bound="TemporarySeatsOut")


@_attrs_define
class TemporarySeatsOut:
    """
    Attributes:
        amount_due (int): Charged for the whole period, in minor units of `currency`: seats x cycle price x days held (a
            day begun counts whole) / days of the current term, summed over the products, rounded half up.
        created_at (datetime.datetime):
        currency (str):
        ended_at (datetime.datetime | None):
        ends_at (datetime.datetime):
        id (str):
        product (None | str):
        products (list[str]): Every product whose capacity these seats raise.
        seats (int):
        started_at (datetime.datetime | None):
        starts_at (datetime.datetime):
        status (GrantStatus):
        suite (None | str):
        warned_at (datetime.datetime | None): When the owner was told they end soon.
    """

    amount_due: int
    created_at: datetime.datetime
    currency: str
    ended_at: datetime.datetime | None
    ends_at: datetime.datetime
    id: str
    product: None | str
    products: list[str]
    seats: int
    started_at: datetime.datetime | None
    starts_at: datetime.datetime
    status: GrantStatus
    suite: None | str
    warned_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount_due = self.amount_due

        created_at = self.created_at.isoformat()

        currency = self.currency

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        ends_at = self.ends_at.isoformat()

        id = self.id

        product: None | str
        product = self.product

        products = self.products

        seats = self.seats

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        starts_at = self.starts_at.isoformat()

        status = self.status.value

        suite: None | str
        suite = self.suite

        warned_at: None | str
        if isinstance(self.warned_at, datetime.datetime):
            warned_at = self.warned_at.isoformat()
        else:
            warned_at = self.warned_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount_due": amount_due,
                "created_at": created_at,
                "currency": currency,
                "ended_at": ended_at,
                "ends_at": ends_at,
                "id": id,
                "product": product,
                "products": products,
                "seats": seats,
                "started_at": started_at,
                "starts_at": starts_at,
                "status": status,
                "suite": suite,
                "warned_at": warned_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount_due = d.pop("amount_due")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = d.pop("currency")

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        id = d.pop("id")

        def _parse_product(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product = _parse_product(d.pop("product"))

        products = cast(list[str], d.pop("products"))

        seats = d.pop("seats")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        status = GrantStatus(d.pop("status"))

        def _parse_suite(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        suite = _parse_suite(d.pop("suite"))

        def _parse_warned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                warned_at_type_0 = datetime.datetime.fromisoformat(data)

                return warned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        warned_at = _parse_warned_at(d.pop("warned_at"))

        temporary_seats_out = cls(
            amount_due=amount_due,
            created_at=created_at,
            currency=currency,
            ended_at=ended_at,
            ends_at=ends_at,
            id=id,
            product=product,
            products=products,
            seats=seats,
            started_at=started_at,
            starts_at=starts_at,
            status=status,
            suite=suite,
            warned_at=warned_at,
        )

        temporary_seats_out.additional_properties = d
        return temporary_seats_out

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
