from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_endpoint_updated_event_data_changes import WebhookEndpointUpdatedEventDataChanges


T = TypeVar("T", bound="WebhookEndpointUpdatedEventData")


@_attrs_define
class WebhookEndpointUpdatedEventData:
    """
    Attributes:
        account_id (str): The account the event is about; null only for a platform endpoint's test ping.
        changes (WebhookEndpointUpdatedEventDataChanges): Each changed field: `{from, to}`.
        endpoint_id (str): The webhook endpoint (`whe_...`).
    """

    account_id: str
    changes: WebhookEndpointUpdatedEventDataChanges
    endpoint_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        changes = self.changes.to_dict()

        endpoint_id = self.endpoint_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "changes": changes,
                "endpoint_id": endpoint_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_endpoint_updated_event_data_changes import WebhookEndpointUpdatedEventDataChanges  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        changes = WebhookEndpointUpdatedEventDataChanges.from_dict(d.pop("changes"))

        endpoint_id = d.pop("endpoint_id")

        webhook_endpoint_updated_event_data = cls(
            account_id=account_id,
            changes=changes,
            endpoint_id=endpoint_id,
        )

        webhook_endpoint_updated_event_data.additional_properties = d
        return webhook_endpoint_updated_event_data

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
