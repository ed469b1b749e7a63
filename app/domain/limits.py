"""The largest seat counts and amounts the service accepts, in one place.

Every count and amount is stored 64-bit; these maxima sit far inside that, so
no valid request can overflow a column, and a request that would pass one is
refused (`LimitExceeded`, 422 `limit_exceeded`) before anything is written.
"""

from __future__ import annotations

from app.domain.errors import LimitExceeded

# The most seats bought on one line. The catalog sets its own maximum
# (`max_seats`, default 100,000) and may not set it above this.
MAX_SEATS_PER_LINE = 1_000_000

# The most temporary seats on one line, counting every grant not yet ended
# (scheduled or active), so that no order of starts can pass it.
MAX_TEMPORARY_SEATS_PER_LINE = 100_000

# The longest a grant of temporary seats may last, in days: a year, leap day
# included. Longer capacity is bought seats, not temporary ones.
MAX_TEMPORARY_SEATS_DAYS = 366

# The most a line can hold: bought seats plus temporary seats.
MAX_CAPACITY = MAX_SEATS_PER_LINE + MAX_TEMPORARY_SEATS_PER_LINE

# The highest limit of light agents (who hold no paid seat) on one account.
MAX_LIGHT_AGENT_LIMIT = 100_000

# The most agents' activity one call records (POST .../agent-activity): larger
# feeds send several batches.
MAX_ACTIVITY_PER_CALL = 1_000

# The longest inactivity a reclaim or an account's policy may name: ten years,
# in hours (the unit durations are counted in).
MAX_INACTIVE_HOURS = 3_660 * 24

# The most agents one bulk sync may list (POST .../agent-syncs): a sync is one
# transaction under the account's lock, and its answer names every agent it moves.
MAX_SYNC_AGENTS = 10_000

# The largest amount, in minor units: the largest integer a JSON client that
# reads numbers as doubles (JavaScript) still holds exactly.
MAX_AMOUNT = 2**53 - 1


def check_limit(field: str, value: int, maximum: int, **where: object) -> None:
    """Refuse `value` for `field` if it passes `maximum`; `where` says where
    (the product, the suite) in the answer."""
    if value > maximum:
        raise LimitExceeded(
            f"{field} would be {value}, past its maximum of {maximum}.",
            field=field,
            maximum=maximum,
            **where,
        )
