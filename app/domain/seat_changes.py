"""Changing seat totals (R2, R7-R11): what a change means, whether it keeps the
suites equal, and which agents give up their seats when it goes below usage."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from operator import attrgetter

from app.domain.accounts import Account
from app.domain.catalog import Catalog, check_addons, fit_addons, resolve_target
from app.domain.errors import Conflict, InvalidRequest
from app.domain.limits import MAX_CAPACITY, check_limit
from app.domain.subscription import SeatTarget

SELL = "sell"


class Effective(StrEnum):
    IMMEDIATELY = "immediately"
    AT_RENEWAL = "at_renewal"


class ChangeStatus(StrEnum):
    APPLIED = "applied"
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    PREVIEW = "preview"


@dataclass(frozen=True, slots=True)
class LineChange:
    product: str
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class Downgraded:
    user_id: str
    email: str
    products: tuple[str, ...]
    to_end_user: bool


@dataclass(slots=True)
class SeatChange:
    id: str | None
    account_id: str
    status: ChangeStatus
    effective: Effective
    channel: str
    lines: list[LineChange]
    amount_due: int
    currency: str
    created_at: datetime
    actor: str
    named_downgrades: list[str] = field(default_factory=list)
    downgraded: list[Downgraded] = field(default_factory=list)
    effective_at: datetime | None = None
    applied_at: datetime | None = None

    @property
    def totals(self) -> dict[str, int]:
        return {line.product: line.after for line in self.lines}

    def schedule(self, effective_at: datetime, replacing: SeatChange | None = None) -> None:
        """Keep the change for the renewal at `effective_at`, in place of
        `replacing`, the change pending until now: one change waits per
        account, so the newest word is the one that applies. Who gives up a
        seat is decided when it applies, against usage then."""
        self._expect(ChangeStatus.PREVIEW, "be scheduled")
        if replacing is not None:
            replacing.cancel()
        self.status = ChangeStatus.SCHEDULED
        self.downgraded = []
        self.effective_at = effective_at

    def replan(self, planned: SeatChange) -> None:
        """Take the lines and downgrades worked out again at renewal, against
        the seats and usage of then."""
        self._expect(ChangeStatus.SCHEDULED, "be planned again")
        self.lines = planned.lines
        self.downgraded = planned.downgraded

    def mark_applied(self, now: datetime) -> None:
        """Called by Account.apply, which moves the totals."""
        if self.status not in (ChangeStatus.PREVIEW, ChangeStatus.SCHEDULED):
            raise Conflict(f"A {self.status} change cannot be applied.", code="invalid_transition")
        self.status = ChangeStatus.APPLIED
        self.applied_at = now

    def cancel(self) -> None:
        if self.status is not ChangeStatus.SCHEDULED:
            raise Conflict(
                f"A {self.status} change cannot be cancelled; only scheduled ones can.",
                code="invalid_transition",
            )
        self.status = ChangeStatus.CANCELLED

    def _expect(self, status: ChangeStatus, action: str) -> None:
        if self.status is not status:
            raise Conflict(f"A {self.status} change cannot {action}.", code="invalid_transition")


@dataclass(frozen=True, slots=True)
class PendingChange:
    """The one change waiting for renewal, as the subscription shows it: the
    lines it would move from the seats there are now."""

    id: str
    effective_at: datetime
    lines: list[LineChange]


def pending_change(
    account: Account, change_id: str, effective_at: datetime, totals: dict[str, int]
) -> PendingChange:
    return PendingChange(change_id, effective_at, line_changes(account, totals))


def new_totals(account: Account, targets: list[SeatTarget], catalog: Catalog) -> dict[str, int]:
    """The requested totals per product, suites expanded, every name checked."""
    totals: dict[str, int] = {}
    for target in targets:
        for product in resolve_target(catalog, target.suite, target.product):
            line = account.line(product)
            if line is None:
                raise InvalidRequest(
                    f"{product!r} is not subscribed on this account.",
                    code="product_not_subscribed",
                    products=[product],
                )
            if product in totals:
                raise InvalidRequest(
                    f"{product!r} is named more than once.", code="duplicate_product"
                )
            # The owner holds a seat of every subscribed product and is never downgraded.
            if not 1 <= target.seats <= catalog.max_seats:
                raise InvalidRequest(
                    f"Seats for {target.name!r} must be between 1 (the owner's seat) "
                    f"and {catalog.max_seats}.",
                    code="seats_out_of_range",
                )
            totals[product] = target.seats
    return totals


def check_totals(account: Account, totals: dict[str, int], catalog: Catalog) -> None:
    """Refuse totals past the catalog's most seats on a line, or that would
    take a line's capacity (with its temporary seats) past its maximum. Every
    path that buys seats comes here: the subscription page, a purchase on the
    fly (which may ask for one seat past the maximum), a sales request."""
    for product, total in totals.items():
        line = account.line(product)
        assert line is not None, product
        check_limit("seats", total, catalog.max_seats, product=product)
        check_limit("capacity", total + line.temporary_seats, MAX_CAPACITY, product=product)


def fit_to_bases(
    account: Account, totals: dict[str, int], catalog: Catalog, *, refuse: bool
) -> dict[str, int]:
    """An add-on needs its base: every path that sets seat totals comes here
    (through plan_change). With `refuse`, totals that leave an add-on above its
    base, by raising the add-on or lowering the base, are refused
    (`addon_exceeds_base`); without, the add-on is lowered with its base."""
    after = {line.product: totals.get(line.product, line.seats) for line in account.lines}
    if refuse:
        check_addons(catalog, after)
        return totals
    fitted = fit_addons(catalog, after)
    return {**totals, **{p: n for p, n in fitted.items() if n != after[p]}}


def parity_violations(account: Account, totals: dict[str, int]) -> list[tuple[str, list[str]]]:
    """Suites whose products would end up with different seat counts (R8)."""
    after = {line.product: totals.get(line.product, line.seats) for line in account.lines}
    suites: dict[str, list[str]] = defaultdict(list)
    for line in account.lines:
        if line.suite is not None:
            suites[line.suite].append(line.product)
    return [
        (suite, sorted(products))
        for suite, products in suites.items()
        if len({after[p] for p in products}) > 1
    ]


def line_changes(account: Account, totals: dict[str, int]) -> list[LineChange]:
    """The lines whose seat total the change moves (none: the change is moot)."""
    return [
        LineChange(line.product, line.seats, totals[line.product])
        for line in account.lines
        if line.product in totals and totals[line.product] != line.seats
    ]


def require_some_change(changes: list[LineChange]) -> None:
    if not changes:
        raise InvalidRequest("The change leaves every seat count as it is.", code="no_change")


def check_parity(account: Account, totals: dict[str, int]) -> None:
    violations = parity_violations(account, totals)
    if violations:
        suite, products = violations[0]
        raise InvalidRequest(
            f"Every product of {suite} keeps the same seat count: change the suite, "
            f"or give {', '.join(products)} the same total.",
            code="suite_parity_violation",
            suite=suite,
            products=products,
        )


def lowers_sell(changes: list[LineChange]) -> bool:
    return any(c.product == SELL and c.after < c.before for c in changes)


def excess_after(account: Account, changes: list[LineChange]) -> dict[str, int]:
    """Per lowered product, how many seat holders too many the change leaves."""
    excess = {}
    for change in changes:
        line = account.line(change.product)
        assert line is not None
        over = line.assigned - (change.after + line.temporary_seats)
        if change.after < change.before and over > 0:
            excess[change.product] = over
    return excess


@dataclass(frozen=True, slots=True)
class Holder:
    """An agent who holds a seat of a product and could give it up."""

    user_id: str
    email: str
    agent_since: datetime  # when they last became an agent
    products: frozenset[str]


def newest_first(holders: list[Holder]) -> list[Holder]:
    """The downgrade order (R10): most recently made an agent first (an end
    user made an agent again counts from then), ties by user id."""
    return sorted(holders, key=attrgetter("agent_since", "user_id"), reverse=True)


def check_named(named: list[str], found: dict[str, Holder], lowered: set[str], owner: str) -> None:
    """Agents named to give up seats first must be real, not the owner, and hold
    one of the lowered products."""
    for user_id in named:
        if user_id == owner:
            raise InvalidRequest(
                "The account owner cannot be downgraded.", code="invalid_downgrade"
            )
        holder = found.get(user_id)
        if holder is None:
            raise InvalidRequest(f"No agent {user_id!r} on this account.", code="invalid_downgrade")
        if not holder.products & lowered:
            raise InvalidRequest(
                f"{user_id!r} holds none of the lowered products.", code="invalid_downgrade"
            )


def still_named(
    named: list[str], found: dict[str, Holder], lowered: set[str], owner: str
) -> list[str]:
    """The named agents who may still go first, in the order given: at renewal a
    scheduled change applies even if some it named were removed, made end users,
    or no longer hold a lowered product (nobody is there to answer a 422 to)."""
    return [
        user_id
        for user_id in named
        if user_id != owner and user_id in found and found[user_id].products & lowered
    ]


def choose_downgrades(
    excess: dict[str, int], holders: dict[str, list[Holder]], named: list[str]
) -> list[Downgraded]:
    """Who loses which seat: the named agents first, then the newest (R10).

    `holders[product]` must hold at least the newest `excess + len(named)`
    holders of the product (never the owner), plus every named one holding it.
    """
    lost: dict[str, tuple[str, ...]] = {}
    people: dict[str, Holder] = {}
    first = set(named)  # checked against every holder
    for product, count in excess.items():
        pool = {h.user_id: h for h in holders.get(product, [])}
        chosen = [pool[u] for u in named if u in pool]
        chosen += [h for h in newest_first(list(pool.values())) if h.user_id not in first]
        for holder in chosen[:count]:
            lost[holder.user_id] = (*lost.get(holder.user_id, ()), product)
            people[holder.user_id] = holder
    downgraded = []
    for h in newest_first(list(people.values())):
        products = tuple(sorted(lost[h.user_id]))
        downgraded.append(Downgraded(h.user_id, h.email, products, h.products.issubset(products)))
    return downgraded
