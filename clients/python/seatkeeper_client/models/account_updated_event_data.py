from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_updated_event_data_changes import AccountUpdatedEventDataChanges


T = TypeVar("T", bound="AccountUpdatedEventData")


@_attrs_define
class AccountUpdatedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        changes (AccountUpdatedEventDataChanges): Each changed field: `{from, to}`.
    """

    account_id: str
    changes: AccountUpdatedEventDataChanges
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        changes = self.changes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_updated_event_data_changes import AccountUpdatedEventDataChanges  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        changes = AccountUpdatedEventDataChanges.from_dict(d.pop("changes"))

        account_updated_event_data = cls(
            account_id=account_id,
            changes=changes,
        )

        account_updated_event_data.additional_properties = d
        return account_updated_event_data

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
