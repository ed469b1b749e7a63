from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sales_request_updated_event_data_fulfilment_type_0 import SalesRequestUpdatedEventDataFulfilmentType0
    from ..models.sales_request_updated_event_data_sales_rep_type_0 import SalesRequestUpdatedEventDataSalesRepType0


T = TypeVar("T", bound="SalesRequestUpdatedEventData")


@_attrs_define
class SalesRequestUpdatedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        kind (str): What is asked for.
        product (None | str): The product, for a product request.
        sales_request_id (str): The request (`sr_...`).
        seat_change_id (None | str): The seat change that went with it, if any.
        seats (int | None): The seats asked for.
        status (str): pending, fulfilled, declined or cancelled.
        suite (None | str): The suite, for a suite request.
        assigned_to (str | Unset): sales_rep or customer_support.
        ends_at (None | str | Unset): Temporary seats asked for: until.
        fulfilment (None | SalesRequestUpdatedEventDataFulfilmentType0 | Unset): `{seats, effective, note}` as the rep
            fulfilled it.
        sales_rep (None | SalesRequestUpdatedEventDataSalesRepType0 | Unset): `{email}` of the rep told, if any.
        starts_at (None | str | Unset): Temporary seats asked for: from.
        temporary_seats_id (None | str | Unset): The grant a fulfilled request made.
    """

    account_id: str
    kind: str
    product: None | str
    sales_request_id: str
    seat_change_id: None | str
    seats: int | None
    status: str
    suite: None | str
    assigned_to: str | Unset = UNSET
    ends_at: None | str | Unset = UNSET
    fulfilment: None | SalesRequestUpdatedEventDataFulfilmentType0 | Unset = UNSET
    sales_rep: None | SalesRequestUpdatedEventDataSalesRepType0 | Unset = UNSET
    starts_at: None | str | Unset = UNSET
    temporary_seats_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sales_request_updated_event_data_fulfilment_type_0 import (
            SalesRequestUpdatedEventDataFulfilmentType0,  # noqa: PLC0415
        )
        from ..models.sales_request_updated_event_data_sales_rep_type_0 import SalesRequestUpdatedEventDataSalesRepType0  # noqa: PLC0415

        account_id = self.account_id

        kind = self.kind

        product: None | str
        product = self.product

        sales_request_id = self.sales_request_id

        seat_change_id: None | str
        seat_change_id = self.seat_change_id

        seats: int | None
        seats = self.seats

        status = self.status

        suite: None | str
        suite = self.suite

        assigned_to = self.assigned_to

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        else:
            ends_at = self.ends_at

        fulfilment: dict[str, Any] | None | Unset
        if isinstance(self.fulfilment, Unset):
            fulfilment = UNSET
        elif isinstance(self.fulfilment, SalesRequestUpdatedEventDataFulfilmentType0):
            fulfilment = self.fulfilment.to_dict()
        else:
            fulfilment = self.fulfilment

        sales_rep: dict[str, Any] | None | Unset
        if isinstance(self.sales_rep, Unset):
            sales_rep = UNSET
        elif isinstance(self.sales_rep, SalesRequestUpdatedEventDataSalesRepType0):
            sales_rep = self.sales_rep.to_dict()
        else:
            sales_rep = self.sales_rep

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        else:
            starts_at = self.starts_at

        temporary_seats_id: None | str | Unset
        if isinstance(self.temporary_seats_id, Unset):
            temporary_seats_id = UNSET
        else:
            temporary_seats_id = self.temporary_seats_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "kind": kind,
                "product": product,
                "sales_request_id": sales_request_id,
                "seat_change_id": seat_change_id,
                "seats": seats,
                "status": status,
                "suite": suite,
            }
        )
        if assigned_to is not UNSET:
            field_dict["assigned_to"] = assigned_to
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if fulfilment is not UNSET:
            field_dict["fulfilment"] = fulfilment
        if sales_rep is not UNSET:
            field_dict["sales_rep"] = sales_rep
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if temporary_seats_id is not UNSET:
            field_dict["temporary_seats_id"] = temporary_seats_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sales_request_updated_event_data_fulfilment_type_0 import (
            SalesRequestUpdatedEventDataFulfilmentType0,  # noqa: PLC0415
        )
        from ..models.sales_request_updated_event_data_sales_rep_type_0 import SalesRequestUpdatedEventDataSalesRepType0  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        kind = d.pop("kind")

        def _parse_product(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product = _parse_product(d.pop("product"))

        sales_request_id = d.pop("sales_request_id")

        def _parse_seat_change_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seat_change_id = _parse_seat_change_id(d.pop("seat_change_id"))

        def _parse_seats(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        seats = _parse_seats(d.pop("seats"))

        status = d.pop("status")

        def _parse_suite(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        suite = _parse_suite(d.pop("suite"))

        assigned_to = d.pop("assigned_to", UNSET)

        def _parse_ends_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        def _parse_fulfilment(data: object) -> None | SalesRequestUpdatedEventDataFulfilmentType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fulfilment_type_0 = SalesRequestUpdatedEventDataFulfilmentType0.from_dict(data)

                return fulfilment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SalesRequestUpdatedEventDataFulfilmentType0 | Unset, data)

        fulfilment = _parse_fulfilment(d.pop("fulfilment", UNSET))

        def _parse_sales_rep(data: object) -> None | SalesRequestUpdatedEventDataSalesRepType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sales_rep_type_0 = SalesRequestUpdatedEventDataSalesRepType0.from_dict(data)

                return sales_rep_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SalesRequestUpdatedEventDataSalesRepType0 | Unset, data)

        sales_rep = _parse_sales_rep(d.pop("sales_rep", UNSET))

        def _parse_starts_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_temporary_seats_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        temporary_seats_id = _parse_temporary_seats_id(d.pop("temporary_seats_id", UNSET))

        sales_request_updated_event_data = cls(
            account_id=account_id,
            kind=kind,
            product=product,
            sales_request_id=sales_request_id,
            seat_change_id=seat_change_id,
            seats=seats,
            status=status,
            suite=suite,
            assigned_to=assigned_to,
            ends_at=ends_at,
            fulfilment=fulfilment,
            sales_rep=sales_rep,
            starts_at=starts_at,
            temporary_seats_id=temporary_seats_id,
        )

        sales_request_updated_event_data.additional_properties = d
        return sales_request_updated_event_data

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
