from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReclaimedAgentOut")


@_attrs_define
class ReclaimedAgentOut:
    """
    Attributes:
        end_user (bool): Whether they are left with no seat (an end user).
        last_active_at (datetime.datetime | None): The latest activity recorded; null: none (idle since they became an
            agent).
        products (list[str]): The products whose seats they give up.
        user_id (str):
    """

    end_user: bool
    last_active_at: datetime.datetime | None
    products: list[str]
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_user = self.end_user

        last_active_at: None | str
        if isinstance(self.last_active_at, datetime.datetime):
            last_active_at = self.last_active_at.isoformat()
        else:
            last_active_at = self.last_active_at

        products = self.products

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "end_user": end_user,
                "last_active_at": last_active_at,
                "products": products,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end_user = d.pop("end_user")

        def _parse_last_active_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_active_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_active_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_active_at = _parse_last_active_at(d.pop("last_active_at"))

        products = cast(list[str], d.pop("products"))

        user_id = d.pop("user_id")

        reclaimed_agent_out = cls(
            end_user=end_user,
            last_active_at=last_active_at,
            products=products,
            user_id=user_id,
        )

        reclaimed_agent_out.additional_properties = d
        return reclaimed_agent_out

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
