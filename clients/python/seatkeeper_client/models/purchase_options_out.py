from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.channel_option_out import ChannelOptionOut
    from ..models.contact_out import ContactOut


T = TypeVar("T", bound="PurchaseOptionsOut")


@_attrs_define
class PurchaseOptionsOut:
    """
    Attributes:
        contact (ContactOut | None): Who can act, when no channel is open to this caller.
        options (list[ChannelOptionOut]):
    """

    contact: ContactOut | None
    options: list[ChannelOptionOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_out import ContactOut  # noqa: PLC0415

        contact: dict[str, Any] | None
        if isinstance(self.contact, ContactOut):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact": contact,
                "options": options,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_option_out import ChannelOptionOut  # noqa: PLC0415
        from ..models.contact_out import ContactOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_contact(data: object) -> ContactOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = ContactOut.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactOut | None, data)

        contact = _parse_contact(d.pop("contact"))

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = ChannelOptionOut.from_dict(options_item_data)

            options.append(options_item)

        purchase_options_out = cls(
            contact=contact,
            options=options,
        )

        purchase_options_out.additional_properties = d
        return purchase_options_out

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
