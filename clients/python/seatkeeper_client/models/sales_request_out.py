from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assignee import Assignee
from ..models.request_kind import RequestKind
from ..models.request_status import RequestStatus

if TYPE_CHECKING:
    from ..models.fulfilment_out import FulfilmentOut
    from ..models.sales_rep_out import SalesRepOut


T = TypeVar("T", bound="SalesRequestOut")


@_attrs_define
class SalesRequestOut:
    """
    Attributes:
        account_id (str):
        acted_at (datetime.datetime | None):
        acted_by (None | str): The key that fulfilled, declined or cancelled it.
        assigned_to (Assignee): Who works the request: the account's rep, or customer support when the
            account has none (a legacy-Sell removal on a self-service account).
        created_at (datetime.datetime):
        decline_reason (None | str):
        ends_at (datetime.datetime | None): temporary_seats: when they end.
        fulfilment (FulfilmentOut | None): What was applied, once fulfilled: seats, when, and the rep's note.
        id (str):
        kind (RequestKind):
        message (None | str):
        product (None | str):
        requested_by (str): The key that filed it.
        sales_rep (None | SalesRepOut):
        seat_change_id (None | str): The seat change a fulfilment applied.
        seats (int): The seats asked for.
        starts_at (datetime.datetime | None): temporary_seats: when they start.
        status (RequestStatus):
        suite (None | str):
        temporary_seats_id (None | str): The temporary seats a fulfilled temporary_seats request granted.
    """

    account_id: str
    acted_at: datetime.datetime | None
    acted_by: None | str
    assigned_to: Assignee
    created_at: datetime.datetime
    decline_reason: None | str
    ends_at: datetime.datetime | None
    fulfilment: FulfilmentOut | None
    id: str
    kind: RequestKind
    message: None | str
    product: None | str
    requested_by: str
    sales_rep: None | SalesRepOut
    seat_change_id: None | str
    seats: int
    starts_at: datetime.datetime | None
    status: RequestStatus
    suite: None | str
    temporary_seats_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.fulfilment_out import FulfilmentOut  # noqa: PLC0415
        from ..models.sales_rep_out import SalesRepOut  # noqa: PLC0415

        account_id = self.account_id

        acted_at: None | str
        if isinstance(self.acted_at, datetime.datetime):
            acted_at = self.acted_at.isoformat()
        else:
            acted_at = self.acted_at

        acted_by: None | str
        acted_by = self.acted_by

        assigned_to = self.assigned_to.value

        created_at = self.created_at.isoformat()

        decline_reason: None | str
        decline_reason = self.decline_reason

        ends_at: None | str
        if isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        fulfilment: dict[str, Any] | None
        if isinstance(self.fulfilment, FulfilmentOut):
            fulfilment = self.fulfilment.to_dict()
        else:
            fulfilment = self.fulfilment

        id = self.id

        kind = self.kind.value

        message: None | str
        message = self.message

        product: None | str
        product = self.product

        requested_by = self.requested_by

        sales_rep: dict[str, Any] | None
        if isinstance(self.sales_rep, SalesRepOut):
            sales_rep = self.sales_rep.to_dict()
        else:
            sales_rep = self.sales_rep

        seat_change_id: None | str
        seat_change_id = self.seat_change_id

        seats = self.seats

        starts_at: None | str
        if isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        status = self.status.value

        suite: None | str
        suite = self.suite

        temporary_seats_id: None | str
        temporary_seats_id = self.temporary_seats_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "acted_at": acted_at,
                "acted_by": acted_by,
                "assigned_to": assigned_to,
                "created_at": created_at,
                "decline_reason": decline_reason,
                "ends_at": ends_at,
                "fulfilment": fulfilment,
                "id": id,
                "kind": kind,
                "message": message,
                "product": product,
                "requested_by": requested_by,
                "sales_rep": sales_rep,
                "seat_change_id": seat_change_id,
                "seats": seats,
                "starts_at": starts_at,
                "status": status,
                "suite": suite,
                "temporary_seats_id": temporary_seats_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fulfilment_out import FulfilmentOut  # noqa: PLC0415
        from ..models.sales_rep_out import SalesRepOut  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        def _parse_acted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                acted_at_type_0 = datetime.datetime.fromisoformat(data)

                return acted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        acted_at = _parse_acted_at(d.pop("acted_at"))

        def _parse_acted_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        acted_by = _parse_acted_by(d.pop("acted_by"))

        assigned_to = Assignee(d.pop("assigned_to"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_decline_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decline_reason = _parse_decline_reason(d.pop("decline_reason"))

        def _parse_ends_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ends_at = _parse_ends_at(d.pop("ends_at"))

        def _parse_fulfilment(data: object) -> FulfilmentOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fulfilment_type_0 = FulfilmentOut.from_dict(data)

                return fulfilment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FulfilmentOut | None, data)

        fulfilment = _parse_fulfilment(d.pop("fulfilment"))

        id = d.pop("id")

        kind = RequestKind(d.pop("kind"))

        def _parse_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message = _parse_message(d.pop("message"))

        def _parse_product(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product = _parse_product(d.pop("product"))

        requested_by = d.pop("requested_by")

        def _parse_sales_rep(data: object) -> None | SalesRepOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sales_rep_type_0 = SalesRepOut.from_dict(data)

                return sales_rep_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SalesRepOut, data)

        sales_rep = _parse_sales_rep(d.pop("sales_rep"))

        def _parse_seat_change_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seat_change_id = _parse_seat_change_id(d.pop("seat_change_id"))

        seats = d.pop("seats")

        def _parse_starts_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        starts_at = _parse_starts_at(d.pop("starts_at"))

        status = RequestStatus(d.pop("status"))

        def _parse_suite(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        suite = _parse_suite(d.pop("suite"))

        def _parse_temporary_seats_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        temporary_seats_id = _parse_temporary_seats_id(d.pop("temporary_seats_id"))

        sales_request_out = cls(
            account_id=account_id,
            acted_at=acted_at,
            acted_by=acted_by,
            assigned_to=assigned_to,
            created_at=created_at,
            decline_reason=decline_reason,
            ends_at=ends_at,
            fulfilment=fulfilment,
            id=id,
            kind=kind,
            message=message,
            product=product,
            requested_by=requested_by,
            sales_rep=sales_rep,
            seat_change_id=seat_change_id,
            seats=seats,
            starts_at=starts_at,
            status=status,
            suite=suite,
            temporary_seats_id=temporary_seats_id,
        )

        sales_request_out.additional_properties = d
        return sales_request_out

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
