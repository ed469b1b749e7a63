"""Usage alerts (R1): tell the owner before seats run out, and when they have,
once per crossing: not again until usage falls back below and climbs again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum

from app.domain.subscription import SeatLine


class AlertLevel(IntEnum):
    NONE = 0
    NEAR_LIMIT = 1
    FULL = 2


def level_of(line: SeatLine) -> AlertLevel:
    if line.capacity <= line.assigned:
        return AlertLevel.FULL
    if line.near_limit:
        return AlertLevel.NEAR_LIMIT
    return AlertLevel.NONE


def crossings(lines: list[SeatLine]) -> dict[AlertLevel, list[str]]:
    """Which products just climbed into near-limit or full, remembering the new
    level on each line. A jump straight to full says only "full"."""
    crossed: dict[AlertLevel, list[str]] = {AlertLevel.NEAR_LIMIT: [], AlertLevel.FULL: []}
    for line in lines:
        level = level_of(line)
        if level > line.alert_level:
            crossed[level].append(line.product)
        line.alert_level = level  # falling back re-arms the alert
    return crossed


def rearm(lines: list[SeatLine]) -> None:
    """Usage that fell back below a threshold arms its alert again; a change
    that only frees seats or adds capacity crosses nothing upwards."""
    for line in lines:
        line.alert_level = min(line.alert_level, level_of(line))


@dataclass(frozen=True, slots=True)
class UsageAlert:
    """A threshold some products just crossed, waiting to be announced when
    the unit of work commits."""

    level: AlertLevel
    lines: list[dict[str, int | str]]  # product, capacity, assigned, waiting, as they stood
    actor: str
    at: datetime


def usage_alerts(lines: list[SeatLine], actor: str, at: datetime) -> list[UsageAlert]:
    """The alerts a change to these lines raises, one per level crossed."""
    crossed = crossings(lines)
    return [
        UsageAlert(
            level,
            [
                {
                    "product": ln.product,
                    "capacity": ln.capacity,
                    "assigned": ln.assigned,
                    "waiting": ln.waiting,
                }
                for ln in lines
                if ln.product in names
            ],
            actor,
            at,
        )
        for level, names in crossed.items()
        if names
    ]
