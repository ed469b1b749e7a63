"""The rules of activity and reclaim, without a database: durations read one
way, a batch keeps the latest moment, and who a reclaim takes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.activity import Activity, Candidate, choose_reclaims, latest_activity
from app.domain.durations import parse_duration
from app.domain.errors import InvalidRequest, LimitExceeded

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "hours", "iso"),
    [
        ("P30D", 720, "P30D"),
        ("P4W", 672, "P28D"),
        ("PT36H", 36, "P1DT12H"),
        ("P1DT12H", 36, "P1DT12H"),
        ("PT1H", 1, "PT1H"),
        ("P1W2D", 216, "P9D"),
    ],
)
def test_durations_of_weeks_days_and_hours_are_read_and_kept_in_days_and_hours(
    text: str, hours: int, iso: str
) -> None:
    duration = parse_duration(text)
    assert (duration.hours, duration.iso, duration.delta) == (hours, iso, timedelta(hours=hours))


@pytest.mark.parametrize(
    "text",
    [
        "P1M",
        "P1Y",
        "P1Y2M",
        "PT30M",
        "PT10S",
        "P0D",
        "PT0H",
        "P",
        "PT",
        "P1DT",
        "30D",
        "p30d",
        "P1.5D",
        "",
    ],
)
def test_months_years_minutes_and_nothing_are_refused(text: str) -> None:
    with pytest.raises(InvalidRequest) as refused:
        parse_duration(text)
    assert refused.value.code == "invalid_duration"


def test_a_duration_past_ten_years_is_past_its_limit() -> None:
    assert parse_duration("P3660D").hours == 87_840
    with pytest.raises(LimitExceeded):
        parse_duration("P3661D")


def test_a_batch_keeps_each_users_latest_moment_and_refuses_the_future() -> None:
    early, late = NOW - timedelta(hours=2), NOW - timedelta(hours=1)
    batch = [Activity("a", late), Activity("a", early), Activity("b", early)]
    assert latest_activity(batch, NOW) == {"a": late, "b": early}
    assert latest_activity([Activity("a", NOW + timedelta(minutes=5))], NOW)
    with pytest.raises(InvalidRequest) as refused:
        latest_activity([Activity("a", NOW + timedelta(minutes=6))], NOW)
    assert refused.value.code == "activity_in_future"
    with pytest.raises(LimitExceeded):
        latest_activity([Activity("a", early)] * 1_001, NOW)


def candidate(user: str, since_days: int, active_days: int | None, *products: str) -> Candidate:
    active = None if active_days is None else NOW - timedelta(days=active_days)
    return Candidate(
        user, f"{user}@x.test", NOW - timedelta(days=since_days), active, frozenset(products)
    )


def test_the_longest_idle_give_up_the_seats_asked_for() -> None:
    cutoff = NOW - timedelta(days=30)
    chosen = choose_reclaims(
        [
            candidate("recent", 40, 1, "sell"),  # active yesterday
            candidate("never", 40, None, "sell", "chat"),  # idle since added
            candidate("stale", 90, 60, "chat"),  # idle the longest
            candidate("re_promoted", 10, 200, "sell"),  # an agent again 10 days ago
        ],
        cutoff,
        None,
    )
    assert [(d.user_id, d.products, d.to_end_user) for d in chosen.downgraded] == [
        ("stale", ("chat",), True),
        ("never", ("chat", "sell"), True),
    ]
    assert chosen.seats_freed == {"chat": 2, "sell": 1}

    only_sell = choose_reclaims(
        [candidate("never", 40, None, "sell", "chat"), candidate("stale", 90, 60, "chat")],
        cutoff,
        frozenset({"sell"}),
    )
    assert [(d.user_id, d.products, d.to_end_user) for d in only_sell.downgraded] == [
        ("never", ("sell",), False)
    ]
