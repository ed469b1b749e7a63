"""The waiting room (R13): users who asked to wait for a seat instead of
being refused, and who gets in when seats free up.

Each seat line counts the waiting agents who want one of its seats
(`SeatLine.waiting`), in the same transaction as the waiting room's rows, so
a path that frees seats knows without a query whether anyone can come in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.accounts import Account
from app.domain.errors import Conflict
from app.domain.seats import hold_seats


@dataclass(frozen=True, slots=True)
class WaitingAgent:
    user_id: str
    email: str
    name: str
    products: tuple[str, ...]
    queued_at: datetime
    actor: str


@dataclass(frozen=True, slots=True)
class Waiting:
    """A waiting agent and their place in the queue (1 is next)."""

    agent: WaitingAgent
    position: int


class AlreadyWaiting(Conflict):
    code = "already_waiting"
    title = "Already waiting for a seat"


def already_waiting(user_id: str) -> AlreadyWaiting:
    return AlreadyWaiting(
        f"{user_id!r} is already waiting for a seat on this account; "
        "DELETE .../waiting-agents/{user_id} withdraws them.",
    )


def join(account: Account, products: Iterable[str]) -> None:
    """A user starts waiting for a seat of each of `products`: each line
    counts one more, and the version moves (the subscription shows it)."""
    _count(account, products, +1)


def leave(account: Account, products: Iterable[str]) -> None:
    """A waiting user is withdrawn or admitted: their lines count one fewer."""
    _count(account, products, -1)


def _count(account: Account, products: Iterable[str], step: int) -> None:
    for product in products:
        line = account.line(product)
        if line is not None:
            line.waiting = max(line.waiting + step, 0)
    account.version += 1


def anyone_can_enter(account: Account) -> bool:
    """Whether some line has both a free seat and someone waiting for one: if
    not, nobody in the waiting room fits, and nothing needs reading."""
    return any(line.available > 0 and line.waiting > 0 for line in account.lines)


def fits(account: Account, products: Iterable[str]) -> bool:
    """A free seat of every product (a waiting agent is never let in with
    only some of the products they wait for)."""
    for product in products:
        line = account.line(product)
        if line is None or line.available < 1:
            return False
    return True


def admit(account: Account, waiting: WaitingAgent, actor: str, now: datetime) -> None:
    """Seat a waiting agent who `fits`: they take a seat of each product and
    leave the queue, under the account's lock."""
    assert fits(account, waiting.products), waiting.user_id
    leave(account, waiting.products)
    hold_seats(account, list(waiting.products), actor, now)
