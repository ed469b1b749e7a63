from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_created_event_data_lines_item import AccountCreatedEventDataLinesItem


T = TypeVar("T", bound="AccountCreatedEventData")


@_attrs_define
class AccountCreatedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        billing_mode (str): self_service or sales_assisted.
        lines (list[AccountCreatedEventDataLinesItem]): Seat lines: `{product, suite, seats}`.
        name (str): The account's name.
        owner (str): The owner's user id.
    """

    account_id: str
    billing_mode: str
    lines: list[AccountCreatedEventDataLinesItem]
    name: str
    owner: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        billing_mode = self.billing_mode

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        name = self.name

        owner = self.owner

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "billing_mode": billing_mode,
                "lines": lines,
                "name": name,
                "owner": owner,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_created_event_data_lines_item import AccountCreatedEventDataLinesItem  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        billing_mode = d.pop("billing_mode")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = AccountCreatedEventDataLinesItem.from_dict(lines_item_data)

            lines.append(lines_item)

        name = d.pop("name")

        owner = d.pop("owner")

        account_created_event_data = cls(
            account_id=account_id,
            billing_mode=billing_mode,
            lines=lines,
            name=name,
            owner=owner,
        )

        account_created_event_data.additional_properties = d
        return account_created_event_data

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
