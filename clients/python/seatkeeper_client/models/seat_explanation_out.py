from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.seat_reason import SeatReason

T = TypeVar("T", bound="SeatExplanationOut")


@_attrs_define
class SeatExplanationOut:
    """
    Attributes:
        counted (bool): Whether it takes one of the line's paid seats (is in `assigned`).
        product (str): A subscribed product.
        reason (str): The reason in words.
        reason_code (SeatReason):
        since (datetime.datetime | None): Since when it is so; null for a product never given.
    """

    counted: bool
    product: str
    reason: str
    reason_code: SeatReason
    since: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counted = self.counted

        product = self.product

        reason = self.reason

        reason_code = self.reason_code.value

        since: None | str
        if isinstance(self.since, datetime.datetime):
            since = self.since.isoformat()
        else:
            since = self.since

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counted": counted,
                "product": product,
                "reason": reason,
                "reason_code": reason_code,
                "since": since,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        counted = d.pop("counted")

        product = d.pop("product")

        reason = d.pop("reason")

        reason_code = SeatReason(d.pop("reason_code"))

        def _parse_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.datetime.fromisoformat(data)

                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        since = _parse_since(d.pop("since"))

        seat_explanation_out = cls(
            counted=counted,
            product=product,
            reason=reason,
            reason_code=reason_code,
            since=since,
        )

        seat_explanation_out.additional_properties = d
        return seat_explanation_out

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
