"""Customer accounts: how one is opened, and how its seats, term and alerts change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from app.domain import account_status
from app.domain.account_status import AccountStatus, SeatAction
from app.domain.alerts import UsageAlert, rearm, usage_alerts
from app.domain.catalog import Catalog, check_addons
from app.domain.durations import parse_duration
from app.domain.errors import Conflict, InvalidRequest
from app.domain.limits import MAX_LIGHT_AGENT_LIMIT, check_limit
from app.domain.subscription import SeatLine, SeatTarget, expand_targets
from app.domain.terms import BillingCycle, term_end

if TYPE_CHECKING:
    from app.domain.seat_changes import Downgraded, LineChange, SeatChange


# Light agents an account may have unless a platform admin sets another limit.
DEFAULT_LIGHT_AGENT_LIMIT = 50


class BillingMode(StrEnum):
    SELF_SERVICE = "self_service"
    SALES_ASSISTED = "sales_assisted"


@dataclass(frozen=True, slots=True)
class SalesRep:
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Person:
    user_id: str
    email: str
    name: str


@dataclass(slots=True)
class Account:
    id: str
    name: str
    billing_mode: BillingMode
    self_manageable: bool
    legacy_sell: bool
    sales_rep: SalesRep | None
    owner: Person
    billing_cycle: BillingCycle
    currency: str
    term_start: datetime
    term_end: datetime
    created_at: datetime
    updated_at: datetime
    version: int = 1
    # Set by the billing system; what it lets the account do with its seats is
    # app/domain/account_status.py's table, asked by every seat move below.
    status: AccountStatus = AccountStatus.ACTIVE
    # The inactivity after which the jobs run takes an agent's seats back (an
    # ISO 8601 duration, app/domain/durations.py's spelling); None: never.
    reclaim_after: str | None = None
    lines: list[SeatLine] = field(default_factory=list)
    # Light agents hold no paid seat; at most `light_agent_limit` of them
    # (app/domain/roles.py), counted under the account's lock.
    light_agent_limit: int = DEFAULT_LIGHT_AGENT_LIMIT
    light_agents: int = 0
    # Raised by the changes below, announced and cleared when the unit of work commits.
    alerts: list[UsageAlert] = field(default_factory=list, compare=False, repr=False)

    def line(self, product: str) -> SeatLine | None:
        return next((line for line in self.lines if line.product == product), None)

    def may(self, action: SeatAction) -> bool:
        """Whether the account's status lets it do `action` (a path that acts
        only when it may, such as admitting waiting agents, asks this)."""
        return account_status.refusal(self.status, action) is None

    @property
    def closed(self) -> bool:
        """Cancelled: the scheduled jobs leave it as it is (no renewal, no
        temporary seats starting, warned about or ending) until it is reinstated,
        when they take up where it was."""
        return self.status is AccountStatus.CANCELLED

    def require(self, action: SeatAction) -> None:
        """Refuse `action` when the account's status does (409 `account_<status>`)."""
        account_status.require(self.status, action)

    def change_refusal(self, lines: Iterable[LineChange]) -> str | None:
        """Why the status refuses moving these totals, or None."""
        refused = (account_status.refusal(self.status, a) for a in _seat_actions(lines))
        return next((code for code in refused if code is not None), None)

    def require_change(self, lines: Iterable[LineChange]) -> None:
        for action in _seat_actions(lines):
            self.require(action)

    def apply(self, change: SeatChange, now: datetime) -> None:
        """Set the totals a planned change moves and take back the seats it
        downgrades (R10): the counters move with the totals, in one step.
        Every seat-total change comes here, so the status gate is here too."""
        self.require_change(change.lines)
        for moved in change.lines:
            line = self.line(moved.product)
            assert line is not None, moved.product
            line.seats = moved.after
        self.give_up(change.downgraded)
        self.version += 1
        change.mark_applied(now)
        self.check_usage([moved.product for moved in change.lines], change.actor, now)

    def schedule(self, change: SeatChange, replacing: SeatChange | None = None) -> None:
        """Keep `change` for this term's renewal, in place of the one pending
        (`replacing`). The subscription shows the pending change, so the
        version moves. A purchase at renewal is a purchase: the status gates it."""
        self.require_change(change.lines)
        change.schedule(self.term_end, replacing)
        self.version += 1

    def cancel(self, change: SeatChange) -> None:
        """Cancel the pending change: it leaves the subscription, so the version moves."""
        change.cancel()
        self.version += 1

    def check_usage(self, products: Iterable[str], actor: str, now: datetime) -> None:
        """Raise an alert for each threshold the lines of `products` just
        crossed upwards (R1), once: the line remembers the level it reached."""
        wanted = set(products)
        touched = [line for line in self.lines if line.product in wanted]
        self.alerts += usage_alerts(touched, actor, now)

    def rearm_alerts(self, products: Iterable[str]) -> None:
        wanted = set(products)
        rearm([line for line in self.lines if line.product in wanted])

    def give_up(self, downgraded: Iterable[Downgraded]) -> None:
        """Lower the counters by the seats the downgraded agents lose; their
        assignments are written with them, in the same unit of work."""
        lost = Counter(product for d in downgraded for product in d.products)
        if lost:
            self.require(SeatAction.REMOVE)
        for line in self.lines:
            line.assigned -= lost[line.product]

    def reclaim(self, downgraded: Iterable[Downgraded]) -> None:
        """Agents gave up seats while capacity stayed (an inactive-seat
        reclaim): the counters drop, alerts re-arm below their levels, and the
        agents' listing changed, so the version moves."""
        downgraded = list(downgraded)
        self.give_up(downgraded)
        self.rearm_alerts({p for d in downgraded for p in d.products})
        self.version += 1

    def over_capacity(self, products: Iterable[str]) -> dict[str, int]:
        """Per product, how many seat holders more than its capacity (only those over)."""
        wanted = set(products)
        return {
            line.product: line.assigned - line.capacity
            for line in self.lines
            if line.product in wanted and line.assigned > line.capacity
        }

    def change_status(self, status: AccountStatus, now: datetime) -> AccountStatus | None:
        """Take the status the billing system set, from any status (it is the
        source of truth, and may reinstate a cancelled account); answers the
        status replaced, or None when it already was `status`. The
        subscription shows the status, so the version moves."""
        if status is self.status:
            return None
        before, self.status = self.status, status
        self.updated_at = now
        self.version += 1
        return before

    def admit_light_agent(self) -> None:
        """One more light agent, within the limit. The account is loaded under
        its lock by every writer, so two at once at the limit queue here and
        the second finds it reached. A light agent is given products, which
        the account's status may refuse as it refuses assigning seats."""
        self.require(SeatAction.ASSIGN)
        if self.light_agents >= self.light_agent_limit:
            raise LightAgentLimitReached(
                f"This account has {self.light_agents} light agents, its limit; make one an "
                "agent or an end user first, or ask for a higher limit.",
                light_agent_limit=self.light_agent_limit,
                light_agents=self.light_agents,
            )
        self.light_agents += 1
        self.version += 1

    def light_agent_left(self) -> None:
        """A light agent became an agent or an end user, or was removed."""
        self.light_agents = max(self.light_agents - 1, 0)
        self.version += 1

    def renew(self) -> None:
        """Roll the term forward one billing cycle from where it ended."""
        boundary = self.term_end
        self.term_start = boundary
        self.term_end = term_end(boundary, self.billing_cycle)
        self.updated_at = boundary
        self.version += 1


def _seat_actions(lines: Iterable[LineChange]) -> list[SeatAction]:
    """Raising a seat total buys seats; lowering one removes them."""
    moves = list(lines)
    up = [SeatAction.BUY] if any(m.after > m.before for m in moves) else []
    return up + ([SeatAction.REMOVE] if any(m.after < m.before for m in moves) else [])


class LightAgentLimitReached(Conflict):
    code = "light_agent_limit_reached"
    title = "Light agent limit reached"


@dataclass(frozen=True, slots=True)
class AccountSpec:
    """What a platform admin asks for when opening an account."""

    name: str
    billing_mode: BillingMode
    self_manageable: bool
    legacy_sell: bool
    sales_rep: SalesRep | None
    owner: Person
    billing_cycle: BillingCycle
    currency: str
    subscription: list[SeatTarget]


def open_account(spec: AccountSpec, account_id: str, catalog: Catalog, now: datetime) -> Account:
    """A new account whose owner holds one seat of every subscribed product."""
    check_sales_rep(spec.billing_mode, spec.sales_rep)
    lines = expand_targets(spec.subscription, catalog)
    if not lines:
        raise InvalidRequest(
            "An account subscribes to at least one product.", code="empty_subscription"
        )
    for line in lines:
        if line.seats < 1:
            raise InvalidRequest(
                f"{line.suite or line.product!r} needs at least one seat: the owner holds one.",
                code="seats_out_of_range",
            )
        price_currency = catalog.products[line.product].currency
        if price_currency != spec.currency.upper():
            raise InvalidRequest(
                f"Product {line.product!r} is sold in {price_currency}, not {spec.currency}.",
                code="unsupported_currency",
            )
        line.assigned = 1  # the owner's seat
    check_addons(catalog, {line.product: line.seats for line in lines})
    return Account(
        id=account_id,
        name=spec.name,
        billing_mode=spec.billing_mode,
        self_manageable=spec.self_manageable,
        legacy_sell=spec.legacy_sell,
        sales_rep=spec.sales_rep,
        owner=spec.owner,
        billing_cycle=spec.billing_cycle,
        currency=spec.currency.upper(),
        term_start=now,
        term_end=term_end(now, spec.billing_cycle),
        created_at=now,
        updated_at=now,
        lines=lines,
    )


def check_sales_rep(billing_mode: BillingMode, sales_rep: SalesRep | None) -> None:
    if billing_mode is BillingMode.SALES_ASSISTED and sales_rep is None:
        raise InvalidRequest(
            "A sales-assisted account needs a sales_rep.", code="sales_rep_required"
        )


@dataclass(frozen=True, slots=True)
class AccountChanges:
    """A platform admin's edit of an account's purchase settings; None leaves a field."""

    billing_mode: BillingMode | None = None
    self_manageable: bool | None = None
    legacy_sell: bool | None = None
    sales_rep: SalesRep | None = None
    remove_sales_rep: bool = False
    status: AccountStatus | None = None  # the billing system's word (Account.change_status)
    light_agent_limit: int | None = None
    # The reclaim policy: set_reclaim_after says whether it was given (None clears it).
    reclaim_after: str | None = None
    set_reclaim_after: bool = False

    @property
    def platform_settings(self) -> bool:
        """Whether the edit touches what only a platform admin sets: the purchase
        settings, the status, the light agent limit."""
        return (
            self.status is not None
            or self.light_agent_limit is not None
            or self.billing_mode is not None
            or self.self_manageable is not None
            or self.legacy_sell is not None
            or self.sales_rep is not None
            or self.remove_sales_rep
        )


def settings_of(account: Account) -> dict[str, object]:
    """The purchase settings, in plain values (for events and comparisons)."""
    rep = account.sales_rep
    return {
        "billing_mode": account.billing_mode.value,
        "self_manageable": account.self_manageable,
        "legacy_sell": account.legacy_sell,
        "sales_rep": {"name": rep.name, "email": rep.email} if rep else None,
        "light_agent_limit": account.light_agent_limit,
        "reclaim_after": account.reclaim_after,
    }


def change_settings(account: Account, changes: AccountChanges, now: datetime) -> dict[str, object]:
    """Apply the edit and answer the settings that changed, with their new values
    (a refused value changes nothing: the unit of work is not committed)."""
    before = settings_of(account)
    billing_mode = changes.billing_mode or account.billing_mode
    sales_rep = None if changes.remove_sales_rep else (changes.sales_rep or account.sales_rep)
    check_sales_rep(billing_mode, sales_rep)
    account.billing_mode = billing_mode
    account.sales_rep = sales_rep
    if changes.self_manageable is not None:
        account.self_manageable = changes.self_manageable
    if changes.legacy_sell is not None:
        account.legacy_sell = changes.legacy_sell
    if changes.light_agent_limit is not None:
        set_light_agent_limit(account, changes.light_agent_limit)
    if changes.set_reclaim_after:
        # Kept in its one spelling, so P4W then P28D is no change.
        account.reclaim_after = (
            parse_duration(changes.reclaim_after, "reclaim_after").iso
            if changes.reclaim_after is not None
            else None
        )
    changed = {name: value for name, value in settings_of(account).items() if before[name] != value}
    if changed:
        # Purchase settings are part of what the subscription shows, the policy
        # of what the account shows.
        account.version += 1
        account.updated_at = now
    return changed


def set_light_agent_limit(account: Account, limit: int) -> None:
    """A new cap on light agents: never below the light agents there are, so
    the account never holds more than its limit."""
    check_limit("light_agent_limit", limit, MAX_LIGHT_AGENT_LIMIT)
    if limit < account.light_agents:
        raise LightAgentLimitReached(
            f"This account has {account.light_agents} light agents, more than {limit}; make "
            "some of them agents or end users first.",
            light_agent_limit=account.light_agent_limit,
            light_agents=account.light_agents,
        )
    account.light_agent_limit = limit
