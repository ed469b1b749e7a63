from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.missing_seats_out import MissingSeatsOut
    from ..models.quote_out import QuoteOut
    from ..models.sync_agent_out import SyncAgentOut
    from ..models.sync_update_out import SyncUpdateOut


T = TypeVar("T", bound="AgentSyncOut")


@_attrs_define
class AgentSyncOut:
    """
    Attributes:
        add (list[SyncAgentOut]): People added, in the list's order.
        dry_run (bool):
        missing_seats (list[MissingSeatsOut]): Per product, the seats the sync needs that the account lacks.
        quote (None | QuoteOut): What buying the missing seats costs now (suite parity included); null when none is
            missing.
        remove (list[SyncAgentOut]): People removed (remove_missing), by user_id; never the owner.
        update (list[SyncUpdateOut]): Agents who change, in the list's order.
        seat_change_id (None | str | Unset): The seat change that bought the missing seats, when applied with
            `buy_missing_seats`.
    """

    add: list[SyncAgentOut]
    dry_run: bool
    missing_seats: list[MissingSeatsOut]
    quote: None | QuoteOut
    remove: list[SyncAgentOut]
    update: list[SyncUpdateOut]
    seat_change_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.quote_out import QuoteOut  # noqa: PLC0415

        add = []
        for add_item_data in self.add:
            add_item = add_item_data.to_dict()
            add.append(add_item)

        dry_run = self.dry_run

        missing_seats = []
        for missing_seats_item_data in self.missing_seats:
            missing_seats_item = missing_seats_item_data.to_dict()
            missing_seats.append(missing_seats_item)

        quote: dict[str, Any] | None
        if isinstance(self.quote, QuoteOut):
            quote = self.quote.to_dict()
        else:
            quote = self.quote

        remove = []
        for remove_item_data in self.remove:
            remove_item = remove_item_data.to_dict()
            remove.append(remove_item)

        update = []
        for update_item_data in self.update:
            update_item = update_item_data.to_dict()
            update.append(update_item)

        seat_change_id: None | str | Unset
        if isinstance(self.seat_change_id, Unset):
            seat_change_id = UNSET
        else:
            seat_change_id = self.seat_change_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "add": add,
                "dry_run": dry_run,
                "missing_seats": missing_seats,
                "quote": quote,
                "remove": remove,
                "update": update,
            }
        )
        if seat_change_id is not UNSET:
            field_dict["seat_change_id"] = seat_change_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.missing_seats_out import MissingSeatsOut  # noqa: PLC0415
        from ..models.quote_out import QuoteOut  # noqa: PLC0415
        from ..models.sync_agent_out import SyncAgentOut  # noqa: PLC0415
        from ..models.sync_update_out import SyncUpdateOut  # noqa: PLC0415

        d = dict(src_dict)
        add = []
        _add = d.pop("add")
        for add_item_data in _add:
            add_item = SyncAgentOut.from_dict(add_item_data)

            add.append(add_item)

        dry_run = d.pop("dry_run")

        missing_seats = []
        _missing_seats = d.pop("missing_seats")
        for missing_seats_item_data in _missing_seats:
            missing_seats_item = MissingSeatsOut.from_dict(missing_seats_item_data)

            missing_seats.append(missing_seats_item)

        def _parse_quote(data: object) -> None | QuoteOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quote_type_0 = QuoteOut.from_dict(data)

                return quote_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuoteOut, data)

        quote = _parse_quote(d.pop("quote"))

        remove = []
        _remove = d.pop("remove")
        for remove_item_data in _remove:
            remove_item = SyncAgentOut.from_dict(remove_item_data)

            remove.append(remove_item)

        update = []
        _update = d.pop("update")
        for update_item_data in _update:
            update_item = SyncUpdateOut.from_dict(update_item_data)

            update.append(update_item)

        def _parse_seat_change_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        seat_change_id = _parse_seat_change_id(d.pop("seat_change_id", UNSET))

        agent_sync_out = cls(
            add=add,
            dry_run=dry_run,
            missing_seats=missing_seats,
            quote=quote,
            remove=remove,
            update=update,
            seat_change_id=seat_change_id,
        )

        agent_sync_out.additional_properties = d
        return agent_sync_out

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
