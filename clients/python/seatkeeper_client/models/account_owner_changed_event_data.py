from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountOwnerChangedEventData")


@_attrs_define
class AccountOwnerChangedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        previous_owner (str): The old owner's user id.
        revoked_keys (list[str]): The owner keys revoked (`key_...`).
        user_id (str): The new owner's user id.
    """

    account_id: str
    previous_owner: str
    revoked_keys: list[str]
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        previous_owner = self.previous_owner

        revoked_keys = self.revoked_keys

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "previous_owner": previous_owner,
                "revoked_keys": revoked_keys,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = d.pop("account_id")

        previous_owner = d.pop("previous_owner")

        revoked_keys = cast(list[str], d.pop("revoked_keys"))

        user_id = d.pop("user_id")

        account_owner_changed_event_data = cls(
            account_id=account_id,
            previous_owner=previous_owner,
            revoked_keys=revoked_keys,
            user_id=user_id,
        )

        account_owner_changed_event_data.additional_properties = d
        return account_owner_changed_event_data

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
