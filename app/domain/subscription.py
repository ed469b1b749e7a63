"""Seat lines and their usage: capacity, availability and state."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.catalog import Catalog, resolve_target
from app.domain.errors import InvalidRequest

NEAR_LIMIT_PERCENT = 90


class LineState(StrEnum):
    OK = "ok"
    NEAR_LIMIT = "near_limit"
    FULL = "full"
    OVER = "over"


@dataclass(slots=True)
class SeatLine:
    """The seats of one product on one account.

    `assigned` is a counter kept in the same transaction as the seat
    assignments, so reading usage never counts rows.
    """

    product: str
    suite: str | None
    seats: int
    temporary_seats: int = 0
    assigned: int = 0
    alert_level: int = 0  # the last usage alert sent; see app/domain/alerts.py
    # Light agents given this product: they hold it free, so never in
    # `assigned`, `available`, `state` or the alerts (app/domain/roles.py).
    light_agents: int = 0
    waiting: int = 0  # agents in the waiting room who want one of these seats

    @property
    def capacity(self) -> int:
        return self.seats + self.temporary_seats

    @property
    def available(self) -> int:
        return max(self.capacity - self.assigned, 0)

    @property
    def state(self) -> LineState:
        if self.assigned > self.capacity:
            return LineState.OVER
        if self.assigned == self.capacity:
            return LineState.FULL
        if self.near_limit:
            return LineState.NEAR_LIMIT
        return LineState.OK

    @property
    def near_limit(self) -> bool:
        """At or past the share of capacity where the owner is warned (R1)."""
        return self.assigned * 100 >= self.capacity * NEAR_LIMIT_PERCENT


@dataclass(frozen=True, slots=True)
class SeatTarget:
    """A requested seat count for a suite (all its products) or one product."""

    seats: int
    suite: str | None = None
    product: str | None = None

    @property
    def name(self) -> str:
        return self.suite or self.product or ""


def expand_targets(targets: list[SeatTarget], catalog: Catalog) -> list[SeatLine]:
    """Turn suite and product targets into one line per product.

    Refuses unknown names, counts out of range, and a product asked for twice.
    """
    lines: dict[str, SeatLine] = {}
    for target in targets:
        if not 0 <= target.seats <= catalog.max_seats:
            raise InvalidRequest(
                f"Seats for {target.name!r} must be between 0 and {catalog.max_seats}.",
                code="seats_out_of_range",
            )
        for product in resolve_target(catalog, target.suite, target.product):
            if product in lines:
                raise InvalidRequest(
                    f"Product {product!r} is named more than once.", code="duplicate_product"
                )
            lines[product] = SeatLine(product=product, suite=target.suite, seats=target.seats)
    return list(lines.values())
