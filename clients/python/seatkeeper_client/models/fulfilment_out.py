from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.effective import Effective

T = TypeVar("T", bound="FulfilmentOut")


@_attrs_define
class FulfilmentOut:
    """
    Attributes:
        effective (Effective | None): When the seat change applies; null for temporary seats.
        note (None | str): The rep's note.
        seats (int): The seats applied (the rep may have adjusted them).
    """

    effective: Effective | None
    note: None | str
    seats: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        effective: None | str
        if isinstance(self.effective, Effective):
            effective = self.effective.value
        else:
            effective = self.effective

        note: None | str
        note = self.note

        seats = self.seats

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "effective": effective,
                "note": note,
                "seats": seats,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_effective(data: object) -> Effective | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_type_0 = Effective(data)

                return effective_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Effective | None, data)

        effective = _parse_effective(d.pop("effective"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        seats = d.pop("seats")

        fulfilment_out = cls(
            effective=effective,
            note=note,
            seats=seats,
        )

        fulfilment_out.additional_properties = d
        return fulfilment_out

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
