"""Stateful rule testing through the HTTP layer, once, end to end.

The same idea as test_domain_rules.py, smaller: a hypothesis state machine
drives the in-process app (a fresh database per run, a TickingClock the machine
moves) with two accounts, each with support_suite and sell bought on its own:

- "self", self-service: agents come and go, the owner changes seat totals
  (now and at renewal, sometimes below usage, sometimes naming who goes
  first), grants temporary seats, and time moves on while
  POST /v1/admin/jobs/run starts and ends them and renews the term;
- "sales", sales-assisted: agents come and go, the owner files sales requests
  and the platform admin fulfils or declines them.

A model (tests/properties/seat_model.py) predicts every answer. After every
step, GET .../subscription, GET .../agents and the rows behind the counters
(tests/seat_checks.py) must agree with it: counters equal the seats held, no
product over capacity, suites equal, the owner holding every product; and every
downgrade took the named agents first, then the newest holders.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings, async_database_url
from app.db.engine import make_engine
from app.domain.terms import add_months
from app.main import create_app
from tests.builders import account_body, bearer
from tests.conftest import ADMIN_KEY, BACKENDS, TEST_EPOCH, TickingClock, empty_tables
from tests.proofs import proof
from tests.properties.seat_model import (
    Member,
    expected_losses,
    holding,
    newest_first,
    over_capacity,
    take_losses,
)
from tests.seat_checks import assert_counters_match_rows

SUITE = "support_suite"
SUITE_PRODUCTS = ("support", "guide", "chat", "talk", "explore")
ALONE = "sell"
PRODUCTS = (*SUITE_PRODUCTS, ALONE)
OWNER = "owner"
USERS = [f"u{n}" for n in range(1, 12)]  # u10 and u11 sort before u2
TARGETS: dict[str, dict[str, str]] = {"suite": {"suite": SUITE}, "alone": {"product": ALONE}}
SELF, SALES = "self", "sales"

COUNTS: Counter[str] = Counter()

SETTINGS = settings(
    max_examples=20,
    stateful_step_count=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
    # Shrinking replays HTTP runs for minutes; a failure shows its whole run
    # (at most stateful_step_count steps), and test_domain_rules.py shrinks.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

T = TypeVar("T")


def moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def whole_minute(value: datetime) -> datetime:
    return value.replace(second=0, microsecond=0)


@dataclass(slots=True)
class AccountModel:
    id: str
    owner_key: dict[str, str]
    self_service: bool
    term_end: datetime
    members: dict[str, Member] = field(default_factory=dict)
    seats: dict[str, int] = field(default_factory=dict)
    temporary: Counter[str] = field(default_factory=Counter)

    def capacity(self, product: str) -> int:
        return self.seats[product] + self.temporary[product]

    def full(self, products: list[str] | tuple[str, ...]) -> list[str]:
        return [p for p in products if holding(self.members, p) >= self.capacity(p)]

    def set_seats(self, totals: dict[str, int]) -> dict[str, int]:
        """New seat totals; answers the excess per lowered product (R10)."""
        lowered = [p for p, n in totals.items() if n < self.seats[p]]
        self.seats.update(totals)
        return over_capacity(self.members, {p: self.capacity(p) for p in lowered}, lowered)

    def downgrade(self, excess: dict[str, int], named: list[str]) -> list[tuple[str, list[str]]]:
        """Apply R10 to the model; answers who lost what, newest first."""
        lost = expected_losses(excess, self.members, named)
        order = newest_first(self.members, lost)
        take_losses(self.members, lost)
        COUNTS["downgraded agents"] += len(lost)
        return [(u, sorted(lost[u])) for u in order]


@dataclass(slots=True)
class Grant:
    id: str
    products: tuple[str, ...]
    seats: int
    starts_at: datetime
    ends_at: datetime
    created_at: datetime
    active: bool


@dataclass(slots=True)
class Scheduled:
    id: str
    totals: dict[str, int]
    named: list[str]
    effective_at: datetime
    created_at: datetime


class HttpRules(RuleBasedStateMachine):
    def __init__(self, database_url: str) -> None:
        super().__init__()
        COUNTS["runs"] += 1
        self.loop = asyncio.new_event_loop()
        self.clock = TickingClock(TEST_EPOCH)
        self.app = create_app(
            Settings(
                database_url=database_url,
                bootstrap_admin_key=ADMIN_KEY,
                db_pool_size=2,
                dispatcher=False,
                jobs_interval=0,
                log_level="warning",
            ),
            clock=self.clock,
        )
        self.lifespan = self.app.router.lifespan_context(self.app)
        self.run(self.lifespan.__aenter__())
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://seatkeeper.test",
            headers=bearer(ADMIN_KEY),
        )
        self.engine: AsyncEngine = self.app.state.runtime.engine
        self.accounts: dict[str, AccountModel] = {}
        self.grants: list[Grant] = []
        self.scheduled: list[Scheduled] = []
        self.requests: list[dict[str, Any]] = []

    def teardown(self) -> None:
        try:
            self.run(self.http.aclose())
            self.run(self.lifespan.__aexit__(None, None, None))
        finally:
            self.loop.close()

    # -- helpers ---------------------------------------------------------------

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(work)

    def call(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.run(self.http.request(method, url, **kwargs))

    def step(self) -> None:
        COUNTS["steps"] += 1
        self.clock.advance_seconds(1)

    def expect(self, response: httpx.Response, status: int, code: str | None = None) -> Any:
        assert response.status_code == status, (
            f"{response.request.method} {response.request.url.path} "
            f"{response.request.content.decode() or ''}: {response.status_code} {response.text}"
        )
        body = response.json() if response.content else None
        if code is not None:
            assert body["code"] == code, body
        return body

    def open(self, name: str, seats: dict[str, int], **overrides: Any) -> None:
        body = account_body(
            owner={"user_id": OWNER, "email": f"{name}@example.com", "name": name},
            subscription=[
                {"suite": SUITE, "seats": seats[SUITE_PRODUCTS[0]]},
                {"product": ALONE, "seats": seats[ALONE]},
            ],
            **overrides,
        )
        account = self.expect(self.call("POST", "/v1/accounts", json=body), 201)
        key = self.call(
            "POST", f"/v1/accounts/{account['id']}/api-keys", json={"name": "o", "role": "owner"}
        )
        model = AccountModel(
            id=account["id"],
            owner_key=bearer(self.expect(key, 201)["key"]),
            self_service=body["billing_mode"] == "self_service",
            term_end=moment(account["term_end"]),
            seats=dict(seats),
        )
        owner = self.expect(self.call("GET", f"/v1/accounts/{model.id}/agents/{OWNER}"), 200)
        model.members[OWNER] = Member(moment(owner["added_at"]), set(PRODUCTS), is_owner=True)
        self.accounts[name] = model

    # -- rules -----------------------------------------------------------------

    @initialize(
        agents=st.sampled_from([3, 2, 4, 1, 0]),
        spare=st.sampled_from([0, 1, 2]),
        alone_spare=st.sampled_from([0, 1, 2]),
    )
    def open_accounts(self, agents: int, spare: int, alone_spare: int) -> None:
        """Two accounts with `agents` agents besides the owner, and a few free seats."""
        seats = {
            **dict.fromkeys(SUITE_PRODUCTS, 1 + agents + spare),
            ALONE: 1 + agents + alone_spare,
        }
        for name, overrides in ((SELF, {}), (SALES, {"billing_mode": "sales_assisted"})):
            self.open(name, seats, **overrides)
            for user_id in USERS[:agents]:
                self.add_agent(self.accounts[name], user_id, None, buy=False)

    @rule(
        name=st.sampled_from([SELF, SELF, SALES]),
        user_ids=st.lists(st.sampled_from(USERS), min_size=1, max_size=3, unique=True),
        products=st.none() | st.sets(st.sampled_from(PRODUCTS), min_size=1),
        buy=st.booleans(),
        same_instant=st.booleans(),
    )
    def add_agents(
        self,
        name: str,
        user_ids: list[str],
        products: set[str] | None,
        buy: bool,
        same_instant: bool,
    ) -> None:
        """POST agents, one after the other, or all at one instant (then ties in
        added_at go by user id)."""
        self.step()
        instant = self.clock.now()
        for user_id in user_ids:
            if same_instant:
                self.clock.set(instant)
            self.add_agent(self.accounts[name], user_id, products, buy)

    def add_agent(
        self, account: AccountModel, user_id: str, products: set[str] | None, buy: bool
    ) -> None:
        body: dict[str, Any] = {"user_id": user_id, "email": f"{user_id}@example.com"}
        body |= {"name": user_id.upper(), "buy_missing_seats": buy}
        if products:
            body["products"] = sorted(products)
        response = self.call(
            "POST", f"/v1/accounts/{account.id}/agents", json=body, headers=account.owner_key
        )
        if user_id in account.members:
            self.expect(response, 409, "agent_exists")
            return
        wanted = [p for p in PRODUCTS if products is None or p in products]
        full = account.full(wanted)
        if full and not (buy and account.self_service):
            refusal = self.expect(response, 409, "seats_exhausted")
            assert sorted(m["product"] for m in refusal["missing"]) == sorted(full)
            return
        added = self.expect(response, 201)
        if full:  # bought on the fly (R3): the shortfall, the whole suite kept equal
            assert added["seat_change_id"], added
            totals: dict[str, int] = {}
            for product in full:
                target = account.seats[product] + 1 + holding(account.members, product)
                target -= account.capacity(product)
                for p in SUITE_PRODUCTS if product in SUITE_PRODUCTS else (product,):
                    totals[p] = max(totals.get(p, 0), target)
            assert account.set_seats(totals) == {}
        else:
            assert added["seat_change_id"] is None, added
        assert sorted(added["products"]) == sorted(wanted)
        account.members[user_id] = Member(moment(added["added_at"]), set(wanted))

    def someone(self, account: AccountModel, who: str, data: st.DataObject) -> str:
        """A user id: one of the account's agents or end users, the owner, or a stranger."""
        others = sorted(u for u in account.members if u != OWNER)
        if who == "owner" or (who == "member" and not others):
            return OWNER
        if who == "stranger":
            return data.draw(st.sampled_from([u for u in USERS if u not in others] or [OWNER]))
        return data.draw(st.sampled_from(others))

    @rule(
        name=st.sampled_from([SELF, SALES]),
        who=st.sampled_from(["member", "member", "member", "owner", "stranger"]),
        data=st.data(),
    )
    def remove_agent(self, name: str, who: str, data: st.DataObject) -> None:
        self.step()
        account = self.accounts[name]
        user_id = self.someone(account, who, data)
        response = self.call(
            "DELETE", f"/v1/accounts/{account.id}/agents/{user_id}", headers=account.owner_key
        )
        if user_id == OWNER:
            self.expect(response, 409, "owner_protected")
        elif user_id not in account.members:
            self.expect(response, 404, "not_found")
        else:
            self.expect(response, 204)
            del account.members[user_id]

    @rule(
        name=st.sampled_from([SELF, SALES]),
        who=st.sampled_from(["member", "member", "member", "owner", "stranger"]),
        role=st.sampled_from(["end_user", "agent"]),
        data=st.data(),
    )
    def change_role(self, name: str, who: str, role: str, data: st.DataObject) -> None:
        self.step()
        account = self.accounts[name]
        user_id = self.someone(account, who, data)
        response = self.call(
            "PATCH",
            f"/v1/accounts/{account.id}/agents/{user_id}",
            json={"role": role},
            headers=account.owner_key,
        )
        member = account.members.get(user_id)
        if member is None:
            self.expect(response, 404, "not_found")
            return
        if member.is_owner and role == "end_user":
            self.expect(response, 409, "owner_protected")
            return
        if role == "agent" and member.role == "end_user":
            full = account.full(PRODUCTS)
            if full:
                refusal = self.expect(response, 409, "seats_exhausted")
                assert sorted(m["product"] for m in refusal["missing"]) == sorted(full)
                return
            member.products = set(PRODUCTS)
        elif role == "end_user":
            member.products = set()
        agent = self.expect(response, 200)
        assert (agent["role"], set(agent["products"])) == (member.role, member.products)
        if role == "agent" and agent["agent_since"] != agent["added_at"]:
            member.agent_since = moment(agent["agent_since"])  # re-promoted: the newest now

    @rule(
        name=st.sampled_from([SELF, SELF, SELF, SALES]),
        shape=st.sampled_from(["suite", "alone", "suite", "alone", "both", "split"]),
        suite_delta=st.sampled_from([-1, -2, -1, 0, 1, -3]),
        alone_delta=st.sampled_from([-1, -2, -1, 0, 1, -3]),
        anchor=st.sampled_from(["usage", "usage", "seats"]),
        naming=st.sampled_from(["holders", "nobody", "anyone"]),
        at_renewal=st.sampled_from([False, False, True]),
        data=st.data(),
    )
    def change_seats(
        self,
        name: str,
        shape: str,
        suite_delta: int,
        alone_delta: int,
        anchor: str,
        naming: str,
        at_renewal: bool,
        data: st.DataObject,
    ) -> None:
        """POST seat-changes: a few seats from the seats there are, or from the
        seats in use (then often below usage)."""
        self.step()
        account = self.accounts[name]

        def near(products: tuple[str, ...], delta: int) -> int:
            if anchor == "seats":
                seats = account.seats[products[0]]
            else:
                seats = max(holding(account.members, p) for p in products)
            return max(seats + delta, 0)

        totals: dict[str, int] = {}
        changes: list[dict[str, Any]] = []
        if shape in ("suite", "both"):
            totals |= dict.fromkeys(SUITE_PRODUCTS, near(SUITE_PRODUCTS, suite_delta))
            changes.append({"suite": SUITE, "seats": totals[SUITE_PRODUCTS[0]]})
        if shape in ("alone", "both"):
            totals[ALONE] = near((ALONE,), alone_delta)
            changes.append({"product": ALONE, "seats": totals[ALONE]})
        if shape == "split":  # one suite product apart from the rest
            totals |= dict.fromkeys(SUITE_PRODUCTS, near(SUITE_PRODUCTS, suite_delta))
            totals[SUITE_PRODUCTS[-1]] = near(SUITE_PRODUCTS[-1:], alone_delta)
            changes += [{"product": p, "seats": n} for p, n in totals.items()]
        moved = {p: n for p, n in totals.items() if n != account.seats[p]}
        lowered = {p for p, n in moved.items() if n < account.seats[p]}
        pool = {
            "nobody": [],
            "holders": sorted(u for u in account.members if self.held(account, u) & lowered),
            "anyone": [OWNER, "ghost", *sorted(account.members)],
        }[naming]
        named = (
            data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
            if pool
            else []
        )
        body = {
            "changes": changes,
            "effective": "at_renewal" if at_renewal else "immediately",
            "downgrade": named,
        }
        response = self.call(
            "POST", f"/v1/accounts/{account.id}/seat-changes", json=body, headers=account.owner_key
        )
        if not account.self_service:
            self.expect(response, 403, "subscription_managed_by_sales")
            return
        if min(totals.values()) < 1:
            self.expect(response, 422, "seats_out_of_range")
            return
        if len({n for p, n in totals.items() if p in SUITE_PRODUCTS}) > 1:
            self.expect(response, 422, "suite_parity_violation")
            return
        if not moved:
            self.expect(response, 422, "no_change")
            return
        valid = [u for u in named if u != OWNER and lowered & self.held(account, u)]
        if valid != named:
            self.expect(response, 422, "invalid_downgrade")
            return
        change = self.expect(response, 201)
        if at_renewal:
            assert (change["status"], change["downgraded_agents"]) == ("scheduled", [])
            # One change waits per account: this one replaces the one pending.
            self.scheduled.clear()
            self.scheduled.append(
                Scheduled(
                    change["id"],
                    moved,
                    named,
                    moment(change["effective_at"]),
                    moment(change["created_at"]),
                )
            )
            return
        assert change["status"] == "applied", change
        expected = account.downgrade(account.set_seats(moved), named)
        got = [(d["user_id"], sorted(d["products"])) for d in change["downgraded_agents"]]
        assert got == expected, f"named {named}: downgraded {got}, R10 says {expected}"

    @staticmethod
    def held(account: AccountModel, user_id: str) -> set[str]:
        member = account.members.get(user_id)
        return member.products if member is not None and not member.is_owner else set()

    @rule(
        grant_for=st.sampled_from(["suite", "alone", "suite_product"]),
        seats=st.integers(1, 3),
        later=st.booleans(),
        hours=st.integers(1, 48),
    )
    def add_temporary_seats(self, grant_for: str, seats: int, later: bool, hours: int) -> None:
        """POST temporary-seats, starting now or in an hour, on whole minutes."""
        self.step()
        account = self.accounts[SELF]
        starts_at = whole_minute(self.clock.now()) + timedelta(hours=1 if later else 0)
        ends_at = starts_at + timedelta(hours=hours)
        target = (
            {"product": SUITE_PRODUCTS[0]} if grant_for == "suite_product" else TARGETS[grant_for]
        )
        body = {
            **target,
            "seats": seats,
            "starts_at": starts_at.isoformat(),
            "ends_at": ends_at.isoformat(),
        }
        response = self.call(
            "POST",
            f"/v1/accounts/{account.id}/temporary-seats",
            json=body,
            headers=account.owner_key,
        )
        if grant_for == "suite_product":
            self.expect(response, 422, "suite_parity_violation")
            return
        grant = self.expect(response, 201)
        products = SUITE_PRODUCTS if grant_for == "suite" else (ALONE,)
        assert sorted(grant["products"]) == sorted(products)
        assert grant["status"] == ("scheduled" if later else "active"), grant
        if not later:
            account.temporary.update(dict.fromkeys(products, seats))
        self.grants.append(
            Grant(
                grant["id"],
                products,
                seats,
                starts_at,
                ends_at,
                moment(grant["created_at"]),
                not later,
            )
        )

    @rule(hours=st.integers(1, 60), to_renewal=st.booleans())
    def run_jobs(self, hours: int, to_renewal: bool) -> None:
        """Move the clock (to 30 s past a minute, clear of every boundary) and
        POST /v1/admin/jobs/run: temporary seats start and end, terms renew."""
        self.step()
        now = self.clock.now()
        if to_renewal:
            term_end = max(a.term_end for a in self.accounts.values())
            at = whole_minute(max(now, term_end)) + timedelta(minutes=1, seconds=30)
        else:
            at = whole_minute(now) + timedelta(hours=hours, seconds=30)
        self.clock.set(at)
        report = self.expect(self.call("POST", "/v1/admin/jobs/run"), 200)
        account = self.accounts[SELF]

        started, ended, downgraded = [], [], 0
        for grant in sorted(self.grants, key=lambda g: g.created_at):
            if not grant.active and grant.starts_at <= at:
                grant.active = True
                account.temporary.update(dict.fromkeys(grant.products, grant.seats))
                started.append(grant.id)
        for grant in sorted(self.grants, key=lambda g: g.created_at):
            if grant.active and grant.ends_at <= at:
                account.temporary.subtract(dict.fromkeys(grant.products, grant.seats))
                capacity = {p: account.capacity(p) for p in grant.products}
                excess = over_capacity(account.members, capacity, grant.products)
                downgraded += len(account.downgrade(excess, []))
                ended.append(grant.id)
                self.grants.remove(grant)
        done = report["temporary_seats"]
        assert sorted(done["started"]) == sorted(started), (done, started)
        assert sorted(done["ended"]) == sorted(ended), (done, ended)
        assert done["agents_downgraded"] == downgraded, (done, downgraded)

        renewed, applied, cancelled, downgraded = 0, [], [], 0
        for model in self.accounts.values():
            if model.term_end > at:
                continue
            renewed += 1
            while model.term_end <= at:
                boundary = model.term_end
                for change in sorted(self.scheduled, key=lambda c: (c.created_at, c.id)):
                    if model is not account or change.effective_at > boundary:
                        continue
                    # Against usage at the renewal; named agents who no longer
                    # hold a lowered product have nothing to give up.
                    self.scheduled.remove(change)
                    if all(model.seats[p] == n for p, n in change.totals.items()):
                        cancelled.append(change.id)  # moot: nothing left to change
                        continue
                    lowered = {p for p, n in change.totals.items() if n < model.seats[p]}
                    named = [u for u in change.named if lowered & self.held(model, u)]
                    downgraded += len(model.downgrade(model.set_seats(change.totals), named))
                    applied.append(change.id)
                model.term_end = add_months(boundary, 1)
        done = report["renewals"]
        assert done["accounts_renewed"] == renewed, (done, renewed)
        assert sorted(done["seat_changes_applied"]) == sorted(applied), (done, applied)
        assert sorted(done["seat_changes_cancelled"]) == sorted(cancelled), (done, cancelled)
        assert done["agents_downgraded"] == downgraded, (done, downgraded)

    @rule(
        kind=st.sampled_from(["add_seats", "remove_seats"]),
        asked_for=st.sampled_from(sorted(TARGETS)),
        seats=st.integers(1, 3),
    )
    def file_sales_request(self, kind: str, asked_for: str, seats: int) -> None:
        """POST sales-requests on the sales-assisted account (R4, R6)."""
        self.step()
        account = self.accounts[SALES]
        body = {"kind": kind, **TARGETS[asked_for], "seats": seats}
        response = self.call(
            "POST",
            f"/v1/accounts/{account.id}/sales-requests",
            json=body,
            headers=account.owner_key,
        )
        if self.requested(account, body) is None:
            self.expect(response, 422, "seats_out_of_range")
            return
        request = self.expect(response, 201)
        assert request["status"] == "submitted"
        self.requests.append({"id": request["id"], **body})

    @staticmethod
    def requested(account: AccountModel, request: dict[str, Any]) -> dict[str, int] | None:
        """The totals a request asks for from the seats now, or None when out of range."""
        sign = 1 if request["kind"] == "add_seats" else -1
        products = SUITE_PRODUCTS if "suite" in request else (ALONE,)
        totals = {p: account.seats[p] + sign * request["seats"] for p in products}
        return totals if min(totals.values()) >= 1 else None

    @precondition(lambda self: self.requests)
    @rule(data=st.data(), decline=st.booleans())
    def work_sales_request(self, data: st.DataObject, decline: bool) -> None:
        """The platform admin fulfils (the seat-change rules, R10 included) or declines."""
        self.step()
        account = self.accounts[SALES]
        request = data.draw(st.sampled_from(self.requests))
        url = f"/v1/sales-requests/{request['id']}"
        if decline:
            answer = self.expect(self.call("POST", f"{url}/decline", json={"reason": "no"}), 200)
            assert answer["status"] == "declined"
            self.requests.remove(request)
            return
        response = self.call("POST", f"{url}/fulfill")
        totals = self.requested(account, request)
        if totals is None:  # the seats moved since it was filed
            self.expect(response, 422, "seats_out_of_range")
            return
        answer = self.expect(response, 200)
        assert answer["status"] == "fulfilled" and answer["seat_change_id"], answer
        self.requests.remove(request)
        expected = account.downgrade(account.set_seats(totals), [])
        change = self.expect(
            self.call("GET", f"/v1/accounts/{account.id}/seat-changes/{answer['seat_change_id']}"),
            200,
        )
        got = [(d["user_id"], sorted(d["products"])) for d in change["downgraded_agents"]]
        assert got == expected, f"downgraded {got}, R10 says {expected}"
        self.expect(self.call("POST", f"{url}/fulfill"), 409, "invalid_transition")

    # -- after every step ------------------------------------------------------

    @invariant()
    def rules_hold(self) -> None:
        for name, account in self.accounts.items():
            self.check(name, account)

    def check(self, name: str, account: AccountModel) -> None:
        subscription = self.expect(self.call("GET", f"/v1/accounts/{account.id}/subscription"), 200)
        assert moment(subscription["term_end"]) == account.term_end, (name, subscription)
        lines = {line["product"]: line for line in subscription["lines"]}
        assert sorted(lines) == sorted(PRODUCTS)
        for product, line in lines.items():
            seen = (line["seats"], line["temporary_seats"], line["assigned"])
            model = (
                account.seats[product],
                account.temporary[product],
                holding(account.members, product),
            )
            assert seen == model, (
                f"{name} {product}: (seats, temporary, assigned) {seen} != {model}"
            )
            assert line["capacity"] == line["seats"] + line["temporary_seats"]
            assert line["assigned"] <= line["capacity"], f"{name} {product} over capacity: {line}"
            assert line["suite"] == (SUITE if product in SUITE_PRODUCTS else None)
        suite = [lines[p] for p in SUITE_PRODUCTS]
        assert len({(ln["seats"], ln["temporary_seats"]) for ln in suite}) == 1, suite

        agents = self.expect(
            self.call("GET", f"/v1/accounts/{account.id}/agents", params={"limit": 200}), 200
        )
        listed = {
            a["user_id"]: (a["role"], set(a["products"]), moment(a["added_at"]), a["is_owner"])
            for a in agents["data"]
        }
        modelled = {
            u: (m.role, m.products, m.added_at, m.is_owner) for u, m in account.members.items()
        }
        assert listed == modelled, f"{name}: agents {listed} != model {modelled}"
        assert listed[OWNER][:2] == ("agent", set(PRODUCTS))

        counters = self.run(assert_counters_match_rows(self.engine, account.id))
        assert counters == {p: holding(account.members, p) for p in PRODUCTS}


def _fresh_databases(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Callable[[], str]:
    """A migrated, empty database per run: a copy of the SQLite template, or the
    PostgreSQL test database emptied."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        serial = itertools.count()

        def sqlite() -> str:
            path = tmp_path / f"run{next(serial)}.db"
            shutil.copy(template, path)
            return async_database_url(f"sqlite:///{path}")

        return sqlite
    url: str = request.getfixturevalue("postgres_migrated")

    async def reset() -> None:
        engine = make_engine(url, pool_size=1)
        try:
            await empty_tables(engine)
        finally:
            await engine.dispose()

    def postgresql() -> str:
        asyncio.run(reset())
        return url

    return postgresql


@pytest.mark.parametrize("backend", BACKENDS)
def test_http_rules_hold_at_every_step(
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fresh = _fresh_databases(backend, request, tmp_path)
    COUNTS.clear()
    try:
        run_state_machine_as_test(lambda: HttpRules(fresh()), settings=SETTINGS)
    finally:
        with capsys.disabled():
            proof(
                f"http state machine ({backend}): {COUNTS['runs']:,} runs, "
                f"{COUNTS['steps']:,} steps, {COUNTS['downgraded agents']:,} agents downgraded"
            )
