"""Lengths of time as ISO 8601 durations, read one well-defined way: weeks,
days and hours. Months and years are refused rather than guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from app.domain.errors import InvalidRequest
from app.domain.limits import MAX_INACTIVE_HOURS, check_limit

# ISO 8601 durations of weeks, days and hours: P4W, P30D, PT12H, P1DT12H.
_DURATION = re.compile(r"P(?:(\d{1,6})W)?(?:(\d{1,7})D)?(?:T(?:(\d{1,8})H)?)?")
# Months and years (P1M, P1Y) have no fixed length, minutes and seconds
# (PT30M) are finer than activity is worth: both are named in the refusal.
_CALENDAR = re.compile(r"P(?:[^T]*[YM])")


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time in whole hours, as ISO 8601 reads it: P30D, P4W, PT36H."""

    hours: int

    @property
    def delta(self) -> timedelta:
        return timedelta(hours=self.hours)

    @property
    def iso(self) -> str:
        """The one spelling kept and answered: days, then hours (P4W is P28D,
        PT36H is P1DT12H)."""
        days, hours = divmod(self.hours, 24)
        return "P" + (f"{days}D" if days else "") + (f"T{hours}H" if hours else "")


def parse_duration(text: str, field: str = "inactive_for") -> Duration:
    """Read an ISO 8601 duration of weeks, days and hours (at least one hour).
    Months and years are refused, not guessed (is P1M 28 or 31 days?)."""
    match = _DURATION.fullmatch(text)
    if match is None or text in ("P", "PT") or text.endswith("T"):
        if _CALENDAR.match(text):
            why = "months and years have no fixed length: give days or weeks (P30D, P4W)"
        else:
            why = "give weeks, days or hours, such as P30D, P4W or PT12H"
        raise InvalidRequest(
            f"{field} {text!r} is not a duration this service reads: {why}.",
            code="invalid_duration",
            field=field,
        )
    weeks, days, hours = (int(part or 0) for part in match.groups())
    total = (weeks * 7 + days) * 24 + hours
    if total < 1:
        raise InvalidRequest(
            f"{field} must be at least one hour (PT1H).", code="invalid_duration", field=field
        )
    check_limit(f"{field}_hours", total, MAX_INACTIVE_HOURS)
    return Duration(total)
