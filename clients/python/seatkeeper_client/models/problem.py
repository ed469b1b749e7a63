from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.purchase_options_out import PurchaseOptionsOut
    from ..models.validation_issue import ValidationIssue


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """An error, as RFC 9457 problem details plus a stable `code`.

    Attributes:
        code (str): Stable snake_case error code; branch on this.
        detail (str):
        status (int):
        title (str):
        type_ (str): A URI naming the kind of problem: urn:seatkeeper:problem:<code>.
        errors (list[ValidationIssue] | None | Unset): Present on validation errors: where and what.
        purchase_options (None | PurchaseOptionsOut | Unset): Present when the refusal is about buying or removing seats
            (`seats_exhausted`, `sales_request_not_available`, a closed subscription page): the channels open to this
            caller, and who to contact when none is.
    """

    code: str
    detail: str
    status: int
    title: str
    type_: str
    errors: list[ValidationIssue] | None | Unset = UNSET
    purchase_options: None | PurchaseOptionsOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.purchase_options_out import PurchaseOptionsOut  # noqa: PLC0415

        code = self.code

        detail = self.detail

        status = self.status

        title = self.title

        type_ = self.type_

        errors: list[dict[str, Any]] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = []
            for errors_type_0_item_data in self.errors:
                errors_type_0_item = errors_type_0_item_data.to_dict()
                errors.append(errors_type_0_item)

        else:
            errors = self.errors

        purchase_options: dict[str, Any] | None | Unset
        if isinstance(self.purchase_options, Unset):
            purchase_options = UNSET
        elif isinstance(self.purchase_options, PurchaseOptionsOut):
            purchase_options = self.purchase_options.to_dict()
        else:
            purchase_options = self.purchase_options

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "detail": detail,
                "status": status,
                "title": title,
                "type": type_,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if purchase_options is not UNSET:
            field_dict["purchase_options"] = purchase_options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.purchase_options_out import PurchaseOptionsOut  # noqa: PLC0415
        from ..models.validation_issue import ValidationIssue  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        detail = d.pop("detail")

        status = d.pop("status")

        title = d.pop("title")

        type_ = d.pop("type")

        def _parse_errors(data: object) -> list[ValidationIssue] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = []
                _errors_type_0 = data
                for errors_type_0_item_data in _errors_type_0:
                    errors_type_0_item = ValidationIssue.from_dict(errors_type_0_item_data)

                    errors_type_0.append(errors_type_0_item)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ValidationIssue] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        def _parse_purchase_options(data: object) -> None | PurchaseOptionsOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                purchase_options_type_0 = PurchaseOptionsOut.from_dict(data)

                return purchase_options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PurchaseOptionsOut | Unset, data)

        purchase_options = _parse_purchase_options(d.pop("purchase_options", UNSET))

        problem = cls(
            code=code,
            detail=detail,
            status=status,
            title=title,
            type_=type_,
            errors=errors,
            purchase_options=purchase_options,
        )

        problem.additional_properties = d
        return problem

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
