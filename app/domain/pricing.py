"""What seats cost: the cycle price, the prorated charge of an increase, the
daily-prorated price of temporary seats, and the amount a term renews at.

Every amount is worked out exactly (fractions), summed over the products, and
rounded half up once to the minor unit; one past the largest amount is
refused (LimitExceeded) before anything is written."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from fractions import Fraction
from math import floor

from app.domain.catalog import Catalog
from app.domain.limits import MAX_AMOUNT, check_limit
from app.domain.terms import BillingCycle

DAY = timedelta(days=1)


def cycle_price(catalog: Catalog, product: str, cycle: BillingCycle) -> int:
    """One seat for one whole cycle: an annual cycle prices twelve months."""
    return catalog.products[product].monthly_price * cycle.months


def term_days(term_start: datetime, term_end: datetime) -> int:
    """The calendar days of a term: what a day of its cycle price is a share of."""
    return (term_end.date() - term_start.date()).days


def remaining_fraction(term_start: datetime, term_end: datetime, now: datetime) -> Fraction:
    """Whole days left in the term over the term's days; today counts as left."""
    days = term_days(term_start, term_end)
    if days <= 0:
        return Fraction(0)
    remaining = (term_end.date() - now.date()).days
    return Fraction(min(max(remaining, 0), days), days)


def round_half_up(amount: Fraction) -> int:
    return floor(amount + Fraction(1, 2))


def charge(
    catalog: Catalog,
    cycle: BillingCycle,
    seats: Mapping[str, int],
    share: Fraction,
    *,
    field: str = "amount_due",
) -> int:
    """seats x cycle price x `share` of a cycle, summed over the products (only
    positive counts), then rounded half up once to the minor unit. Refused past
    the largest amount, naming `field`."""
    exact = sum(
        (
            count * cycle_price(catalog, product, cycle) * share
            for product, count in seats.items()
            if count > 0
        ),
        Fraction(0),
    )
    amount = round_half_up(exact)
    check_limit(field, amount, MAX_AMOUNT)
    return amount


def prorated_charge(
    catalog: Catalog,
    cycle: BillingCycle,
    increases: dict[str, int],
    term_start: datetime,
    term_end: datetime,
    now: datetime,
) -> int:
    """delta x cycle price x remaining days / term days, summed over the
    products, then rounded half up once to the minor unit."""
    return charge(catalog, cycle, increases, remaining_fraction(term_start, term_end, now))


def grant_days(starts_at: datetime, ends_at: datetime) -> int:
    """How many days temporary seats are held: a day begun counts whole, so
    a grant of an hour is a day's price, never free."""
    return max(-(-(ends_at - starts_at) // DAY), 0)


def temporary_seats_charge(
    catalog: Catalog,
    cycle: BillingCycle,
    products: tuple[str, ...],
    seats: int,
    starts_at: datetime,
    ends_at: datetime,
    term_start: datetime,
    term_end: datetime,
) -> int:
    """Daily proration of the cycle price (R12): seats x cycle price x grant
    days / term days, over every product the grant covers, rounded half up
    once. The term is the account's current one, the cycle a day is a share of."""
    days = term_days(term_start, term_end)
    share = Fraction(grant_days(starts_at, ends_at), days) if days > 0 else Fraction(0)
    return charge(catalog, cycle, dict.fromkeys(products, seats), share)


def cycle_amount(catalog: Catalog, cycle: BillingCycle, seats: Mapping[str, int]) -> int:
    """What these seat totals cost for one whole cycle: the recurring amount."""
    return charge(catalog, cycle, seats, Fraction(1), field="renewal_amount")
