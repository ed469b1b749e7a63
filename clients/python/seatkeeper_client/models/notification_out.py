from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notification_type import NotificationType

if TYPE_CHECKING:
    from ..models.notification_out_data import NotificationOutData


T = TypeVar("T", bound="NotificationOut")


@_attrs_define
class NotificationOut:
    """
    Attributes:
        account_id (str): The account it is about (a rep's notifications span their accounts).
        body (str): What happened and, for seat alerts, how to buy more here.
        created_at (datetime.datetime):
        data (NotificationOutData):
        id (str):
        read_at (datetime.datetime | None):
        title (str):
        type_ (NotificationType):
    """

    account_id: str
    body: str
    created_at: datetime.datetime
    data: NotificationOutData
    id: str
    read_at: datetime.datetime | None
    title: str
    type_: NotificationType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        body = self.body

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        read_at: None | str
        if isinstance(self.read_at, datetime.datetime):
            read_at = self.read_at.isoformat()
        else:
            read_at = self.read_at

        title = self.title

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "body": body,
                "created_at": created_at,
                "data": data,
                "id": id,
                "read_at": read_at,
                "title": title,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_out_data import NotificationOutData  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = NotificationOutData.from_dict(d.pop("data"))

        id = d.pop("id")

        def _parse_read_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                read_at_type_0 = datetime.datetime.fromisoformat(data)

                return read_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        read_at = _parse_read_at(d.pop("read_at"))

        title = d.pop("title")

        type_ = NotificationType(d.pop("type"))

        notification_out = cls(
            account_id=account_id,
            body=body,
            created_at=created_at,
            data=data,
            id=id,
            read_at=read_at,
            title=title,
            type_=type_,
        )

        notification_out.additional_properties = d
        return notification_out

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
