"""One use case, one transaction.

The unit of work rolls back unless the use case commits, so a failure halfway
through a change leaves nothing behind. On commit it writes what changed in
the accounts it loaded (their seat lines, version, term and settings) and
announces the usage alerts they raised: a use case changes the aggregate and
commits, and cannot forget a write.

A request sent with an Idempotency-Key runs in one RequestTransaction instead
(app/api/idempotency.py): the key's claim, every unit of work of the request
and the stored answer commit together, or not at all. There each unit of work
is a savepoint of that transaction: its commit keeps its changes for the
request's commit, and leaving it without a commit undoes them, as always.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Protocol, Self

from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction, async_sessionmaker

from app.db.accounts import AccountRepository
from app.db.agents import AgentRepository
from app.db.api_keys import ApiKeyRepository
from app.db.events import EventRepository
from app.db.idempotency import IdempotencyRepository
from app.db.notifications import NotificationRepository
from app.db.sales_requests import SalesRequestRepository
from app.db.seat_changes import SeatChangeRepository
from app.db.temporary_seats import TemporarySeatsRepository
from app.db.webhooks import WebhookRepository
from app.domain.accounts import Account
from app.domain.events import Event


class Tally(Protocol):
    """Told of a transaction's events as they are recorded, and of its commit
    (app/metrics.py counts them)."""

    def count(self, event: Event) -> None: ...

    def commit(self) -> None: ...


class RequestTransaction:
    """The one transaction of a request: whoever opened it commits it, after
    the units of work inside it are done (their tallies are told then)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._committed: list[Tally] = []

    def after_commit(self, tally: Tally) -> None:
        if tally not in self._committed:
            self._committed.append(tally)

    async def commit(self) -> None:
        await self.session.commit()
        for tally in self._committed:
            tally.commit()

    async def close(self) -> None:
        try:
            await self.session.rollback()
        finally:
            await self.session.close()


# Turns the alerts an account raised into notices and events (app/services/usage.py).
Announce = Callable[["UnitOfWork", Account], Awaitable[None]]


class UnitOfWork:
    accounts: AccountRepository
    agents: AgentRepository
    api_keys: ApiKeyRepository
    events: EventRepository
    idempotency: IdempotencyRepository
    notifications: NotificationRepository
    sales_requests: SalesRequestRepository
    seat_changes: SeatChangeRepository
    temporary_seats: TemporarySeatsRepository
    webhooks: WebhookRepository

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        tally: Callable[[], Tally] | None = None,
        request: RequestTransaction | None = None,
        *,
        announce: Announce,
    ) -> None:
        self._sessions = sessions
        self._tally = tally
        self._request = request
        self._savepoint: AsyncSessionTransaction | None = None
        self._announce = announce

    async def __aenter__(self) -> Self:
        if self._request is not None:
            self.session = self._request.session
            self._savepoint = await self.session.begin_nested()
        else:
            self.session = self._sessions()
        self.webhooks = WebhookRepository(self.session)
        self.accounts = AccountRepository(self.session, self.webhooks.known_without_endpoints)
        self.agents = AgentRepository(self.session)
        self.api_keys = ApiKeyRepository(self.session)
        self.tally = self._tally() if self._tally is not None else None
        self.events = EventRepository(self.session, self.tally.count if self.tally else None)
        self.idempotency = IdempotencyRepository(self.session)
        self.notifications = NotificationRepository(self.session)
        self.sales_requests = SalesRequestRepository(self.session)
        self.seat_changes = SeatChangeRepository(self.session)
        self.temporary_seats = TemporarySeatsRepository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._savepoint is not None:
            savepoint, self._savepoint = self._savepoint, None
            if savepoint.is_active:
                await savepoint.rollback()
            return
        try:
            await self.session.rollback()
        finally:
            await self.session.close()

    async def commit(self) -> None:
        for account in self.accounts.seen():
            if account.alerts:
                await self._announce(self, account)
        await self.accounts.save_changed()
        if self._request is not None and self._savepoint is not None:
            await self._savepoint.commit()
            if self.tally is not None:
                self._request.after_commit(self.tally)
            # What the use case writes after its commit is undone unless it commits again.
            self._savepoint = await self.session.begin_nested()
            return
        await self.session.commit()
        if self.tally is not None:
            self.tally.commit()
