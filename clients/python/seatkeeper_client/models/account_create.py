from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.billing_cycle import BillingCycle
from ..models.billing_mode import BillingMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.owner_in import OwnerIn
    from ..models.sales_rep_in import SalesRepIn
    from ..models.seat_line_in import SeatLineIn


T = TypeVar("T", bound="AccountCreate")


@_attrs_define
class AccountCreate:
    """
    Attributes:
        billing_mode (BillingMode):
        name (str):
        owner (OwnerIn):
        subscription (list[SeatLineIn]):
        billing_cycle (BillingCycle | Unset):
        currency (str | Unset): Default: `"USD"`.
        legacy_sell (bool | Unset): Default: `false`.
        sales_rep (None | SalesRepIn | Unset):
        self_manageable (bool | Unset): The Manage permission (R6). Default: `false`.
    """

    billing_mode: BillingMode
    name: str
    owner: OwnerIn
    subscription: list[SeatLineIn]
    billing_cycle: BillingCycle | Unset = UNSET
    currency: str | Unset = UNSET
    legacy_sell: bool | Unset = UNSET
    sales_rep: None | SalesRepIn | Unset = UNSET
    self_manageable: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.sales_rep_in import SalesRepIn  # noqa: PLC0415

        billing_mode = self.billing_mode.value

        name = self.name

        owner = self.owner.to_dict()

        subscription = []
        for subscription_item_data in self.subscription:
            subscription_item = subscription_item_data.to_dict()
            subscription.append(subscription_item)

        billing_cycle: str | Unset = UNSET
        if not isinstance(self.billing_cycle, Unset):
            billing_cycle = self.billing_cycle.value

        currency = self.currency

        legacy_sell = self.legacy_sell

        sales_rep: dict[str, Any] | None | Unset
        if isinstance(self.sales_rep, Unset):
            sales_rep = UNSET
        elif isinstance(self.sales_rep, SalesRepIn):
            sales_rep = self.sales_rep.to_dict()
        else:
            sales_rep = self.sales_rep

        self_manageable = self.self_manageable

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "billing_mode": billing_mode,
                "name": name,
                "owner": owner,
                "subscription": subscription,
            }
        )
        if billing_cycle is not UNSET:
            field_dict["billing_cycle"] = billing_cycle
        if currency is not UNSET:
            field_dict["currency"] = currency
        if legacy_sell is not UNSET:
            field_dict["legacy_sell"] = legacy_sell
        if sales_rep is not UNSET:
            field_dict["sales_rep"] = sales_rep
        if self_manageable is not UNSET:
            field_dict["self_manageable"] = self_manageable

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.owner_in import OwnerIn  # noqa: PLC0415
        from ..models.sales_rep_in import SalesRepIn  # noqa: PLC0415
        from ..models.seat_line_in import SeatLineIn  # noqa: PLC0415

        d = dict(src_dict)
        billing_mode = BillingMode(d.pop("billing_mode"))

        name = d.pop("name")

        owner = OwnerIn.from_dict(d.pop("owner"))

        subscription = []
        _subscription = d.pop("subscription")
        for subscription_item_data in _subscription:
            subscription_item = SeatLineIn.from_dict(subscription_item_data)

            subscription.append(subscription_item)

        _billing_cycle = d.pop("billing_cycle", UNSET)
        billing_cycle: BillingCycle | Unset
        if isinstance(_billing_cycle, Unset):
            billing_cycle = UNSET
        else:
            billing_cycle = BillingCycle(_billing_cycle)

        currency = d.pop("currency", UNSET)

        legacy_sell = d.pop("legacy_sell", UNSET)

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

        self_manageable = d.pop("self_manageable", UNSET)

        account_create = cls(
            billing_mode=billing_mode,
            name=name,
            owner=owner,
            subscription=subscription,
            billing_cycle=billing_cycle,
            currency=currency,
            legacy_sell=legacy_sell,
            sales_rep=sales_rep,
            self_manageable=self_manageable,
        )

        return account_create
