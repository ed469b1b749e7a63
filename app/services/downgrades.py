"""The one downgrade (R10): who gives up which seat when capacity falls below
usage, and writing it. Seat changes, sales requests, renewals and ending
temporary seats all come through here."""

from __future__ import annotations

from datetime import datetime

from app.db.unit_of_work import UnitOfWork
from app.domain.accounts import Account
from app.domain.event_types import agent_downgraded
from app.domain.seat_changes import Downgraded, Holder, choose_downgrades
from app.services.audit import record_each
from app.services.notices import downgrade_notice
from app.services.waiting import admit_waiting


async def find_downgrades(
    uow: UnitOfWork,
    account: Account,
    excess: dict[str, int],
    named: list[str] | None = None,
    named_holders: dict[str, Holder] | None = None,
) -> list[Downgraded]:
    """Load just the candidates the choice can reach (the newest holders of each
    product over capacity, and the named ones) and let the domain choose."""
    named = named or []
    holders: dict[str, list[Holder]] = {}
    for product, count in excess.items():
        newest = await uow.agents.newest_holders(account.id, product, count + len(named))
        extra = [h for h in (named_holders or {}).values() if product in h.products]
        holders[product] = list({h.user_id: h for h in newest + extra}.values())
    return choose_downgrades(excess, holders, named)


async def downgrade(
    uow: UnitOfWork,
    account: Account,
    downgraded: list[Downgraded],
    *,
    actor: str,
    now: datetime,
    reason: str,
    **context: str | None,
) -> None:
    """Write the seats the account gave up (Account.give_up lowered its
    counters), record an event per agent and one notice for the owner, and
    let the waiting room into whatever seats that left free (a path that
    takes seats back, as a reclaim does, frees them here)."""
    if not downgraded:
        return
    await uow.agents.give_up_seats(account.id, downgraded, now, reason)
    await record_each(
        uow,
        account.id,
        "agent.downgraded",
        actor,
        now,
        downgraded,
        lambda d: agent_downgraded(
            d.user_id, list(d.products), reason, to_end_user=d.to_end_user, **context
        ),
    )
    await uow.notifications.add(
        downgrade_notice(account.id, downgraded, now, reason=reason, **context)
    )
    await admit_waiting(uow, account, now, actor)
