"""Billing terms: when a term ends, and how much of it is left."""

from __future__ import annotations

import calendar
from datetime import datetime
from enum import StrEnum


class BillingCycle(StrEnum):
    MONTHLY = "monthly"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        return 1 if self is BillingCycle.MONTHLY else 12


def add_months(moment: datetime, months: int) -> datetime:
    """The same wall time `months` later, clamped to the month's last day."""
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def term_end(term_start: datetime, cycle: BillingCycle) -> datetime:
    return add_months(term_start, cycle.months)
