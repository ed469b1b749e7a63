from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_status import ChangeStatus
from ..models.effective import Effective

if TYPE_CHECKING:
    from ..models.apply_refusal_out import ApplyRefusalOut
    from ..models.downgraded_out import DowngradedOut
    from ..models.preview_line_out import PreviewLineOut
    from ..models.warning_out import WarningOut


T = TypeVar("T", bound="SeatChangePreviewOut")


@_attrs_define
class SeatChangePreviewOut:
    """
    Attributes:
        actor (str):
        amount_due (int): Charged now, in minor units of `currency`.
        applied_at (datetime.datetime | None):
        apply_refusal (ApplyRefusalOut | None): Why not, when `can_apply` is false: what applying would answer.
        can_apply (bool): Whether this caller may make the change.
        channel (str):
        created_at (datetime.datetime):
        currency (str):
        downgraded_agents (list[DowngradedOut]):
        effective (Effective):
        effective_at (datetime.datetime | None): When a scheduled change applies.
        id (None | str): `chg_...`; null on a preview.
        lines (list[PreviewLineOut]):
        renewal_amount (int): The whole subscription's price for one cycle from the next term, were the change made (a
            change made now leaves the pending one to apply at renewal; one at renewal replaces it), in minor units of
            `currency`.
        status (ChangeStatus):
        warnings (list[WarningOut]):
    """

    actor: str
    amount_due: int
    applied_at: datetime.datetime | None
    apply_refusal: ApplyRefusalOut | None
    can_apply: bool
    channel: str
    created_at: datetime.datetime
    currency: str
    downgraded_agents: list[DowngradedOut]
    effective: Effective
    effective_at: datetime.datetime | None
    id: None | str
    lines: list[PreviewLineOut]
    renewal_amount: int
    status: ChangeStatus
    warnings: list[WarningOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.apply_refusal_out import ApplyRefusalOut  # noqa: PLC0415

        actor = self.actor

        amount_due = self.amount_due

        applied_at: None | str
        if isinstance(self.applied_at, datetime.datetime):
            applied_at = self.applied_at.isoformat()
        else:
            applied_at = self.applied_at

        apply_refusal: dict[str, Any] | None
        if isinstance(self.apply_refusal, ApplyRefusalOut):
            apply_refusal = self.apply_refusal.to_dict()
        else:
            apply_refusal = self.apply_refusal

        can_apply = self.can_apply

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

        renewal_amount = self.renewal_amount

        status = self.status.value

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "amount_due": amount_due,
                "applied_at": applied_at,
                "apply_refusal": apply_refusal,
                "can_apply": can_apply,
                "channel": channel,
                "created_at": created_at,
                "currency": currency,
                "downgraded_agents": downgraded_agents,
                "effective": effective,
                "effective_at": effective_at,
                "id": id,
                "lines": lines,
                "renewal_amount": renewal_amount,
                "status": status,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.apply_refusal_out import ApplyRefusalOut  # noqa: PLC0415
        from ..models.downgraded_out import DowngradedOut  # noqa: PLC0415
        from ..models.preview_line_out import PreviewLineOut  # noqa: PLC0415
        from ..models.warning_out import WarningOut  # noqa: PLC0415

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

        def _parse_apply_refusal(data: object) -> ApplyRefusalOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                apply_refusal_type_0 = ApplyRefusalOut.from_dict(data)

                return apply_refusal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApplyRefusalOut | None, data)

        apply_refusal = _parse_apply_refusal(d.pop("apply_refusal"))

        can_apply = d.pop("can_apply")

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
            lines_item = PreviewLineOut.from_dict(lines_item_data)

            lines.append(lines_item)

        renewal_amount = d.pop("renewal_amount")

        status = ChangeStatus(d.pop("status"))

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = WarningOut.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        seat_change_preview_out = cls(
            actor=actor,
            amount_due=amount_due,
            applied_at=applied_at,
            apply_refusal=apply_refusal,
            can_apply=can_apply,
            channel=channel,
            created_at=created_at,
            currency=currency,
            downgraded_agents=downgraded_agents,
            effective=effective,
            effective_at=effective_at,
            id=id,
            lines=lines,
            renewal_amount=renewal_amount,
            status=status,
            warnings=warnings,
        )

        seat_change_preview_out.additional_properties = d
        return seat_change_preview_out

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
