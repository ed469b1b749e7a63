from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.account_status import AccountStatus
from ..models.billing_mode import BillingMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sales_rep_in import SalesRepIn


T = TypeVar("T", bound="AccountPatch")


@_attrs_define
class AccountPatch:
    """
    Attributes:
        billing_mode (BillingMode | None | Unset):
        legacy_sell (bool | None | Unset):
        light_agent_limit (int | None | Unset): The most light agents (who hold no paid seat) the account may have;
            never below those it has (409 `light_agent_limit_reached`). Past the service's maximum: 422 `limit_exceeded`.
        reclaim_after (None | str | Unset): The owner's policy: the jobs run takes back the seats of agents inactive
            this long (an ISO 8601 duration of weeks, days and hours: P30D, P4W, PT12H; months and years are refused). null:
            no automatic reclaim.
        sales_rep (None | SalesRepIn | Unset): null removes the rep.
        self_manageable (bool | None | Unset):
        status (AccountStatus | None | Unset): Set by the billing system. `active`: everything. `past_due` (grace): free
            seats can be assigned and seats removed, none bought (409 `account_past_due`). `suspended`: seats can be
            removed, none assigned or bought (409 `account_suspended`). `cancelled`: nothing about seats or agents changes
            (409 `account_cancelled`). Reads always work. A change records `account.status_changed` and notifies the owner
            (`account_status_changed`); any status may follow any other.
    """

    billing_mode: BillingMode | None | Unset = UNSET
    legacy_sell: bool | None | Unset = UNSET
    light_agent_limit: int | None | Unset = UNSET
    reclaim_after: None | str | Unset = UNSET
    sales_rep: None | SalesRepIn | Unset = UNSET
    self_manageable: bool | None | Unset = UNSET
    status: AccountStatus | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.sales_rep_in import SalesRepIn  # noqa: PLC0415

        billing_mode: None | str | Unset
        if isinstance(self.billing_mode, Unset):
            billing_mode = UNSET
        elif isinstance(self.billing_mode, BillingMode):
            billing_mode = self.billing_mode.value
        else:
            billing_mode = self.billing_mode

        legacy_sell: bool | None | Unset
        if isinstance(self.legacy_sell, Unset):
            legacy_sell = UNSET
        else:
            legacy_sell = self.legacy_sell

        light_agent_limit: int | None | Unset
        if isinstance(self.light_agent_limit, Unset):
            light_agent_limit = UNSET
        else:
            light_agent_limit = self.light_agent_limit

        reclaim_after: None | str | Unset
        if isinstance(self.reclaim_after, Unset):
            reclaim_after = UNSET
        else:
            reclaim_after = self.reclaim_after

        sales_rep: dict[str, Any] | None | Unset
        if isinstance(self.sales_rep, Unset):
            sales_rep = UNSET
        elif isinstance(self.sales_rep, SalesRepIn):
            sales_rep = self.sales_rep.to_dict()
        else:
            sales_rep = self.sales_rep

        self_manageable: bool | None | Unset
        if isinstance(self.self_manageable, Unset):
            self_manageable = UNSET
        else:
            self_manageable = self.self_manageable

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, AccountStatus):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if billing_mode is not UNSET:
            field_dict["billing_mode"] = billing_mode
        if legacy_sell is not UNSET:
            field_dict["legacy_sell"] = legacy_sell
        if light_agent_limit is not UNSET:
            field_dict["light_agent_limit"] = light_agent_limit
        if reclaim_after is not UNSET:
            field_dict["reclaim_after"] = reclaim_after
        if sales_rep is not UNSET:
            field_dict["sales_rep"] = sales_rep
        if self_manageable is not UNSET:
            field_dict["self_manageable"] = self_manageable
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sales_rep_in import SalesRepIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_billing_mode(data: object) -> BillingMode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                billing_mode_type_0 = BillingMode(data)

                return billing_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BillingMode | None | Unset, data)

        billing_mode = _parse_billing_mode(d.pop("billing_mode", UNSET))

        def _parse_legacy_sell(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        legacy_sell = _parse_legacy_sell(d.pop("legacy_sell", UNSET))

        def _parse_light_agent_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        light_agent_limit = _parse_light_agent_limit(d.pop("light_agent_limit", UNSET))

        def _parse_reclaim_after(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reclaim_after = _parse_reclaim_after(d.pop("reclaim_after", UNSET))

        def _parse_sales_rep(data: object) -> None | SalesRepIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sales_rep_type_0 = SalesRepIn.from_dict(data)

                return sales_rep_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SalesRepIn | Unset, data)

        sales_rep = _parse_sales_rep(d.pop("sales_rep", UNSET))

        def _parse_self_manageable(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        self_manageable = _parse_self_manageable(d.pop("self_manageable", UNSET))

        def _parse_status(data: object) -> AccountStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = AccountStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        account_patch = cls(
            billing_mode=billing_mode,
            legacy_sell=legacy_sell,
            light_agent_limit=light_agent_limit,
            reclaim_after=reclaim_after,
            sales_rep=sales_rep,
            self_manageable=self_manageable,
            status=status,
        )

        return account_patch
