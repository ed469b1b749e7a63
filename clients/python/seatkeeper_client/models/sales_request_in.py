from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.request_kind import RequestKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SalesRequestIn")


@_attrs_define
class SalesRequestIn:
    """Exactly one of `suite` or `product` (422 otherwise). `starts_at` and `ends_at` are given with `kind:
    temporary_seats`, and only then.

        Attributes:
            kind (RequestKind):
            seats (int): How many seats to add, remove, or grant for a while.
            ends_at (datetime.datetime | None | Unset): temporary_seats only (and required there): when they end; at most
                366 days after starts_at.
            message (None | str | Unset):
            product (None | str | Unset):
            starts_at (datetime.datetime | None | Unset): temporary_seats only (and required there): when the seats start.
            suite (None | str | Unset):
    """

    kind: RequestKind
    seats: int
    ends_at: datetime.datetime | None | Unset = UNSET
    message: None | str | Unset = UNSET
    product: None | str | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    suite: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        seats = self.seats

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        product: None | str | Unset
        if isinstance(self.product, Unset):
            product = UNSET
        else:
            product = self.product

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        suite: None | str | Unset
        if isinstance(self.suite, Unset):
            suite = UNSET
        else:
            suite = self.suite

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "seats": seats,
            }
        )
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if message is not UNSET:
            field_dict["message"] = message
        if product is not UNSET:
            field_dict["product"] = product
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if suite is not UNSET:
            field_dict["suite"] = suite

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = RequestKind(d.pop("kind"))

        seats = d.pop("seats")

        def _parse_ends_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_product(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product = _parse_product(d.pop("product", UNSET))

        def _parse_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_suite(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        suite = _parse_suite(d.pop("suite", UNSET))

        sales_request_in = cls(
            kind=kind,
            seats=seats,
            ends_at=ends_at,
            message=message,
            product=product,
            starts_at=starts_at,
            suite=suite,
        )

        return sales_request_in
