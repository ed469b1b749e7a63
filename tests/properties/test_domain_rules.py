"""Stateful rule testing of the domain layer, with no database.

A hypothesis state machine opens an account with a suite line (support_suite)
and a product bought on its own (sell), then adds, removes, demotes and
re-promotes agents, changes seat totals (now and at renewal, sometimes below
usage, sometimes naming who goes first), grants and ends temporary seats, and
fulfils sales requests: each through the domain functions the services call,
in the order they call them. A model (tests/properties/seat_model.py) says who
holds which seat. After every step:

- each line's `assigned` counter equals the number of seats the model holds;
- no product holds more agents than its capacity once a change settles;
- every product of the suite has the same seats and the same temporary seats;
- the owner holds every product and is never downgraded;

and every downgrade, as it happens, took the named agents first and then the
newest holders (by agent_since: a re-promoted end user is the newest; ties by
user id descending), as R10 says.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Literal

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from app.catalog import load_catalog
from app.domain.access import Role
from app.domain.accounts import Account, AccountSpec, BillingMode, Person, open_account
from app.domain.agents import products_for
from app.domain.errors import Conflict, InvalidRequest
from app.domain.sales_requests import (
    Adjustment,
    RequestKind,
    RequestStatus,
    SalesRequest,
    requested_totals,
    target_of,
)
from app.domain.seat_changes import (
    ChangeStatus,
    Downgraded,
    Effective,
    Holder,
    LineChange,
    SeatChange,
    check_named,
    check_parity,
    choose_downgrades,
    excess_after,
    line_changes,
    new_totals,
    require_some_change,
    still_named,
)
from app.domain.seats import (
    SeatsExhausted,
    purchase_for,
    release_seats,
    remove_holder,
    shortfalls,
    take_seats,
)
from app.domain.subscription import SeatLine, SeatTarget
from app.domain.temporary_seats import GrantStatus, TemporarySeats, granted_products
from app.domain.terms import BillingCycle
from tests.proofs import proof
from tests.properties.seat_model import (
    Member,
    expected_losses,
    holders,
    holding,
    newest_first,
    over_capacity,
    take_losses,
)

CATALOG = load_catalog(None)
SUITE = "support_suite"
SUITE_PRODUCTS = CATALOG.suites[SUITE].products
ALONE = "sell"  # a suite product elsewhere, bought here on its own: it moves alone
PRODUCTS = (*SUITE_PRODUCTS, ALONE)
OWNER = "owner"
EPOCH = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
TARGETS: dict[str, tuple[str | None, str | None]] = {"suite": (SUITE, None), "alone": (None, ALONE)}

COUNTS: Counter[str] = Counter()

SETTINGS = settings(
    # `make test-fast` runs fewer; the full suite, 500.
    max_examples=int(os.environ.get("SEATKEEPER_PROPERTY_EXAMPLES") or 500),
    stateful_step_count=30,
    deadline=None,
    database=None,  # nothing written outside the test run
    report_multiple_bugs=False,  # shrink one failure, quickly
)


class DomainRules(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        COUNTS["runs"] += 1
        self.now = EPOCH
        self.serial = 0
        self.members: dict[str, Member] = {}
        self.temporary: Counter[str] = Counter()
        self.grants: list[TemporarySeats] = []
        self.scheduled: list[tuple[dict[str, int], list[str]]] = []
        self.version = 0
        self._account: Account | None = None

    # -- helpers ---------------------------------------------------------------

    @property
    def account(self) -> Account:
        assert self._account is not None
        return self._account

    def line(self, product: str) -> SeatLine:
        line = self.account.line(product)
        assert line is not None
        return line

    def step(self) -> None:
        """Every step moves the time on."""
        COUNTS["steps"] += 1
        self.now += timedelta(seconds=1)

    def next_id(self) -> str:
        self.serial += 1
        return f"u{self.serial}"  # u10 sorts before u9: ties are broken by the string

    def others(self, role: Literal["agent", "end_user"] | None = None) -> list[str]:
        return sorted(
            u
            for u, m in self.members.items()
            if not m.is_owner and (role is None or m.role == role)
        )

    def full(self, products: list[str]) -> list[str]:
        """The products without a free seat, by the model's count."""
        return [p for p in products if holding(self.members, p) >= self.line(p).capacity]

    def holder(self, user_id: str) -> Holder:
        member = self.members[user_id]
        return Holder(user_id, f"{user_id}@example.com", member.since, frozenset(member.products))

    def candidates(self, excess: dict[str, int], named: list[str]) -> dict[str, list[Holder]]:
        """What the service loads for the choice (app/services/downgrades.py): the
        newest `excess + len(named)` holders of each product, and the named ones."""
        found: dict[str, list[Holder]] = {}
        for product, count in excess.items():
            ranked = holders(self.members, product)
            pool = ranked[: count + len(named)] + [u for u in named if u in ranked]
            found[product] = [self.holder(u) for u in dict.fromkeys(pool)]
        return found

    def take(self, products: list[str], *, bought: bool = False) -> bool:
        """take_seats must refuse exactly when one of the products is at capacity."""
        full = self.full(products)
        try:
            take_seats(
                self.account, products, role=Role.OWNER, catalog=CATALOG, now=self.now, actor=OWNER
            )
        except SeatsExhausted as refusal:
            assert full, f"refused {products} with free seats: {self.account.lines}"
            missing = refusal.extra["missing"]
            assert sorted(m["product"] for m in missing) == sorted(full)
            assert not bought, "refused right after buying the missing seats"
            return False
        assert not full, f"took a seat of {full} beyond capacity"
        return True

    def plan(
        self, changes: list[LineChange], named: list[str], *, at_renewal: bool = False
    ) -> tuple[dict[str, int], list[Downgraded]] | None:
        """plan_change (app/services/seat_changes.py): check the named agents, the
        excess per lowered product, and who gives up which seat."""
        lowered = {c.product for c in changes if c.after < c.before}
        # holders_by_id: every agent row but the owner's, end users included.
        found = {u: self.holder(u) for u in named if u in self.members and u != OWNER}
        valid = all(u in found and found[u].products & lowered for u in named)
        if not valid and not at_renewal:
            with pytest.raises(InvalidRequest) as refused:
                check_named(named, found, lowered, OWNER)
            assert refused.value.code == "invalid_downgrade"
            return None
        try:
            check_named(named, found, lowered, OWNER)
        except InvalidRequest as exc:
            # The change was accepted when it was scheduled; at the renewal it
            # must apply (the job has no caller to answer a 422 to).
            raise AssertionError(
                f"a scheduled change cannot apply at renewal: {exc.detail} "
                f"(named {named}, lowered {sorted(lowered)})"
            ) from exc
        assert valid, f"check_named accepted {named} (lowered {sorted(lowered)})"
        excess = excess_after(self.account, changes)
        capacity = {c.product: c.after + self.line(c.product).temporary_seats for c in changes}
        assert excess == over_capacity(self.members, capacity, lowered)
        return excess, choose_downgrades(excess, self.candidates(excess, named), named)

    def apply(
        self,
        changes: list[LineChange],
        excess: dict[str, int],
        named: list[str],
        downgraded: list[Downgraded],
    ) -> None:
        """Account.apply: the new totals, then the downgrade."""
        change = SeatChange(
            id=None,
            account_id=self.account.id,
            status=ChangeStatus.PREVIEW,
            effective=Effective.IMMEDIATELY,
            channel="subscription_page",
            lines=changes,
            amount_due=0,
            currency=self.account.currency,
            created_at=self.now,
            actor=OWNER,
            named_downgrades=named,
            downgraded=downgraded,
        )
        self.downgrade(excess, named, downgraded)
        self.account.apply(change, self.now)
        assert change.status is ChangeStatus.APPLIED

    def downgrade(
        self, excess: dict[str, int], named: list[str], downgraded: list[Downgraded]
    ) -> None:
        """Check the choice against R10, then take the seats in the model: agents
        left with none become end users (the domain lowers the counters)."""
        expected = expected_losses(excess, self.members, named)
        COUNTS["downgrades"] += bool(expected)
        COUNTS["downgrades naming agents"] += bool(named and expected)
        chosen = {d.user_id: set(d.products) for d in downgraded}
        assert chosen == expected, f"excess {excess}, named {named}: {chosen} != {expected}"
        order = [d.user_id for d in downgraded]
        assert order == newest_first(self.members, order), f"not newest first: {order}"
        for d in downgraded:
            member = self.members[d.user_id]
            assert not member.is_owner
            assert d.to_end_user == (member.products <= set(d.products)), d
        take_losses(self.members, expected)

    # -- rules -----------------------------------------------------------------

    @initialize(suite_seats=st.integers(1, 4), alone_seats=st.integers(1, 4))
    def open(self, suite_seats: int, alone_seats: int) -> None:
        spec = AccountSpec(
            name="Acme",
            billing_mode=BillingMode.SELF_SERVICE,
            self_manageable=False,
            legacy_sell=False,
            sales_rep=None,
            owner=Person(OWNER, "owner@example.com", "Owner"),
            billing_cycle=BillingCycle.MONTHLY,
            currency="USD",
            subscription=[
                SeatTarget(seats=suite_seats, suite=SUITE),
                SeatTarget(seats=alone_seats, product=ALONE),
            ],
        )
        self._account = open_account(spec, "acct_state_machine", CATALOG, self.now)
        self.members[OWNER] = Member(self.now, set(PRODUCTS), is_owner=True)

    @rule(
        count=st.integers(1, 3),
        products=st.none() | st.sets(st.sampled_from(PRODUCTS), min_size=1),
        same_instant=st.booleans(),
        buy=st.booleans(),
    )
    def add_agents(
        self, count: int, products: set[str] | None, same_instant: bool, buy: bool
    ) -> None:
        """POST agents, one after the other or all at one instant (R13, R3)."""
        self.step()
        for _ in range(count):
            self.add_agent(products, buy)
            self.now += timedelta(seconds=0 if same_instant else 1)

    def add_agent(self, products: set[str] | None, buy: bool) -> None:
        user_id = self.next_id()
        wanted = products_for(self.account, sorted(products) if products else None)
        full = self.full(wanted)
        if buy and full:
            # On the fly (R3): buy exactly the shortfall, suites kept equal.
            missing = shortfalls(self.account, wanted)
            assert sorted(s.product for s in missing) == sorted(full)
            totals = purchase_for(self.account, missing).totals
            check_parity(self.account, totals)
            changes = line_changes(self.account, totals)
            assert changes and all(c.after > c.before for c in changes), changes
            planned = self.plan(changes, [])
            assert planned is not None and planned[0] == {} and planned[1] == []
            self.apply(changes, {}, [], [])
        if self.take(wanted, bought=bool(buy and full)):
            self.members[user_id] = Member(self.now, set(wanted))

    @precondition(lambda self: self.others())
    @rule(data=st.data())
    def remove_agent(self, data: st.DataObject) -> None:
        self.step()
        user_id = data.draw(st.sampled_from(self.others()), label="remove")
        member = self.members.pop(user_id)
        remove_holder(self.account, [p for p in PRODUCTS if p in member.products])

    @precondition(lambda self: self.others("agent"))
    @rule(data=st.data())
    def make_end_user(self, data: st.DataObject) -> None:
        """PATCH role end_user: every seat freed."""
        self.step()
        user_id = data.draw(st.sampled_from(self.others("agent")), label="demote")
        member = self.members[user_id]
        release_seats(self.account, [p for p in PRODUCTS if p in member.products])
        member.products = set()

    @precondition(lambda self: self.others("end_user"))
    @rule(data=st.data())
    def make_agent_again(self, data: st.DataObject) -> None:
        """PATCH role agent: a seat of every subscribed product, or a refusal."""
        self.step()
        user_id = data.draw(st.sampled_from(self.others("end_user")), label="promote")
        wanted = products_for(self.account, None)
        if self.take(wanted):
            self.members[user_id].products = set(wanted)
            self.members[user_id].agent_since = self.now  # the newest agent now

    @precondition(lambda self: self.others("agent"))
    @rule(data=st.data(), products=st.sets(st.sampled_from(PRODUCTS), min_size=1))
    def change_products(self, data: st.DataObject, products: set[str]) -> None:
        """PATCH products: take the new seats (or be refused), free the old."""
        self.step()
        user_id = data.draw(st.sampled_from(self.others("agent")), label="agent")
        member = self.members[user_id]
        wanted = products_for(self.account, sorted(products))
        added = [p for p in wanted if p not in member.products]
        removed = [p for p in PRODUCTS if p in member.products and p not in wanted]
        if self.take(added):
            release_seats(self.account, removed)
            member.products = set(wanted)

    @rule(
        shape=st.sampled_from(["suite", "suite", "alone", "both", "both", "split"]),
        suite_delta=st.integers(-3, 2),
        alone_delta=st.integers(-3, 2),
        odd_delta=st.integers(-3, 2),
        from_usage=st.booleans(),
        naming=st.sampled_from(["nobody", "holders", "holders", "anyone"]),
        at_renewal=st.booleans(),
        data=st.data(),
    )
    def change_seats(
        self,
        shape: str,
        suite_delta: int,
        alone_delta: int,
        odd_delta: int,
        from_usage: bool,
        naming: str,
        at_renewal: bool,
        data: st.DataObject,
    ) -> None:
        """The subscription page (R2, R7-R10): new totals, parity, the downgrade.
        Totals move a few seats from the seats there are, or from the seats in
        use (then often below usage)."""
        self.step()

        def near(products: tuple[str, ...], delta: int) -> int:
            if from_usage:
                return max(holding(self.members, p) for p in products) + delta
            return self.line(products[0]).seats + delta

        suite_seats = near(SUITE_PRODUCTS, suite_delta)
        targets: list[SeatTarget] = []
        if shape in ("suite", "both"):
            targets.append(SeatTarget(seats=suite_seats, suite=SUITE))
        if shape in ("alone", "both"):
            targets.append(SeatTarget(seats=near((ALONE,), alone_delta), product=ALONE))
        if shape == "split":  # the suite's products one by one, the last maybe apart
            *rest, last = SUITE_PRODUCTS
            targets += [SeatTarget(seats=suite_seats, product=p) for p in rest]
            targets.append(SeatTarget(seats=near((last,), odd_delta), product=last))
        if min(t.seats for t in targets) < 1:
            with pytest.raises(InvalidRequest) as refused:
                new_totals(self.account, targets, CATALOG)
            assert refused.value.code == "seats_out_of_range"
            return
        totals = new_totals(self.account, targets, CATALOG)
        after = {line.product: totals.get(line.product, line.seats) for line in self.account.lines}
        if len({after[p] for p in SUITE_PRODUCTS}) > 1:
            with pytest.raises(InvalidRequest) as refused:
                check_parity(self.account, totals)
            assert refused.value.code == "suite_parity_violation"
            assert refused.value.extra["products"] == sorted(SUITE_PRODUCTS)
            return
        check_parity(self.account, totals)
        changes = line_changes(self.account, totals)
        if not changes:
            with pytest.raises(InvalidRequest) as refused:
                require_some_change(changes)
            assert refused.value.code == "no_change"
            return
        # Who to name first: nobody, agents holding a lowered product, or anyone
        # at all (the owner and end users included, which must be refused).
        lowered = {c.product for c in changes if c.after < c.before}
        pool = {
            "nobody": [],
            "holders": [u for u in self.others("agent") if self.members[u].products & lowered],
            "anyone": sorted(self.members),
        }[naming]
        named = (
            data.draw(
                st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True), label="named"
            )
            if pool
            else []
        )
        planned = self.plan(changes, named)
        if planned is None:
            return
        if at_renewal:
            # Stored with the lines it moves; decided against usage at renewal.
            self.scheduled.append(({c.product: c.after for c in changes}, named))
            return
        self.apply(changes, planned[0], named, planned[1])

    @precondition(lambda self: self.scheduled)
    @rule()
    def renew(self) -> None:
        """The renewal job: each scheduled change, oldest first, against usage now."""
        self.step()
        scheduled, self.scheduled = self.scheduled, []
        for totals, scheduled_names in scheduled:
            changes = line_changes(self.account, totals)
            lowered = {c.product for c in changes if c.after < c.before}
            found = {u: self.holder(u) for u in scheduled_names if u in self.members and u != OWNER}
            # Names that no longer qualify are dropped: the job answers to nobody.
            named = still_named(scheduled_names, found, lowered, OWNER)
            planned = self.plan(changes, named, at_renewal=True)
            assert planned is not None
            self.apply(changes, planned[0], named, planned[1])

    @precondition(lambda self: len(self.grants) < 2)
    @rule(grant_for=st.sampled_from(["suite", "alone", "suite_product"]), seats=st.integers(1, 3))
    def start_temporary_seats(self, grant_for: str, seats: int) -> None:
        """R12: extra capacity for a suite (all of it) or a product on its own."""
        self.step()
        if grant_for == "suite_product":
            with pytest.raises(InvalidRequest) as refused:
                granted_products(self.account, None, SUITE_PRODUCTS[0], CATALOG)
            assert refused.value.code == "suite_parity_violation"
            return
        suite, product = TARGETS[grant_for]
        self.serial += 1
        grant = TemporarySeats(
            id=f"tmp{self.serial}",
            account_id=self.account.id,
            products=granted_products(self.account, suite, product, CATALOG),
            seats=seats,
            starts_at=self.now,
            ends_at=self.now + timedelta(days=7),
            status=GrantStatus.SCHEDULED,
            created_at=self.now,
            actor=OWNER,
            product=product,
            suite=suite,
        )
        grant.start(self.account, self.now)
        self.temporary.update({p: seats for p in grant.products})
        self.grants.append(grant)

    @precondition(lambda self: self.grants)
    @rule(data=st.data())
    def end_temporary_seats(self, data: st.DataObject) -> None:
        """The end of temporary seats downgrades the newest over capacity (R12, R10)."""
        self.step()
        grant = self.grants.pop(data.draw(st.integers(0, len(self.grants) - 1), label="grant"))
        excess = grant.over_capacity_at_end(self.account)
        self.temporary.subtract({p: grant.seats for p in grant.products})
        capacity = {p: self.line(p).seats + self.temporary[p] for p in grant.products}
        assert excess == over_capacity(self.members, capacity, grant.products)
        downgraded = choose_downgrades(excess, self.candidates(excess, []), [])
        self.downgrade(excess, [], downgraded)
        grant.end(self.account, self.now, downgraded, actor=OWNER)
        with pytest.raises(Conflict):
            grant.end(self.account, self.now, actor=OWNER)  # once
        assert self.account.over_capacity(grant.products) == {}

    @rule(
        # Temporary-seat requests are grants, checked by the grant rules above.
        kind=st.sampled_from([RequestKind.ADD_SEATS, RequestKind.REMOVE_SEATS]),
        asked_for=st.sampled_from(sorted(TARGETS)),
        seats=st.integers(1, 4),
    )
    def fulfil_sales_request(self, kind: RequestKind, asked_for: str, seats: int) -> None:
        """R4: the rep fulfils a request to add or remove seats, by the same rules."""
        self.step()
        suite, product = TARGETS[asked_for]
        self.serial += 1
        request = SalesRequest(
            id=f"sr{self.serial}",
            account_id=self.account.id,
            kind=kind,
            seats=seats,
            status=RequestStatus.SUBMITTED,
            requested_by=OWNER,
            created_at=self.now,
            sales_rep=None,
            product=product,
            suite=suite,
        )
        sign = 1 if kind is RequestKind.ADD_SEATS else -1
        members = SUITE_PRODUCTS if suite else (ALONE,)
        expected = {p: self.line(p).seats + sign * seats for p in members}
        if min(expected.values()) < 1:
            with pytest.raises(InvalidRequest) as refused:
                requested_totals(self.account, kind, target_of(request), CATALOG)
            assert refused.value.code == "seats_out_of_range"
            return
        totals = requested_totals(self.account, kind, target_of(request), CATALOG)
        assert totals == expected
        check_parity(self.account, totals)
        changes = line_changes(self.account, totals)
        planned = self.plan(changes, [])
        assert planned is not None
        self.apply(changes, planned[0], [], planned[1])
        done = request.fulfilment_for(Adjustment())
        assert (done.seats, done.effective) == (seats, Effective.IMMEDIATELY)
        request.fulfil("rep", self.now, done, seat_change_id=f"chg{self.serial}")
        assert request.status is RequestStatus.FULFILLED
        with pytest.raises(Conflict):
            request.fulfil("rep", self.now, done, seat_change_id="again")

    # -- after every step ------------------------------------------------------

    @invariant()
    def rules_hold(self) -> None:
        if self._account is None:
            return
        account = self.account
        for line in account.lines:
            count = holding(self.members, line.product)
            assert line.assigned == count, f"{line.product}: counter {line.assigned} != {count}"
            assert line.assigned <= line.capacity, f"{line.product} over capacity: {line}"
            assert line.temporary_seats == self.temporary[line.product], line
            assert line.seats >= 1, line
        suite = [line for line in account.lines if line.suite == SUITE]
        assert sorted(line.product for line in suite) == sorted(SUITE_PRODUCTS)
        assert len({line.seats for line in suite}) == 1, f"suite parity broken: {suite}"
        assert len({line.temporary_seats for line in suite}) == 1, f"temporary parity: {suite}"
        assert self.members[OWNER].products == set(PRODUCTS), "the owner lost a seat"
        assert account.version >= self.version
        self.version = account.version


def test_domain_rules_hold_at_every_step(capsys: pytest.CaptureFixture[str]) -> None:
    COUNTS.clear()
    try:
        run_state_machine_as_test(DomainRules, settings=SETTINGS)
    finally:
        with capsys.disabled():
            proof(
                f"domain state machine: {COUNTS['runs']:,} runs, {COUNTS['steps']:,} steps, "
                f"{COUNTS['downgrades']:,} downgrades "
                f"({COUNTS['downgrades naming agents']:,} naming agents first)"
            )
