"""Prorated charges, to the cent, on known dates of monthly and annual terms."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest

from app.catalog import load_catalog
from app.domain.catalog import Catalog, CatalogError
from app.domain.errors import LimitExceeded
from app.domain.limits import MAX_AMOUNT, MAX_SEATS_PER_LINE
from app.domain.pricing import (
    cycle_amount,
    grant_days,
    prorated_charge,
    round_half_up,
    temporary_seats_charge,
)
from app.domain.terms import BillingCycle, add_months, term_end

CATALOG = load_catalog(None)
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-03-01T09:00", 2 * 5500),  # first day: the whole month
        ("2026-03-16T12:00", 5677),  # 16 of 31 days left: 11000 x 16/31 = 5677.42
        ("2026-03-31T23:59", 355),  # last day: 11000 x 1/31 = 354.84, rounded half up
    ],
)
def test_a_monthly_increase_charges_the_days_left(now: str, expected: int) -> None:
    end = term_end(START, BillingCycle.MONTHLY)
    charge = prorated_charge(CATALOG, BillingCycle.MONTHLY, {"support": 2}, START, end, at(now))
    assert charge == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-03-01T09:00", 12 * 1900),  # first day: twelve months
        ("2026-09-01T00:00", 11306),  # 181 of 365 days: 22800 x 181/365 = 11306.3
        ("2027-02-28T10:00", 62),  # last day: 22800 / 365 = 62.47
    ],
)
def test_an_annual_increase_prices_twelve_months(now: str, expected: int) -> None:
    end = term_end(START, BillingCycle.ANNUAL)
    assert (
        prorated_charge(CATALOG, BillingCycle.ANNUAL, {"guide": 1}, START, end, at(now)) == expected
    )


def test_halves_round_up() -> None:
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(7, 3)) == 2


def test_decreases_are_never_charged_or_credited() -> None:
    end = term_end(START, BillingCycle.MONTHLY)
    assert prorated_charge(CATALOG, BillingCycle.MONTHLY, {"support": -3}, START, end, START) == 0


def test_month_ends_clamp_to_the_shorter_month() -> None:
    assert add_months(at("2026-01-31T10:00"), 1) == at("2026-02-28T10:00")
    assert add_months(at("2028-01-31T10:00"), 1) == at("2028-02-29T10:00")
    assert add_months(at("2026-03-15T10:00"), 12) == at("2027-03-15T10:00")


def test_an_amount_past_the_largest_is_refused_and_one_at_it_is_charged() -> None:
    # Sell at 4900 a month: an annual seat is 58800 minor units.
    annual_sell = 4900 * 12
    most_seats = MAX_AMOUNT // annual_sell
    end = term_end(START, BillingCycle.ANNUAL)

    def charge(seats: int) -> int:
        return prorated_charge(CATALOG, BillingCycle.ANNUAL, {"sell": seats}, START, end, START)

    assert charge(most_seats) == most_seats * annual_sell <= MAX_AMOUNT
    with pytest.raises(LimitExceeded) as refused:
        charge(most_seats + 1)
    assert refused.value.extra == {"field": "amount_due", "maximum": MAX_AMOUNT}


def test_a_catalog_may_not_allow_more_seats_than_a_line_holds() -> None:
    data = {"products": [], "max_seats": MAX_SEATS_PER_LINE + 1}
    with pytest.raises(CatalogError, match="max_seats"):
        Catalog.from_dict(data)
    assert Catalog.from_dict({**data, "max_seats": MAX_SEATS_PER_LINE}).max_seats == (
        MAX_SEATS_PER_LINE
    )


@pytest.mark.parametrize(
    ("starts", "ends", "days"),
    [
        ("2026-03-02T00:00", "2026-03-12T00:00", 10),
        ("2026-03-02T00:00", "2026-03-02T00:00:01", 1),  # a day begun counts whole
        ("2026-03-02T23:00", "2026-03-03T01:00", 1),  # two hours across midnight: one day
        ("2026-03-02T00:00", "2026-03-12T00:00:01", 11),
    ],
)
def test_temporary_seats_are_held_for_whole_days(starts: str, ends: str, days: int) -> None:
    assert grant_days(at(starts), at(ends)) == days


def test_temporary_seats_cost_a_days_share_of_the_cycle_price_over_every_product() -> None:
    end = term_end(START, BillingCycle.MONTHLY)  # 31 days
    suite = ("support", "guide", "chat", "talk", "explore")
    charge = temporary_seats_charge(
        CATALOG,
        BillingCycle.MONTHLY,
        suite,
        3,
        at("2026-03-02T00:00"),
        at("2026-03-12T00:00"),
        START,
        end,
    )
    assert charge == 16548  # 3 x 17,100 x 10 / 31 = 16,548.39, rounded once


def test_the_renewal_amount_is_one_whole_cycle_of_every_seat() -> None:
    seats = {"support": 3, "sell": 2}
    assert cycle_amount(CATALOG, BillingCycle.MONTHLY, seats) == 3 * 5500 + 2 * 4900
    assert cycle_amount(CATALOG, BillingCycle.ANNUAL, seats) == 12 * (3 * 5500 + 2 * 4900)
