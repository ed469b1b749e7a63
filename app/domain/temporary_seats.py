"""Temporary (provisional) seats (R12): extra capacity for a product or suite
between two dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from app.domain.accounts import Account
from app.domain.catalog import Catalog, check_addons, resolve_target
from app.domain.errors import Conflict, InvalidRequest, LimitExceeded
from app.domain.limits import (
    MAX_CAPACITY,
    MAX_TEMPORARY_SEATS_DAYS,
    MAX_TEMPORARY_SEATS_PER_LINE,
    check_limit,
)
from app.domain.pricing import temporary_seats_charge
from app.domain.seat_changes import Downgraded


class GrantStatus(StrEnum):
    SCHEDULED = "scheduled"
    ACTIVE = "active"
    ENDED = "ended"


@dataclass(slots=True)
class TemporarySeats:
    id: str
    account_id: str
    products: tuple[str, ...]
    seats: int
    starts_at: datetime
    ends_at: datetime
    status: GrantStatus
    created_at: datetime
    actor: str
    product: str | None = None
    suite: str | None = None
    warned_at: datetime | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    # What the grant costs for its whole period, charged when it is granted.
    amount_due: int = 0
    currency: str = ""

    def price(self, account: Account, catalog: Catalog) -> None:
        """Charge the period by daily proration of the cycle price (R12):
        seats x cycle price x days held / days of the account's term."""
        self.amount_due = temporary_seats_charge(
            catalog,
            account.billing_cycle,
            self.products,
            self.seats,
            self.starts_at,
            self.ends_at,
            account.term_start,
            account.term_end,
        )
        self.currency = account.currency

    def start(self, account: Account, now: datetime) -> None:
        self._expect(GrantStatus.SCHEDULED, "start")
        self._move_capacity(account, self.seats)
        account.rearm_alerts(self.products)
        self.status, self.started_at = GrantStatus.ACTIVE, now

    def over_capacity_at_end(self, account: Account) -> dict[str, int]:
        """Per product, how many seat holders too many once these seats end:
        how many must give up a seat then (R12, R10)."""
        excess = {}
        for line in account.lines:
            if line.product in self.products:
                capacity = line.seats + max(line.temporary_seats - self.seats, 0)
                if line.assigned > capacity:
                    excess[line.product] = line.assigned - capacity
        return excess

    def end(
        self,
        account: Account,
        now: datetime,
        downgraded: Iterable[Downgraded] = (),
        *,
        actor: str,
    ) -> None:
        """Take the capacity back, and the seats of `downgraded` with it."""
        self._expect(GrantStatus.ACTIVE, "end")
        self._move_capacity(account, -self.seats)
        account.give_up(downgraded)
        account.check_usage(self.products, actor, now)
        self.status, self.ended_at = GrantStatus.ENDED, now

    def warn(self, now: datetime) -> None:
        self.warned_at = now

    def require_not_started(self) -> None:
        if self.status is not GrantStatus.SCHEDULED:
            raise Conflict(
                f"These temporary seats are {self.status}; "
                "only ones not yet started can be deleted.",
                code="invalid_transition",
            )

    def due_to_warn(self, now: datetime, warn_before: timedelta) -> bool:
        return (
            self.status is GrantStatus.ACTIVE
            and self.warned_at is None
            and self.ends_at - warn_before <= now
        )

    def _expect(self, status: GrantStatus, action: str) -> None:
        if self.status is not status:
            raise Conflict(
                f"Temporary seats {self.status} cannot {action}.", code="invalid_transition"
            )

    def _move_capacity(self, account: Account, delta: int) -> None:
        for product in self.products:
            line = account.line(product)
            assert line is not None
            after = max(line.temporary_seats + delta, 0)
            if delta > 0:
                # Grants stacked before the maximum existed would pass it on
                # starting: refused, so this one grant fails its job and the
                # others go on. Ending one always goes through.
                check_limit("temporary_seats", after, MAX_TEMPORARY_SEATS_PER_LINE, product=product)
            line.temporary_seats = after
        account.version += 1


def granted_products(
    account: Account, suite: str | None, product: str | None, catalog: Catalog
) -> tuple[str, ...]:
    """The products a grant covers: every product of a suite, or one product
    bought on its own (a suite product alone would break parity, R8)."""
    products = resolve_target(catalog, suite, product)
    missing = [p for p in products if account.line(p) is None]
    if missing:
        raise InvalidRequest(
            f"Not subscribed on this account: {', '.join(missing)}.",
            code="product_not_subscribed",
            products=missing,
        )
    line = account.line(product) if product is not None else None
    if line is not None and line.suite is not None:
        members = sorted(ln.product for ln in account.lines if ln.suite == line.suite)
        raise InvalidRequest(
            f"{product!r} is part of {line.suite}: grant temporary seats to the suite, "
            "so every product in it keeps the same capacity.",
            code="suite_parity_violation",
            suite=line.suite,
            products=members,
        )
    return tuple(products)


def check_window(starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    if starts_at >= ends_at:
        raise InvalidRequest("starts_at must come before ends_at.", code="invalid_window")
    if ends_at <= now:
        raise InvalidRequest("ends_at must be in the future.", code="invalid_window")
    if ends_at - starts_at > timedelta(days=MAX_TEMPORARY_SEATS_DAYS):
        raise LimitExceeded(
            f"A grant of temporary seats lasts at most {MAX_TEMPORARY_SEATS_DAYS} days.",
            field="duration_days",
            maximum=MAX_TEMPORARY_SEATS_DAYS,
        )


def check_stacking(
    account: Account, products: tuple[str, ...], seats: int, pending: Mapping[str, int]
) -> None:
    """Refuse a grant that would take a line's temporary seats, or its
    capacity, past the maximum. `pending` is, per product, the seats of every
    grant not yet ended: counted whether or not their windows overlap, so that
    no order of starts can pass the maximum later, in a job, where nobody is
    there to answer."""
    for product in products:
        line = account.line(product)
        assert line is not None, product
        temporary = pending.get(product, 0) + seats
        check_limit("temporary_seats", temporary, MAX_TEMPORARY_SEATS_PER_LINE, product=product)
        check_limit("capacity", line.seats + temporary, MAX_CAPACITY, product=product)


def check_addon_capacity(
    account: Account,
    products: tuple[str, ...],
    seats: int,
    pending: Mapping[str, int],
    catalog: Catalog,
) -> None:
    """An add-on needs its base: a grant may not give an add-on more capacity
    than its base has, counting (as check_stacking does) every grant not yet
    ended as active, so no order of starts and ends passes it later."""
    check_addons(
        catalog,
        {
            line.product: line.seats
            + pending.get(line.product, 0)
            + (seats if line.product in products else 0)
            for line in account.lines
        },
        what="capacity",
    )
