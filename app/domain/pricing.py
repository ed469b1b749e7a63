"""What seats cost: the cycle price and the prorated charge of an increase."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from math import floor

from app.domain.catalog import Catalog
from app.domain.limits import MAX_AMOUNT, check_limit
from app.domain.terms import BillingCycle


def cycle_price(catalog: Catalog, product: str, cycle: BillingCycle) -> int:
    """One seat for one whole cycle: an annual cycle prices twelve months."""
    return catalog.products[product].monthly_price * cycle.months


def remaining_fraction(term_start: datetime, term_end: datetime, now: datetime) -> Fraction:
    """Whole days left in the term over the term's days; today counts as left."""
    term_days = (term_end.date() - term_start.date()).days
    if term_days <= 0:
        return Fraction(0)
    remaining = (term_end.date() - now.date()).days
    return Fraction(min(max(remaining, 0), term_days), term_days)


def round_half_up(amount: Fraction) -> int:
    return floor(amount + Fraction(1, 2))


def prorated_charge(
    catalog: Catalog,
    cycle: BillingCycle,
    increases: dict[str, int],
    term_start: datetime,
    term_end: datetime,
    now: datetime,
) -> int:
    """delta x cycle price x remaining days / term days, summed over the
    products, then rounded half up once to the minor unit. Refused past the
    largest amount (LimitExceeded), before anything is written."""
    left = remaining_fraction(term_start, term_end, now)
    exact = sum(
        (
            delta * cycle_price(catalog, product, cycle) * left
            for product, delta in increases.items()
            if delta > 0
        ),
        Fraction(0),
    )
    amount = round_half_up(exact)
    check_limit("amount_due", amount, MAX_AMOUNT)
    return amount
