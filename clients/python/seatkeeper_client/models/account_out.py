from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.account_status import AccountStatus
from ..models.billing_cycle import BillingCycle
from ..models.billing_mode import BillingMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.person_out import PersonOut
    from ..models.sales_rep_out import SalesRepOut


T = TypeVar("T", bound="AccountOut")


@_attrs_define
class AccountOut:
    """
    Attributes:
        billing_cycle (BillingCycle):
        billing_mode (BillingMode):
        created_at (datetime.datetime):
        currency (str):
        id (str):
        legacy_sell (bool):
        light_agent_limit (int): The most light agents the account may have (a platform admin sets it).
        light_agents (int): Light agents on the account: they hold no paid seat.
        name (str):
        owner (PersonOut):
        sales_rep (None | SalesRepOut):
        self_manageable (bool):
        status (AccountStatus):
        term_end (datetime.datetime):
        term_start (datetime.datetime):
        updated_at (datetime.datetime):
        version (int): The account's version: it moves with every change to the account, its subscription or its agents,
            and is the ETag of each (send it as If-Match).
        reclaim_after (None | str | Unset): The inactivity after which the jobs run takes an agent's seats back, in days
            and hours (P4W is kept as P28D); null: never.
    """

    billing_cycle: BillingCycle
    billing_mode: BillingMode
    created_at: datetime.datetime
    currency: str
    id: str
    legacy_sell: bool
    light_agent_limit: int
    light_agents: int
    name: str
    owner: PersonOut
    sales_rep: None | SalesRepOut
    self_manageable: bool
    status: AccountStatus
    term_end: datetime.datetime
    term_start: datetime.datetime
    updated_at: datetime.datetime
    version: int
    reclaim_after: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.sales_rep_out import SalesRepOut  # noqa: PLC0415

        billing_cycle = self.billing_cycle.value

        billing_mode = self.billing_mode.value

        created_at = self.created_at.isoformat()

        currency = self.currency

        id = self.id

        legacy_sell = self.legacy_sell

        light_agent_limit = self.light_agent_limit

        light_agents = self.light_agents

        name = self.name

        owner = self.owner.to_dict()

        sales_rep: dict[str, Any] | None
        if isinstance(self.sales_rep, SalesRepOut):
            sales_rep = self.sales_rep.to_dict()
        else:
            sales_rep = self.sales_rep

        self_manageable = self.self_manageable

        status = self.status.value

        term_end = self.term_end.isoformat()

        term_start = self.term_start.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        reclaim_after: None | str | Unset
        if isinstance(self.reclaim_after, Unset):
            reclaim_after = UNSET
        else:
            reclaim_after = self.reclaim_after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "billing_cycle": billing_cycle,
                "billing_mode": billing_mode,
                "created_at": created_at,
                "currency": currency,
                "id": id,
                "legacy_sell": legacy_sell,
                "light_agent_limit": light_agent_limit,
                "light_agents": light_agents,
                "name": name,
                "owner": owner,
                "sales_rep": sales_rep,
                "self_manageable": self_manageable,
                "status": status,
                "term_end": term_end,
                "term_start": term_start,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if reclaim_after is not UNSET:
            field_dict["reclaim_after"] = reclaim_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.person_out import PersonOut  # noqa: PLC0415
        from ..models.sales_rep_out import SalesRepOut  # noqa: PLC0415

        d = dict(src_dict)
        billing_cycle = BillingCycle(d.pop("billing_cycle"))

        billing_mode = BillingMode(d.pop("billing_mode"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = d.pop("currency")

        id = d.pop("id")

        legacy_sell = d.pop("legacy_sell")

        light_agent_limit = d.pop("light_agent_limit")

        light_agents = d.pop("light_agents")

        name = d.pop("name")

        owner = PersonOut.from_dict(d.pop("owner"))

        def _parse_sales_rep(data: object) -> None | SalesRepOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sales_rep_type_0 = SalesRepOut.from_dict(data)

                return sales_rep_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SalesRepOut, data)

        sales_rep = _parse_sales_rep(d.pop("sales_rep"))

        self_manageable = d.pop("self_manageable")

        status = AccountStatus(d.pop("status"))

        term_end = datetime.datetime.fromisoformat(d.pop("term_end"))

        term_start = datetime.datetime.fromisoformat(d.pop("term_start"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_reclaim_after(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reclaim_after = _parse_reclaim_after(d.pop("reclaim_after", UNSET))

        account_out = cls(
            billing_cycle=billing_cycle,
            billing_mode=billing_mode,
            created_at=created_at,
            currency=currency,
            id=id,
            legacy_sell=legacy_sell,
            light_agent_limit=light_agent_limit,
            light_agents=light_agents,
            name=name,
            owner=owner,
            sales_rep=sales_rep,
            self_manageable=self_manageable,
            status=status,
            term_end=term_end,
            term_start=term_start,
            updated_at=updated_at,
            version=version,
            reclaim_after=reclaim_after,
        )

        account_out.additional_properties = d
        return account_out

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
