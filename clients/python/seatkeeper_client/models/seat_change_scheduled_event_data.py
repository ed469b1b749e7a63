from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.seat_change_scheduled_event_data_lines_item import SeatChangeScheduledEventDataLinesItem


T = TypeVar("T", bound="SeatChangeScheduledEventData")


@_attrs_define
class SeatChangeScheduledEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        amount_due (None | str): What the change costs now (a decimal string).
        channel (str): How it was asked for: subscription_page, on_the_fly, sales, ...
        downgraded (int): How many agents gave up seats through it.
        effective (str): `now` or `at_renewal`.
        lines (list[SeatChangeScheduledEventDataLinesItem]): Per product: `{product, from, to}` seats.
        seat_change_id (str): The seat change (`chg_...`).
    """

    account_id: str
    amount_due: None | str
    channel: str
    downgraded: int
    effective: str
    lines: list[SeatChangeScheduledEventDataLinesItem]
    seat_change_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        amount_due: None | str
        amount_due = self.amount_due

        channel = self.channel

        downgraded = self.downgraded

        effective = self.effective

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        seat_change_id = self.seat_change_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "amount_due": amount_due,
                "channel": channel,
                "downgraded": downgraded,
                "effective": effective,
                "lines": lines,
                "seat_change_id": seat_change_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seat_change_scheduled_event_data_lines_item import SeatChangeScheduledEventDataLinesItem  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        def _parse_amount_due(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        amount_due = _parse_amount_due(d.pop("amount_due"))

        channel = d.pop("channel")

        downgraded = d.pop("downgraded")

        effective = d.pop("effective")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = SeatChangeScheduledEventDataLinesItem.from_dict(lines_item_data)

            lines.append(lines_item)

        seat_change_id = d.pop("seat_change_id")

        seat_change_scheduled_event_data = cls(
            account_id=account_id,
            amount_due=amount_due,
            channel=channel,
            downgraded=downgraded,
            effective=effective,
            lines=lines,
            seat_change_id=seat_change_id,
        )

        seat_change_scheduled_event_data.additional_properties = d
        return seat_change_scheduled_event_data

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
