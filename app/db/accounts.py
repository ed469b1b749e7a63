"""Loading and saving accounts with their seat lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Integer,
    Select,
    Table,
    Text,
    and_,
    bindparam,
    exists,
    func,
    insert,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.fastpath import Row
from app.db.models import (
    AccountRow,
    AgentRow,
    AgentSeatRow,
    SubscriptionLineRow,
    WebhookEndpointRow,
)
from app.db.pages import Page, cut_page, newest_first
from app.db.saving import Saved, save_changes, saved_state, settings_columns
from app.domain.account_status import AccountStatus
from app.domain.accounts import Account, BillingMode, Person, SalesRep
from app.domain.subscription import SeatLine
from app.domain.terms import BillingCycle

ACCOUNTS = cast(Table, AccountRow.__table__)
OWNERS = cast(Table, AgentRow.__table__)
LINES = cast(Table, SubscriptionLineRow.__table__)
# An account with its owner's name and email: what every account read needs.
WITH_OWNER = ACCOUNTS.join(
    OWNERS,
    (OWNERS.c.account_id == ACCOUNTS.c.id) & (OWNERS.c.user_id == ACCOUNTS.c.owner_user_id),
)
ACCOUNT_COLUMNS = (
    ACCOUNTS,
    OWNERS.c.email.label("owner_email"),
    OWNERS.c.name.label("owner_name"),
)

# One round trip, in Core: this read sits on the hottest paths (every seat
# change and every subscription read), where ORM loading costs more than the
# query. A module constant, so a reader compiles it once (app/db/fastpath/_readers.py).
ACCOUNT_READ = select(
    *ACCOUNT_COLUMNS,
    LINES.c.product,
    LINES.c.suite,
    LINES.c.seats,
    LINES.c.temporary_seats,
    LINES.c.assigned,
    LINES.c.alert_level,
    # Labelled: the account row has a light_agents of its own (the people).
    LINES.c.light_agents.label("line_light_agents"),
    LINES.c.waiting,
).select_from(WITH_OWNER.join(LINES, LINES.c.account_id == ACCOUNTS.c.id))


def by_id(read: Select[Any]) -> Select[Any]:
    """`read` (ACCOUNT_READ, or it with more columns) of the account `account_id`."""
    return read.where(ACCOUNTS.c.id == bindparam("account_id")).order_by(LINES.c.product)


# The same for several accounts in one query (app/db/fastpath/_batches.py), on
# PostgreSQL: the ids as one text[] parameter, each account read by its keys.
# Written as `accounts.id = ANY(ids)`, a dozen ids against a table of a
# thousand accounts were planned as sequential scans and a hash join, which
# cost PostgreSQL nearly twice the CPU of reading each account by its keys
# (and the reads' share of the database is what two workers on two cores
# compete with). A lateral subquery per id, kept whole by OFFSET 0 so that the
# planner cannot flatten it back into that join, is a key lookup whatever the
# table's size or statistics.
def by_ids(read: Select[Any]) -> Select[Any]:
    """`read` of the accounts `account_ids`, by account, each with its lines in order."""
    wanted = (
        func.unnest(bindparam("account_ids", type_=ARRAY(Text))).table_valued("id").render_derived()
    )
    one = read.where(ACCOUNTS.c.id == wanted.c.id).offset(literal_column("0", Integer)).lateral()
    return select(one).select_from(wanted.join(one, true())).order_by(one.c.id, one.c.product)


ACCOUNT_WITH_LINES = by_id(ACCOUNT_READ)
# Locks the account row and its lines, and reads them, in one round trip. Both
# are locked on purpose: under READ COMMITTED, a SELECT ... FOR UPDATE that
# waited for another writer returns the committed new version of the rows it
# locks, but the old version of any other row it joins. Locking only the
# account would hand back the counters as they were before the other writer
# committed, and sell a seat twice. Every writer of the lines takes this lock
# first, in the same statement, so they queue on the account row.
#
# The locked read also says whether the account has webhook endpoints, so that
# a use case recording events on an account without any (most of them) need
# not ask again. Adding the first endpoint takes this lock, so the answer
# cannot go stale while a use case holds it. Platform endpoints (no account)
# count for every account; adding one takes no account's lock, so it hears
# the changes committed after it, not those already under way.
ENDPOINTS = cast(Table, WebhookEndpointRow.__table__)
HAS_ENDPOINTS = (
    exists()
    .where(
        or_(ENDPOINTS.c.account_id == ACCOUNTS.c.id, ENDPOINTS.c.account_id.is_(None)),
        ENDPOINTS.c.disabled_at.is_(None),
    )
    .label("has_webhook_endpoints")
)
ACCOUNT_WITH_LINES_LOCKED = ACCOUNT_WITH_LINES.add_columns(HAS_ENDPOINTS).with_for_update(
    of=[ACCOUNTS, LINES]
)
SALES_REP_EMAIL = select(ACCOUNTS.c.sales_rep_email).where(ACCOUNTS.c.id == bindparam("account_id"))
# The version alone, for an If-Match checked before the use case loads the
# account (locked: the account row first, as every writer takes it), and for
# the ETag of a change that never loaded it.
VERSION = select(ACCOUNTS.c.version).where(ACCOUNTS.c.id == bindparam("account_id"))
VERSION_LOCKED = VERSION.with_for_update()


class AccountRepository:
    def __init__(
        self,
        session: AsyncSession,
        without_endpoints: Callable[[str], None] = lambda _: None,
        loaded: Callable[[Account, bool], None] = lambda _, __: None,
    ) -> None:
        self.session = session
        self._without_endpoints = without_endpoints  # told of accounts with no endpoints
        self._loaded = loaded  # told of each account read, and whether it was locked
        # The accounts loaded in this unit of work, each with its state as
        # loaded: save_changed writes what differs.
        self._seen: dict[str, tuple[Account, Saved]] = {}

    async def add(self, account: Account) -> None:
        """Insert the account, its lines, and its owner holding a seat on each."""
        self.session.add(
            AccountRow(
                id=account.id,
                version=account.version,
                created_at=account.created_at,
                **settings_columns(account),
            )
        )
        owner = account.owner
        self.session.add(
            AgentRow(
                account_id=account.id,
                user_id=owner.user_id,
                email=owner.email,
                name=owner.name,
                role="agent",
                is_owner=True,
                added_at=account.created_at,
                updated_at=account.created_at,
                agent_since=account.created_at,
            )
        )
        await self.session.flush()
        await self.session.execute(
            insert(SubscriptionLineRow),
            [
                {
                    "account_id": account.id,
                    "product": line.product,
                    "suite": line.suite,
                    "seats": line.seats,
                    "temporary_seats": line.temporary_seats,
                    "assigned": line.assigned,
                    "light_agents": line.light_agents,
                }
                for line in account.lines
            ],
        )
        await self.session.execute(
            insert(AgentSeatRow),
            [
                {
                    "account_id": account.id,
                    "product": line.product,
                    "user_id": owner.user_id,
                    "granted_at": account.created_at,
                }
                for line in account.lines
            ],
        )

    async def get(self, account_id: str, *, lock: bool = False) -> Account | None:
        """The account with its lines; `lock` holds its row until commit, which
        serializes every change to the account's seats (see UnitOfWork)."""
        statement = ACCOUNT_WITH_LINES_LOCKED if lock else ACCOUNT_WITH_LINES
        rows = (await self.session.execute(statement, {"account_id": account_id})).mappings()
        found = rows.all()
        if lock and found and not found[0]["has_webhook_endpoints"]:
            self._without_endpoints(account_id)
        account = account_from_rows(found)
        if account is not None:
            self._seen[account.id] = (account, saved_state(account))
            self._loaded(account, lock)
        return account

    async def version(self, account_id: str, *, lock: bool = False) -> int | None:
        """The account's version (None: no such account); `lock` takes the
        account's lock, as `get` does."""
        statement = VERSION_LOCKED if lock else VERSION
        found = await self.session.execute(statement, {"account_id": account_id})
        return found.scalar_one_or_none()

    def loaded(self, account_id: str) -> Account | None:
        """The account as this unit of work changed it, if it loaded it."""
        seen = self._seen.get(account_id)
        return seen[0] if seen is not None else None

    def seen(self) -> list[Account]:
        return [account for account, _ in self._seen.values()]

    async def save_changed(self) -> None:
        """Write what changed in the loaded accounts since they were loaded or
        last saved (the unit of work calls this on commit)."""
        for account, before in list(self._seen.values()):
            self._seen[account.id] = (account, await save_changes(self.session, account, before))

    async def sales_rep_email(self, account_id: str) -> tuple[bool, str | None]:
        """Whether the account exists, and its rep's email (for visibility checks)."""
        rows = await self.session.execute(SALES_REP_EMAIL, {"account_id": account_id})
        return sales_rep_from_rows(rows.mappings().all())

    async def page(
        self, *, sales_rep_email: str | None, cursor: str | None, limit: int
    ) -> Page[Account]:
        stmt = select(*ACCOUNT_COLUMNS).select_from(WITH_OWNER)
        if sales_rep_email is not None:
            stmt = stmt.where(AccountRow.sales_rep_email == sales_rep_email)
        stmt = newest_first(stmt, AccountRow.created_at, AccountRow.id, cursor, limit)
        rows = (await self.session.execute(stmt)).mappings().all()
        accounts = [_account_from(row) for row in rows]
        return cut_page(accounts, limit, lambda a: (a.created_at, a.id))

    async def due_for_renewal(
        self, now: datetime, limit: int, after: tuple[datetime, str] | None = None
    ) -> list[tuple[datetime, str]]:
        """(term end, id) of accounts due, in that order, from after `after`:
        a run walks past the ones that failed instead of meeting them again."""
        # A cancelled account is not renewed (app/domain/accounts.py::Account.closed).
        stmt = select(AccountRow.term_end, AccountRow.id).where(
            AccountRow.term_end <= now, AccountRow.status != AccountStatus.CANCELLED.value
        )
        if after is not None:
            stmt = stmt.where(
                or_(
                    AccountRow.term_end > after[0],
                    and_(AccountRow.term_end == after[0], AccountRow.id > after[1]),
                )
            )
        rows = await self.session.execute(
            stmt.order_by(AccountRow.term_end, AccountRow.id).limit(limit)
        )
        return [(row[0], row[1]) for row in rows]

    async def with_reclaim_policy(self, limit: int, after: str | None = None) -> list[str]:
        """Ids of the accounts that set `reclaim_after`, in id order from after
        `after` (the jobs run walks them in batches)."""
        stmt = select(AccountRow.id).where(AccountRow.reclaim_after.is_not(None))
        if after is not None:
            stmt = stmt.where(AccountRow.id > after)
        rows = await self.session.execute(stmt.order_by(AccountRow.id).limit(limit))
        return [row[0] for row in rows]


def account_from_rows(rows: Sequence[Row]) -> Account | None:
    """The account of ACCOUNT_WITH_LINES's rows (one per line), if any."""
    if not rows:
        return None
    account = _account_from(rows[0])
    account.lines = [
        SeatLine(
            product=row["product"],
            suite=row["suite"],
            seats=row["seats"],
            temporary_seats=row["temporary_seats"],
            assigned=row["assigned"],
            alert_level=row["alert_level"],
            light_agents=row["line_light_agents"],
            waiting=row["waiting"],
        )
        for row in rows
    ]
    return account


def sales_rep_from_rows(rows: Sequence[Row]) -> tuple[bool, str | None]:
    """SALES_REP_EMAIL's answer: whether the account exists, and its rep's email."""
    return (True, rows[0]["sales_rep_email"]) if rows else (False, None)


def _account_from(row: Row) -> Account:
    rep_email = row["sales_rep_email"]
    return Account(
        id=row["id"],
        name=row["name"],
        billing_mode=BillingMode(row["billing_mode"]),
        self_manageable=row["self_manageable"],
        legacy_sell=row["legacy_sell"],
        sales_rep=SalesRep(row["sales_rep_name"] or "", rep_email) if rep_email else None,
        owner=Person(
            user_id=row["owner_user_id"], email=row["owner_email"], name=row["owner_name"]
        ),
        billing_cycle=BillingCycle(row["billing_cycle"]),
        currency=row["currency"],
        term_start=row["term_start"],
        term_end=row["term_end"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
        status=AccountStatus(row["status"]),
        light_agent_limit=row["light_agent_limit"],
        light_agents=row["light_agents"],
        reclaim_after=row["reclaim_after"],
    )
