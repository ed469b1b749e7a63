from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.account_status import AccountStatus
from ..models.billing_cycle import BillingCycle
from ..models.billing_mode import BillingMode

if TYPE_CHECKING:
    from ..models.line_out import LineOut
    from ..models.pending_change_out import PendingChangeOut


T = TypeVar("T", bound="SubscriptionOut")


@_attrs_define
class SubscriptionOut:
    """
    Attributes:
        account_id (str):
        billing_cycle (BillingCycle):
        billing_mode (BillingMode):
        currency (str):
        lines (list[LineOut]):
        pending_change (None | PendingChangeOut): The one seat change scheduled for renewal, or null. A new `at_renewal`
            change replaces it.
        status (AccountStatus):
        term_end (datetime.datetime):
        term_start (datetime.datetime):
        version (int): Changes with every change to what this shows; also the ETag.
    """

    account_id: str
    billing_cycle: BillingCycle
    billing_mode: BillingMode
    currency: str
    lines: list[LineOut]
    pending_change: None | PendingChangeOut
    status: AccountStatus
    term_end: datetime.datetime
    term_start: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pending_change_out import PendingChangeOut  # noqa: PLC0415

        account_id = self.account_id

        billing_cycle = self.billing_cycle.value

        billing_mode = self.billing_mode.value

        currency = self.currency

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        pending_change: dict[str, Any] | None
        if isinstance(self.pending_change, PendingChangeOut):
            pending_change = self.pending_change.to_dict()
        else:
            pending_change = self.pending_change

        status = self.status.value

        term_end = self.term_end.isoformat()

        term_start = self.term_start.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "billing_cycle": billing_cycle,
                "billing_mode": billing_mode,
                "currency": currency,
                "lines": lines,
                "pending_change": pending_change,
                "status": status,
                "term_end": term_end,
                "term_start": term_start,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_out import LineOut  # noqa: PLC0415
        from ..models.pending_change_out import PendingChangeOut  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        billing_cycle = BillingCycle(d.pop("billing_cycle"))

        billing_mode = BillingMode(d.pop("billing_mode"))

        currency = d.pop("currency")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineOut.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_pending_change(data: object) -> None | PendingChangeOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pending_change_type_0 = PendingChangeOut.from_dict(data)

                return pending_change_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PendingChangeOut, data)

        pending_change = _parse_pending_change(d.pop("pending_change"))

        status = AccountStatus(d.pop("status"))

        term_end = datetime.datetime.fromisoformat(d.pop("term_end"))

        term_start = datetime.datetime.fromisoformat(d.pop("term_start"))

        version = d.pop("version")

        subscription_out = cls(
            account_id=account_id,
            billing_cycle=billing_cycle,
            billing_mode=billing_mode,
            currency=currency,
            lines=lines,
            pending_change=pending_change,
            status=status,
            term_end=term_end,
            term_start=term_start,
            version=version,
        )

        subscription_out.additional_properties = d
        return subscription_out

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
