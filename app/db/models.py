"""Tables. Alembic migrations build them; nothing else creates tables.

Every table that holds account data carries `account_id`: the tenant wall,
and the key Citus distributes by (docs/scaling.md). Their primary and unique
keys include it, so that a distributed table can enforce them on one shard;
the two tables read without an account (API keys, webhook endpoints) stay
whole on every node.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(40)
USER_ID = String(128)
CODE = String(64)
EMAIL = String(320)
NAME = String(200)
# Seat counts and money: 64-bit, since a 32-bit column overflowed on valid
# purchases (a large suite on an annual plan). The domain's maxima
# (app/domain/limits.py) keep every value far inside it.
COUNT = BigInteger
MONEY = BigInteger
# The account_id of rows that belong to no account (a platform endpoint's
# event, a platform-scope Idempotency-Key): a distributed table keeps every row
# on the shard of its account_id, which may not be NULL. No account has this id.
NO_ACCOUNT = ""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012


class AccountRow(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(NAME)
    billing_mode: Mapped[str] = mapped_column(String(20))
    self_manageable: Mapped[bool] = mapped_column(Boolean)
    legacy_sell: Mapped[bool] = mapped_column(Boolean)
    sales_rep_name: Mapped[str | None] = mapped_column(NAME)
    sales_rep_email: Mapped[str | None] = mapped_column(EMAIL, index=True)
    owner_user_id: Mapped[str] = mapped_column(USER_ID)
    billing_cycle: Mapped[str] = mapped_column(String(10))
    currency: Mapped[str] = mapped_column(String(3))
    term_start: Mapped[datetime]
    term_end: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # active, past_due, suspended or cancelled: set by the billing system, and
    # what the account may do with its seats (app/domain/account_status.py).
    status: Mapped[str] = mapped_column(String(16), server_default="active")
    # Light agents hold no paid seat; at most this many per account (R13).
    light_agent_limit: Mapped[int] = mapped_column(COUNT, server_default="50")
    # How many there are: a counter kept under the account's lock with the
    # roles, so the limit is checked without counting rows.
    light_agents: Mapped[int] = mapped_column(COUNT, server_default="0")
    # How long an agent may stay inactive before the jobs run takes their seats
    # back: an ISO 8601 duration as app/domain/activity.py spells it; None: never.
    reclaim_after: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (Index("ix_accounts_created_at_id", "created_at", "id"),)


class SubscriptionLineRow(Base):
    __tablename__ = "subscription_lines"

    account_id: Mapped[str] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    product: Mapped[str] = mapped_column(CODE, primary_key=True)
    suite: Mapped[str | None] = mapped_column(CODE)
    seats: Mapped[int] = mapped_column(COUNT)
    temporary_seats: Mapped[int] = mapped_column(COUNT, default=0)
    assigned: Mapped[int] = mapped_column(COUNT, default=0)
    # Light agents given the product: free, never in `assigned` (R13).
    light_agents: Mapped[int] = mapped_column(COUNT, default=0, server_default="0")
    # The last usage alert sent (0 none, 1 near limit, 2 full): alerts fire once per crossing.
    alert_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # How many waiting agents want a seat of this product: a counter kept under
    # the account's lock with the waiting room's rows, as `assigned` is, so a
    # path that frees seats knows without a query whether anyone may come in.
    waiting: Mapped[int] = mapped_column(COUNT, default=0, server_default="0")

    __table_args__ = (
        CheckConstraint("seats >= 0", name="seats_not_negative"),
        CheckConstraint("temporary_seats >= 0", name="temporary_seats_not_negative"),
        CheckConstraint("assigned >= 0", name="assigned_not_negative"),
        CheckConstraint("light_agents >= 0", name="light_agents_not_negative"),
    )


def _added_at(context: Any) -> Any:
    return context.get_current_parameters()["added_at"]


class AgentRow(Base):
    __tablename__ = "agents"

    account_id: Mapped[str] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(USER_ID, primary_key=True)
    email: Mapped[str] = mapped_column(EMAIL)
    name: Mapped[str] = mapped_column(NAME)
    role: Mapped[str] = mapped_column(String(16))  # agent, light_agent or end_user
    is_owner: Mapped[bool] = mapped_column(Boolean)
    added_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    downgraded_at: Mapped[datetime | None]
    downgrade_reason: Mapped[str | None] = mapped_column(String(64))
    # The last time they became an agent: "newest" in listings and in the
    # downgrade order (R10). A row written without it (a bulk load) was made
    # an agent when it was added.
    agent_since: Mapped[datetime] = mapped_column(default=_added_at)
    # The latest activity reported (POST .../agent-activity); None: none yet.
    last_active_at: Mapped[datetime | None]

    # Newest-first listing and the downgrade order both walk this index. Pages
    # half full on PostgreSQL: a downgrade demotes the newest agents, who share
    # pages, and with room on the page each demotion is a HOT update that adds
    # no index entries (a demotion leaves agent_since as it is).
    # ix_agents_account_active serves a reclaim's "inactive since before X":
    # a range of the account's last activity, and its agents with none.
    __table_args__ = (
        Index("ix_agents_account_since", "account_id", "agent_since", "user_id"),
        Index("ix_agents_account_active", "account_id", "last_active_at"),
        {"postgresql_with": {"fillfactor": 50}},
    )


class WaitingAgentRow(Base):
    """A user waiting for a seat of each of `products` (the waiting room)."""

    __tablename__ = "waiting_agents"

    account_id: Mapped[str] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(USER_ID, primary_key=True)
    email: Mapped[str] = mapped_column(EMAIL)
    name: Mapped[str] = mapped_column(NAME)
    products: Mapped[list[str]] = mapped_column(JSON)
    queued_at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))

    # Oldest first: the listing and the admission order both walk it.
    __table_args__ = (
        Index("ix_waiting_agents_account_queued", "account_id", "queued_at", "user_id"),
    )


class AgentSeatRow(Base):
    """One paid seat of one product held by one agent: the rows `assigned` counts."""

    __tablename__ = "agent_seats"

    account_id: Mapped[str] = mapped_column(ID, primary_key=True)
    product: Mapped[str] = mapped_column(CODE, primary_key=True)
    user_id: Mapped[str] = mapped_column(USER_ID, primary_key=True)
    # When the seat was taken; null for seats taken before it was kept.
    granted_at: Mapped[datetime | None]

    __table_args__ = (
        ForeignKeyConstraint(
            ["account_id", "user_id"],
            ["agents.account_id", "agents.user_id"],
            name="fk_agent_seats_agent",
            ondelete="CASCADE",
        ),
        Index("ix_agent_seats_account_user", "account_id", "user_id"),
    )


class LightAgentProductRow(Base):
    """One product given to one light agent: free, so never among the seats
    `assigned` counts (a table of its own keeps that count equal to
    agent_seats, and keeps light agents out of every downgrade's reach)."""

    __tablename__ = "light_agent_products"

    account_id: Mapped[str] = mapped_column(ID, primary_key=True)
    product: Mapped[str] = mapped_column(CODE, primary_key=True)
    user_id: Mapped[str] = mapped_column(USER_ID, primary_key=True)
    granted_at: Mapped[datetime]

    __table_args__ = (
        ForeignKeyConstraint(
            ["account_id", "user_id"],
            ["agents.account_id", "agents.user_id"],
            name="fk_light_agent_products_agent",
            ondelete="CASCADE",
        ),
        Index("ix_light_agent_products_account_user", "account_id", "user_id"),
    )


class ApiKeyRow(Base):
    """Looked up by the secret's hash, before any account is known: on Citus a
    reference table, whole on every node (docs/scaling.md)."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    account_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(NAME)
    role: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(EMAIL)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class EventRow(Base):
    """The audit trail: one row per change, written in the change's transaction."""

    __tablename__ = "events"

    # NO_ACCOUNT for a platform event (a platform endpoint created, ...).
    account_id: Mapped[str] = mapped_column(ID, primary_key=True)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]

    __table_args__ = (Index("ix_events_account_created", "account_id", "created_at", "id"),)


class SeatChangeRow(Base):
    """A change of seat totals: applied, scheduled for renewal, or cancelled."""

    __tablename__ = "seat_changes"

    account_id: Mapped[str] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    effective: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(32))
    lines: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    named_downgrades: Mapped[list[str]] = mapped_column(JSON)
    downgraded: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    amount_due: Mapped[int] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    effective_at: Mapped[datetime | None]
    applied_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_seat_changes_account_created", "account_id", "created_at", "id"),
        # The renewal job looks for scheduled changes that have come due.
        Index("ix_seat_changes_status_effective", "status", "effective_at"),
        # One pending change per account: the use case replaces the pending one
        # under the account's lock, and this refuses a second one whatever path
        # tried to write it, so two schedules at once can never both stay pending.
        Index(
            "uq_seat_changes_one_scheduled",
            "account_id",
            unique=True,
            postgresql_where=text("status = 'scheduled'"),
            sqlite_where=text("status = 'scheduled'"),
        ),
    )


class NotificationRow(Base):
    """Something the account owner is told (seats full, agents downgraded, ...)."""

    __tablename__ = "notifications"

    account_id: Mapped[str] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(4000))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    # Null for the account's own notices; a sales rep's normalised email for
    # the notices addressed to that rep (their list spans their accounts).
    recipient_email: Mapped[str | None] = mapped_column(EMAIL)

    __table_args__ = (
        Index("ix_notifications_account_created", "account_id", "created_at", "id"),
        Index("ix_notifications_recipient_created", "recipient_email", "created_at", "id"),
    )


class IdempotencyRow(Base):
    """The first answer to a POST sent with an Idempotency-Key, kept for 24 h.

    Keyed by the API key's hash, so one caller's keys never collide with
    another's, and by the account the request's path names (NO_ACCOUNT for
    none), so the key lives on that account's shard, with the change."""

    __tablename__ = "idempotency_keys"

    account_id: Mapped[str] = mapped_column(ID, primary_key=True)
    scope: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[str | None] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(index=True)
    completed_at: Mapped[datetime | None]


class SalesRequestRow(Base):
    """A request to the account's sales rep: a service order on the customer's behalf."""

    __tablename__ = "sales_requests"

    account_id: Mapped[str] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    product: Mapped[str | None] = mapped_column(CODE)
    suite: Mapped[str | None] = mapped_column(CODE)
    seats: Mapped[int] = mapped_column(COUNT)
    message: Mapped[str | None] = mapped_column(String(2000))
    status: Mapped[str] = mapped_column(String(16))
    sales_rep_name: Mapped[str | None] = mapped_column(NAME)
    sales_rep_email: Mapped[str | None] = mapped_column(EMAIL)
    requested_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    acted_by: Mapped[str | None] = mapped_column(String(64))
    acted_at: Mapped[datetime | None]
    decline_reason: Mapped[str | None] = mapped_column(String(2000))
    seat_change_id: Mapped[str | None] = mapped_column(ID)
    # Who works it: "sales_rep", or "customer_support" on an account with no rep.
    assigned_to: Mapped[str] = mapped_column(String(20), server_default="sales_rep")
    # The window of a temporary_seats request.
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    # The request as fulfilled: the rep may adjust seats and when, with a note.
    fulfilled_seats: Mapped[int | None] = mapped_column(COUNT)
    effective: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(2000))
    temporary_seats_id: Mapped[str | None] = mapped_column(ID)

    __table_args__ = (
        Index("ix_sales_requests_account_created", "account_id", "created_at", "id"),
        Index("ix_sales_requests_status_created", "status", "created_at", "id"),
        # The customer-support queue.
        Index("ix_sales_requests_assigned_created", "assigned_to", "created_at", "id"),
    )


class WebhookEndpointRow(Base):
    """Read with every account's changes (its own and the platform's): on
    Citus a reference table, whole on every node (docs/scaling.md)."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    # NULL: a platform endpoint, which receives the events of every account.
    account_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    event_types: Mapped[list[str]] = mapped_column(JSON)
    # Kept as given: signing needs the secret itself, not a hash of it.
    secret: Mapped[str] = mapped_column(String(100))
    # The secret a rotation replaced; it signs too until it expires.
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    disabled_at: Mapped[datetime | None]


class WebhookDeliveryRow(Base):
    """The outbox: one row per (event, endpoint), written in the event's transaction."""

    __tablename__ = "webhook_deliveries"

    # A growing sequence: due deliveries are claimed in this order. The key
    # alone, as SQLite numbers only a lone integer key; on Citus the migration
    # that distributes the table makes it (account_id, seq).
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    # What the API shows (dlv_ and random): the sequence is internal.
    id: Mapped[str] = mapped_column(ID)
    # The event's account; NO_ACCOUNT only for a platform endpoint's test ping.
    account_id: Mapped[str] = mapped_column(ID)
    endpoint_id: Mapped[str] = mapped_column(
        ID, ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    event_id: Mapped[str] = mapped_column(ID)
    event_type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    # Set by a retry by hand: retries go on for a day from then.
    retried_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("account_id", "id", name="uq_webhook_deliveries_account_id"),
        Index("ix_webhook_deliveries_endpoint_status_seq", "endpoint_id", "status", "seq"),
        Index("ix_webhook_deliveries_status_next", "status", "next_attempt_at"),
    )


class TemporarySeatsRow(Base):
    """Extra capacity between two dates; counted into the lines while active."""

    __tablename__ = "temporary_seats"

    account_id: Mapped[str] = mapped_column(
        ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    product: Mapped[str | None] = mapped_column(CODE)
    suite: Mapped[str | None] = mapped_column(CODE)
    products: Mapped[list[str]] = mapped_column(JSON)
    seats: Mapped[int] = mapped_column(COUNT)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    # The price of the whole period, charged when granted (daily proration).
    amount_due: Mapped[int] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    warned_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_temporary_seats_account_created", "account_id", "created_at", "id"),
        # The jobs look for grants due to start, to warn and to end.
        Index("ix_temporary_seats_status_starts", "status", "starts_at"),
        Index("ix_temporary_seats_status_ends", "status", "ends_at"),
    )
