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

A request with a Precondition (app/domain/versions.py: the If-Match of a
change to an account) hands it to each of its units of work, which check it
under the account's lock, in the transaction of the change: as the unit of
work begins when the request names the account (the account's row is then
the first one locked, as for every writer), else when the use case locks the
account, else at the latest on commit, before anything is written. A stale
version undoes the change (412). On commit the precondition learns the
version the change left, which the answer carries as its ETag.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from types import TracebackType
from typing import Protocol, Self

from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction, async_sessionmaker

from app.db.accounts import AccountRepository
from app.db.activity import ActivityRepository
from app.db.agent_syncs import AgentSyncRepository
from app.db.agents import AgentRepository
from app.db.api_keys import ApiKeyRepository
from app.db.events import EventRepository
from app.db.idempotency import IdempotencyRepository
from app.db.notifications import NotificationRepository
from app.db.sales_requests import SalesRequestRepository
from app.db.seat_changes import SeatChangeRepository
from app.db.temporary_seats import TemporarySeatsRepository
from app.db.waiting import WaitingRepository
from app.db.webhooks import WebhookRepository
from app.domain.accounts import Account
from app.domain.events import Event
from app.domain.versions import Precondition


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
    activity: ActivityRepository
    agents: AgentRepository
    agent_syncs: AgentSyncRepository
    api_keys: ApiKeyRepository
    events: EventRepository
    idempotency: IdempotencyRepository
    notifications: NotificationRepository
    sales_requests: SalesRequestRepository
    seat_changes: SeatChangeRepository
    temporary_seats: TemporarySeatsRepository
    waiting: WaitingRepository
    webhooks: WebhookRepository

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        tally: Callable[[], Tally] | None = None,
        request: RequestTransaction | None = None,
        *,
        announce: Announce,
        precondition: Precondition | None = None,
    ) -> None:
        self._sessions = sessions
        self._tally = tally
        self._request = request
        self._savepoint: AsyncSessionTransaction | None = None
        self._announce = announce
        self._precondition = precondition

    async def __aenter__(self) -> Self:
        if self._request is not None:
            self.session = self._request.session
            self._savepoint = await self.session.begin_nested()
        else:
            self.session = self._sessions()
        self.webhooks = WebhookRepository(self.session)
        precondition = self._precondition
        # Plain functions of the precondition, not methods of this unit of
        # work: the repositories must not point back at it (a reference cycle
        # keeps the session alive until a full garbage collection).
        self.accounts = AccountRepository(
            self.session,
            self.webhooks.known_without_endpoints,
            partial(_loaded, precondition) if precondition is not None else _ignore,
        )
        self.agents = AgentRepository(self.session)
        self.activity = ActivityRepository(self.session)
        self.agent_syncs = AgentSyncRepository(self.session)
        self.api_keys = ApiKeyRepository(self.session)
        self.tally = self._tally() if self._tally is not None else None
        counted = self.tally.count if self.tally else None
        if precondition is not None:
            counted = partial(_recorded, precondition, counted)
        self.events = EventRepository(self.session, counted)
        self.idempotency = IdempotencyRepository(self.session)
        self.notifications = NotificationRepository(self.session)
        self.sales_requests = SalesRequestRepository(self.session)
        self.seat_changes = SeatChangeRepository(self.session)
        self.temporary_seats = TemporarySeatsRepository(self.session)
        self.waiting = WaitingRepository(self.session)
        if precondition is not None:
            precondition.held = False
            if precondition.pending and precondition.hold_first and precondition.account_id:
                try:
                    await self._hold(precondition, precondition.account_id)
                except BaseException:
                    # `async with` calls no __aexit__ when __aenter__ raises.
                    await self.__aexit__(None, None, None)
                    raise
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
        precondition = self._precondition
        if precondition is not None and precondition.account_id and precondition.pending:
            # Not checked under the lock yet: now, before anything is written.
            await self._hold(precondition, precondition.account_id)
        for account in self.accounts.seen():
            if account.alerts:
                await self._announce(self, account)
        await self.accounts.save_changed()
        if precondition is not None and precondition.account_id is not None:
            await self._learn_version(precondition, precondition.account_id)
        if self._request is not None and self._savepoint is not None:
            await self._savepoint.commit()
            if self.tally is not None:
                self._request.after_commit(self.tally)
            # What the use case writes after its commit is undone unless it commits again.
            self._savepoint = await self.session.begin_nested()
        else:
            await self.session.commit()
            if self.tally is not None:
                self.tally.commit()
        if precondition is not None and precondition.held:
            precondition.met = True

    async def _hold(self, precondition: Precondition, account_id: str) -> None:
        """Lock the account and check the precondition against its version."""
        version = await self.accounts.version(account_id, lock=True)
        if version is not None:
            precondition.check(version, locked=True)

    async def _learn_version(self, precondition: Precondition, account_id: str) -> None:
        """The version this commit leaves the account at: as the use case
        changed it, else as read under the lock, else read now."""
        account = self.accounts.loaded(account_id)
        if account is not None:
            precondition.version = account.version
        elif not precondition.held:
            precondition.version = await self.accounts.version(account_id)


def _ignore(account: Account, locked: bool) -> None:
    pass


def _loaded(precondition: Precondition, account: Account, locked: bool) -> None:
    """An account was read: the precondition binds to the first one, and is
    checked against its version."""
    if precondition.account_id is None:
        precondition.account_id = account.id  # the account this change is about
    if precondition.account_id == account.id:
        precondition.check(account.version, locked=locked)


def _recorded(
    precondition: Precondition, counted: Callable[[Event], None] | None, event: Event
) -> None:
    """An event was recorded: the precondition binds to its account if it had none."""
    if counted is not None:
        counted(event)
    if precondition.account_id is None:
        precondition.account_id = event.account_id  # the account the change is about
