"""When agents were last active, and taking back the seats of those who were
not (R10's inactive-seat reclaim): which activity counts, and who gives up
which seat. How long "inactive" is: app/domain/durations.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.errors import InvalidRequest
from app.domain.limits import MAX_ACTIVITY_PER_CALL, check_limit
from app.domain.seat_changes import Downgraded

# The downgrade reason of a reclaim (agents.downgrade_reason, agent.downgraded's `reason`).
INACTIVE = "inactive"

# How far ahead of our clock an `at` may be: the caller's clock may run a little
# fast, but activity from further on has not happened yet.
ACTIVITY_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Activity:
    user_id: str
    at: datetime


def latest_activity(activity: list[Activity], now: datetime) -> dict[str, datetime]:
    """Per user, the latest moment given: what a batch records. Refuses a batch
    past its maximum, or with a moment past `now` and its skew, whole (nothing
    of it is recorded)."""
    check_limit("activity", len(activity), MAX_ACTIVITY_PER_CALL)
    ahead = sorted({a.user_id for a in activity if a.at > now + ACTIVITY_SKEW})
    if ahead:
        raise InvalidRequest(
            f"Activity in the future (past {now.isoformat()} and "
            f"{int(ACTIVITY_SKEW.total_seconds() // 60)} minutes of clock skew) for: "
            f"{', '.join(ahead[:20])}.",
            code="activity_in_future",
            user_ids=ahead[:100],
        )
    latest: dict[str, datetime] = {}
    for entry in activity:
        if entry.user_id not in latest or entry.at > latest[entry.user_id]:
            latest[entry.user_id] = entry.at
    return latest


@dataclass(frozen=True, slots=True)
class Candidate:
    """An agent who might be inactive: a paid agent, never the owner."""

    user_id: str
    email: str
    agent_since: datetime
    last_active_at: datetime | None
    products: frozenset[str]

    @property
    def idle_since(self) -> datetime:
        """Since when nothing was heard of them as an agent: their last activity,
        or, with none since they last became an agent, that moment (an end user
        made an agent again is not idle for the years before)."""
        if self.last_active_at is None:
            return self.agent_since
        return max(self.last_active_at, self.agent_since)


@dataclass(frozen=True, slots=True)
class Reclaim:
    """Who gives up which seats, and the seats that frees per product."""

    agents: list[tuple[Downgraded, datetime | None]]  # with each one's last activity

    @property
    def downgraded(self) -> list[Downgraded]:
        return [d for d, _ in self.agents]

    @property
    def seats_freed(self) -> dict[str, int]:
        return dict(sorted(Counter(p for d, _ in self.agents for p in d.products).items()))


def choose_reclaims(
    candidates: Iterable[Candidate], cutoff: datetime, products: frozenset[str] | None
) -> Reclaim:
    """The agents idle since before `cutoff` give up their seats of `products`
    (None: every product); one left with no seat becomes an end user. The
    longest idle first. The dry run and the apply both ask this, so the dry
    run names exactly who the apply takes."""
    chosen = []
    for c in sorted(candidates, key=lambda c: (c.idle_since, c.user_id)):
        if c.idle_since >= cutoff:
            continue
        losing = c.products if products is None else c.products & products
        if not losing:
            continue
        downgraded = Downgraded(
            c.user_id, c.email, tuple(sorted(losing)), to_end_user=losing == c.products
        )
        chosen.append((downgraded, c.last_active_at))
    return Reclaim(chosen)
