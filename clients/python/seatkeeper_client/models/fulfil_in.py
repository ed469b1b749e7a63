from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.effective import Effective
from ..types import UNSET, Unset

T = TypeVar("T", bound="FulfilIn")


@_attrs_define
class FulfilIn:
    """The rep's adjustments, each optional: without a body the request is
    applied as asked, now.

        Attributes:
            effective (Effective | None | Unset): add_seats and remove_seats: `immediately` (the default) or `at_renewal`.
                Not for temporary_seats, whose dates say when (422 `effective_not_applicable`).
            note (None | str | Unset): Why, for the account: shown on the request and in its notice.
            seats (int | None | Unset): How many seats to apply instead of those asked for.
    """

    effective: Effective | None | Unset = UNSET
    note: None | str | Unset = UNSET
    seats: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        effective: None | str | Unset
        if isinstance(self.effective, Unset):
            effective = UNSET
        elif isinstance(self.effective, Effective):
            effective = self.effective.value
        else:
            effective = self.effective

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        seats: int | None | Unset
        if isinstance(self.seats, Unset):
            seats = UNSET
        else:
            seats = self.seats

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if effective is not UNSET:
            field_dict["effective"] = effective
        if note is not UNSET:
            field_dict["note"] = note
        if seats is not UNSET:
            field_dict["seats"] = seats

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_effective(data: object) -> Effective | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_type_0 = Effective(data)

                return effective_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Effective | None | Unset, data)

        effective = _parse_effective(d.pop("effective", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_seats(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seats = _parse_seats(d.pop("seats", UNSET))

        fulfil_in = cls(
            effective=effective,
            note=note,
            seats=seats,
        )

        return fulfil_in
