from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_status import ChangeStatus
from ..models.effective import Effective

if TYPE_CHECKING:
    from ..models.downgraded_out import DowngradedOut
    from ..models.line_change_out import LineChangeOut


T = TypeVar("T", bound="SeatChangeOut")


@_attrs_define
class SeatChangeOut:
    """
    Attributes:
        actor (str):
        amount_due (int): Charged now, in minor units of `currency`.
        applied_at (datetime.datetime | None):
        channel (str):
        created_at (datetime.datetime):
        currency (str):
        downgraded_agents (list[DowngradedOut]):
        effective (Effective):
        effective_at (datetime.datetime | None): When a scheduled change applies.
        id (None | str): `chg_...`; null on a preview.
        lines (list[LineChangeOut]):
        status (ChangeStatus):
    """

    actor: str
    amount_due: int
    applied_at: datetime.datetime | None
    channel: str
    created_at: datetime.datetime
    currency: str
    downgraded_agents: list[DowngradedOut]
    effective: Effective
    effective_at: datetime.datetime | None
    id: None | str
    lines: list[LineChangeOut]
    status: ChangeStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor = self.actor

        amount_due = self.amount_due

        applied_at: None | str
        if isinstance(self.applied_at, datetime.datetime):
            applied_at = self.applied_at.isoformat()
        else:
            applied_at = self.applied_at

        channel = self.channel

        created_at = self.created_at.isoformat()

        currency = self.currency

        downgraded_agents = []
        for downgraded_agents_item_data in self.downgraded_agents:
            downgraded_agents_item = downgraded_agents_item_data.to_dict()
            downgraded_agents.append(downgraded_agents_item)

        effective = self.effective.value

        effective_at: None | str
        if isinstance(self.effective_at, datetime.datetime):
            effective_at = self.effective_at.isoformat()
        else:
            effective_at = self.effective_at

        id: None | str
        id = self.id

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "amount_due": amount_due,
                "applied_at": applied_at,
                "channel": channel,
                "created_at": created_at,
                "currency": currency,
                "downgraded_agents": downgraded_agents,
                "effective": effective,
                "effective_at": effective_at,
                "id": id,
                "lines": lines,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.downgraded_out import DowngradedOut  # noqa: PLC0415
        from ..models.line_change_out import LineChangeOut  # noqa: PLC0415

        d = dict(src_dict)
        actor = d.pop("actor")

        amount_due = d.pop("amount_due")

        def _parse_applied_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applied_at_type_0 = datetime.datetime.fromisoformat(data)

                return applied_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        applied_at = _parse_applied_at(d.pop("applied_at"))

        channel = d.pop("channel")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = d.pop("currency")

        downgraded_agents = []
        _downgraded_agents = d.pop("downgraded_agents")
        for downgraded_agents_item_data in _downgraded_agents:
            downgraded_agents_item = DowngradedOut.from_dict(downgraded_agents_item_data)

            downgraded_agents.append(downgraded_agents_item)

        effective = Effective(d.pop("effective"))

        def _parse_effective_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_at_type_0 = datetime.datetime.fromisoformat(data)

                return effective_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        effective_at = _parse_effective_at(d.pop("effective_at"))

        def _parse_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        id = _parse_id(d.pop("id"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = LineChangeOut.from_dict(lines_item_data)

            lines.append(lines_item)

        status = ChangeStatus(d.pop("status"))

        seat_change_out = cls(
            actor=actor,
            amount_due=amount_due,
            applied_at=applied_at,
            channel=channel,
            created_at=created_at,
            currency=currency,
            downgraded_agents=downgraded_agents,
            effective=effective,
            effective_at=effective_at,
            id=id,
            lines=lines,
            status=status,
        )

        seat_change_out.additional_properties = d
        return seat_change_out

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
