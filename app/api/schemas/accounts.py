"""Accounts on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.api.schemas.common import (
    Count,
    Email,
    JsonBool,
    Name,
    ReclaimAfter,
    RequestBody,
    SeatLineIn,
    UserId,
)
from app.domain.account_status import AccountStatus
from app.domain.accounts import Account, AccountChanges, AccountSpec, BillingMode, Person, SalesRep
from app.domain.subscription import SeatTarget
from app.domain.terms import BillingCycle


class SalesRepIn(RequestBody):
    name: Name
    email: Email


class OwnerIn(RequestBody):
    user_id: UserId
    email: Email
    name: Name


class AccountCreate(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Acme",
                    "billing_mode": "self_service",
                    "owner": {"user_id": "u1", "email": "ana@acme.example", "name": "Ana"},
                    "billing_cycle": "monthly",
                    "currency": "USD",
                    "subscription": [{"suite": "support_suite", "seats": 5}],
                }
            ]
        }
    )

    name: Name
    billing_mode: BillingMode
    self_manageable: JsonBool = Field(default=False, description="The Manage permission (R6).")
    legacy_sell: JsonBool = False
    sales_rep: SalesRepIn | None = None
    owner: OwnerIn
    billing_cycle: BillingCycle = BillingCycle.MONTHLY
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    subscription: Annotated[list[SeatLineIn], Field(min_length=1, max_length=50)]

    def to_spec(self) -> AccountSpec:
        return AccountSpec(
            name=self.name,
            billing_mode=self.billing_mode,
            self_manageable=self.self_manageable,
            legacy_sell=self.legacy_sell,
            sales_rep=SalesRep(self.sales_rep.name, self.sales_rep.email)
            if self.sales_rep
            else None,
            owner=Person(self.owner.user_id, self.owner.email, self.owner.name),
            billing_cycle=self.billing_cycle,
            currency=self.currency,
            subscription=[
                SeatTarget(seats=s.seats, suite=s.suite, product=s.product)
                for s in self.subscription
            ],
        )


STATUS_DESCRIPTION = (
    "Set by the billing system. `active`: everything. `past_due` (grace): free seats can be "
    "assigned and seats removed, none bought (409 `account_past_due`). `suspended`: seats can "
    "be removed, none assigned or bought (409 `account_suspended`). `cancelled`: nothing "
    "about seats or agents changes (409 `account_cancelled`). Reads always work."
)


class AccountPatch(RequestBody):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"self_manageable": True}, {"status": "past_due"}]}
    )

    billing_mode: BillingMode | None = None
    self_manageable: JsonBool | None = None
    legacy_sell: JsonBool | None = None
    sales_rep: SalesRepIn | None = Field(default=None, description="null removes the rep.")
    status: AccountStatus | None = Field(
        default=None,
        description=STATUS_DESCRIPTION + " A change records `account.status_changed` and "
        "notifies the owner (`account_status_changed`); any status may follow any other.",
        examples=["past_due"],
    )
    light_agent_limit: Count | None = Field(
        default=None,
        description="The most light agents (who hold no paid seat) the account may have; never "
        "below those it has (409 `light_agent_limit_reached`). Past the service's maximum: "
        "422 `limit_exceeded`.",
        examples=[100],
    )
    reclaim_after: ReclaimAfter | None = Field(
        default=None,
        description="The owner's policy: the jobs run takes back the seats of agents inactive "
        "this long (an ISO 8601 duration of weeks, days and hours: P30D, P4W, PT12H; months "
        "and years are refused). null: no automatic reclaim.",
        examples=["P30D"],
    )

    def to_changes(self) -> AccountChanges:
        return AccountChanges(
            billing_mode=self.billing_mode,
            self_manageable=self.self_manageable,
            legacy_sell=self.legacy_sell,
            sales_rep=SalesRep(self.sales_rep.name, self.sales_rep.email)
            if self.sales_rep
            else None,
            remove_sales_rep="sales_rep" in self.model_fields_set and self.sales_rep is None,
            status=self.status,
            light_agent_limit=self.light_agent_limit,
            reclaim_after=self.reclaim_after,
            set_reclaim_after="reclaim_after" in self.model_fields_set,
        )


class OwnerHandOver(RequestBody):
    model_config = ConfigDict(json_schema_extra={"examples": [{"user_id": "u_1002"}]})

    user_id: UserId = Field(
        description="The agent who becomes the owner: on the account, holding a seat of "
        "every subscribed product.",
        examples=["u_1002"],
    )


class SalesRepOut(BaseModel):
    name: str
    email: str


class PersonOut(BaseModel):
    user_id: str
    email: str
    name: str


class AccountOut(BaseModel):
    id: str = Field(examples=["acct_8f14e45fceea167a5a36"])
    name: str
    billing_mode: BillingMode
    self_manageable: bool
    legacy_sell: bool
    sales_rep: SalesRepOut | None
    owner: PersonOut
    billing_cycle: BillingCycle
    currency: str
    status: AccountStatus = Field(description=STATUS_DESCRIPTION, examples=["active"])
    term_start: datetime
    term_end: datetime
    created_at: datetime
    updated_at: datetime
    version: int = Field(
        description="The account's version: it moves with every change to the account, its "
        "subscription or its agents, and is the ETag of each (send it as If-Match).",
        examples=[7],
    )
    light_agent_limit: int = Field(
        description="The most light agents the account may have (a platform admin sets it).",
        examples=[50],
    )
    light_agents: int = Field(
        description="Light agents on the account: they hold no paid seat.", examples=[3]
    )
    reclaim_after: str | None = Field(
        default=None,
        description="The inactivity after which the jobs run takes an agent's seats back, in "
        "days and hours (P4W is kept as P28D); null: never.",
        examples=["P30D"],
    )

    @classmethod
    def of(cls, account: Account) -> AccountOut:
        rep = account.sales_rep
        return cls(
            id=account.id,
            name=account.name,
            billing_mode=account.billing_mode,
            self_manageable=account.self_manageable,
            legacy_sell=account.legacy_sell,
            sales_rep=SalesRepOut(name=rep.name, email=rep.email) if rep else None,
            owner=PersonOut(
                user_id=account.owner.user_id, email=account.owner.email, name=account.owner.name
            ),
            billing_cycle=account.billing_cycle,
            currency=account.currency,
            status=account.status,
            term_start=account.term_start,
            term_end=account.term_end,
            created_at=account.created_at,
            updated_at=account.updated_at,
            version=account.version,
            light_agent_limit=account.light_agent_limit,
            light_agents=account.light_agents,
            reclaim_after=account.reclaim_after,
        )
