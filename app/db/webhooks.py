"""Webhook endpoints and the delivery outbox."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.fastpath import insert_rows
from app.db.models import NO_ACCOUNT, WebhookDeliveryRow, WebhookEndpointRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.errors import InvalidRequest
from app.domain.webhooks import Delivery, DeliveryStatus, WebhookEndpoint

UNFINISHED = (DeliveryStatus.PENDING.value, DeliveryStatus.SENDING.value)
# Core, not the ORM entity, for the outbox rows: one per event and endpoint, in bulk.
DELIVERIES = cast(Table, WebhookDeliveryRow.__table__)


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    delivery: Delivery
    url: str
    secrets: list[str]  # every secret that signs it now (two during a rotation)


@dataclass(frozen=True, slots=True)
class Settled:
    """What became of one attempt, to be written with the others of its round."""

    delivery: Delivery
    status: DeliveryStatus
    status_code: int | None
    error: str | None
    next_attempt_at: datetime | None = None
    delivered_at: datetime | None = None


E = WebhookEndpointRow
ENDPOINTS = cast(Table, WebhookEndpointRow.__table__)


def _scoped(account_id: str | None) -> ColumnElement[bool]:
    """An account's endpoints, or (None) the platform's."""
    return E.account_id.is_(None) if account_id is None else E.account_id == account_id


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._endpoints: dict[str, list[WebhookEndpoint]] = {}

    async def add_endpoint(self, endpoint: WebhookEndpoint) -> None:
        self._forget(endpoint.account_id)
        self.session.add(
            WebhookEndpointRow(
                id=endpoint.id,
                account_id=endpoint.account_id,
                url=endpoint.url,
                event_types=list(endpoint.event_types),
                secret=endpoint.secret,
                created_at=endpoint.created_at,
            )
        )
        await self.session.flush()

    async def save_endpoint(self, endpoint: WebhookEndpoint, now: datetime) -> None:
        """Write what PATCH and a rotation may change."""
        self._forget(endpoint.account_id)
        row = await self.session.scalar(
            select(E).where(_scoped(endpoint.account_id), E.id == endpoint.id)
        )
        if row is None:
            return
        row.url = endpoint.url
        row.event_types = list(endpoint.event_types)
        row.secret = endpoint.secret
        row.previous_secret = endpoint.previous_secret
        row.previous_secret_expires_at = endpoint.previous_secret_expires_at
        if endpoint.enabled:
            row.disabled_at = None
        elif row.disabled_at is None:
            row.disabled_at = now
        await self.session.flush()

    def _forget(self, account_id: str | None) -> None:
        if account_id is None:  # a platform endpoint hears every account
            self._endpoints.clear()
        else:
            self._endpoints.pop(account_id, None)

    def known_without_endpoints(self, account_id: str) -> None:
        """The account has no endpoints, nor the platform, as read under its
        lock in this unit of work."""
        self._endpoints[account_id] = []

    async def endpoint(
        self, account_id: str | None, endpoint_id: str, *, lock: bool = False
    ) -> WebhookEndpoint | None:
        stmt = select(E).where(_scoped(account_id), E.id == endpoint_id)
        if lock:  # a rotation racing a PATCH: one waits for the other
            stmt = stmt.with_for_update()
        row = await self.session.scalar(stmt)
        return _to_endpoint(row) if row is not None else None

    async def endpoints_for(self, account_id: str) -> list[WebhookEndpoint]:
        """The enabled endpoints that hear the account: its own and the
        platform's, read once per unit of work: a use case that records events
        several times asks the database once."""
        if account_id in self._endpoints:
            return self._endpoints[account_id]
        rows = await self.session.scalars(
            select(E).where(
                or_(E.account_id == account_id, E.account_id.is_(None)),
                E.disabled_at.is_(None),
            )
        )
        found = [_to_endpoint(row) for row in rows]
        self._endpoints[account_id] = found
        return found

    async def endpoints_page(
        self, account_id: str | None, cursor: str | None, limit: int
    ) -> Page[WebhookEndpoint]:
        stmt = select(E).where(_scoped(account_id))
        stmt = newest_first(stmt, E.created_at, E.id, cursor, limit)
        items = [_to_endpoint(row) for row in await self.session.scalars(stmt)]
        return cut_page(items, limit, lambda e: (e.created_at, e.id))

    async def remove_endpoint(self, account_id: str | None, endpoint_id: str) -> None:
        self._forget(account_id)
        await self.session.execute(delete(E).where(_scoped(account_id), E.id == endpoint_id))

    async def enqueue(self, deliveries: Iterable[dict[str, Any]]) -> None:
        """Write outbox rows, taking each from the iterable as it is written."""
        await insert_rows(self.session, DELIVERIES, map(_stored, deliveries))

    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[ClaimedDelivery]:
        """Lease up to `limit` due deliveries, the accounts with the oldest first.

        Any due delivery may be claimed, whatever is still unfinished before
        it: one failing event never holds back the next (no head-of-line
        blocking). The accounts with due deliveries are read first, then each
        account's are claimed in one statement that names the account: on
        Citus it runs on that account's shard alone, as a locking read across
        shards cannot. SKIP LOCKED lets several dispatchers claim side by side
        without ever taking the same row, and the outer condition claims only
        rows still due (SQLite runs the statement as one writer); the lease
        makes a dispatcher that died mid-send give its rows back.
        """
        d = DELIVERIES
        due = or_(
            and_(d.c.status == DeliveryStatus.PENDING.value, d.c.next_attempt_at <= now),
            and_(d.c.status == DeliveryStatus.SENDING.value, d.c.lease_until < now),
        )
        sendable = and_(due, ENDPOINTS.c.disabled_at.is_(None))
        # The accounts of the oldest `limit` due deliveries: a read of that many
        # rows, not of the whole backlog.
        oldest = (
            select(d.c.account_id, d.c.seq)
            .join(ENDPOINTS, ENDPOINTS.c.id == d.c.endpoint_id)
            .where(sendable)
            .order_by(d.c.seq)
            .limit(limit)
            .subquery()
        )
        accounts = await self.session.scalars(
            select(oldest.c.account_id)
            .group_by(oldest.c.account_id)
            .order_by(func.min(oldest.c.seq))
        )
        claimed: list[Any] = []
        for account_id in list(accounts):
            if len(claimed) >= limit:
                break
            candidates = (
                select(d.c.seq)
                .join(ENDPOINTS, ENDPOINTS.c.id == d.c.endpoint_id)
                .where(d.c.account_id == account_id, sendable)
                .order_by(d.c.seq)
                .limit(limit - len(claimed))
                .with_for_update(skip_locked=True, of=d)
            )
            claimed += (
                await self.session.execute(
                    update(d)
                    .where(
                        d.c.account_id == account_id,
                        d.c.seq.in_(candidates.scalar_subquery()),
                        due,
                    )
                    .values(
                        status=DeliveryStatus.SENDING.value,
                        lease_until=now + lease,
                        attempts=d.c.attempts + 1,
                    )
                    .returning(*d.c)
                )
            ).all()
        if not claimed:
            return []
        endpoints = {
            row.id: row
            for row in await self.session.scalars(
                select(E).where(E.id.in_({row.endpoint_id for row in claimed}))
            )
        }
        return [
            ClaimedDelivery(
                _to_delivery(row),
                endpoints[row.endpoint_id].url,
                _to_endpoint(endpoints[row.endpoint_id]).signing_secrets(now),
            )
            for row in sorted(claimed, key=lambda row: int(row.seq))
        ]

    async def settle(self, settled: list[Settled]) -> None:
        """Write a round's outcomes in one statement (executemany)."""
        if not settled:
            return
        d = DELIVERIES
        await self.session.execute(
            update(d)
            .where(d.c.account_id == bindparam("s_account"), d.c.seq == bindparam("s_seq"))
            .values(
                status=bindparam("s_status"),
                last_status_code=bindparam("s_code"),
                last_error=bindparam("s_error"),
                lease_until=None,
                delivered_at=bindparam("s_delivered"),
                next_attempt_at=func.coalesce(
                    bindparam("s_next", type_=d.c.next_attempt_at.type), d.c.next_attempt_at
                ),
            ),
            [
                {
                    "s_account": s.delivery.account_id or NO_ACCOUNT,
                    "s_seq": s.delivery.seq,
                    "s_status": s.status.value,
                    "s_code": s.status_code,
                    "s_error": s.error[:500] if s.error else None,
                    "s_delivered": s.delivered_at,
                    "s_next": s.next_attempt_at,
                }
                for s in settled
            ],
        )

    async def delivery(
        self, account_id: str | None, delivery_id: str, *, lock: bool = False
    ) -> Delivery | None:
        """A delivery to one of the account's endpoints (or the platform's)."""
        d = WebhookDeliveryRow
        stmt = (
            select(d).join(E, E.id == d.endpoint_id).where(_scoped(account_id), d.id == delivery_id)
        )
        of_account = account_id
        if of_account is None and lock:
            # A platform endpoint's deliveries are of every account: find the
            # one first, so that the locking read names it (on Citus a locking
            # read must run on one shard).
            of_account = await self.session.scalar(stmt.with_only_columns(d.account_id))
            if of_account is None:
                return None
        if of_account is not None:
            stmt = stmt.where(d.account_id == of_account)
        if lock:  # a retry racing a claim: the claim skips it until the retry commits
            stmt = stmt.with_for_update(of=d)
        row = await self.session.scalar(stmt)
        return _to_delivery(row) if row is not None else None

    async def requeue(self, delivery: Delivery, now: datetime) -> None:
        """Due now again, with a fresh day of retries (never while it is being sent)."""
        await self.session.execute(
            update(WebhookDeliveryRow)
            .where(
                WebhookDeliveryRow.account_id == (delivery.account_id or NO_ACCOUNT),
                WebhookDeliveryRow.seq == delivery.seq,
                WebhookDeliveryRow.status != DeliveryStatus.SENDING.value,
            )
            .values(
                status=DeliveryStatus.PENDING.value,
                next_attempt_at=now,
                retried_at=now,
                lease_until=None,
                delivered_at=None,
            )
        )

    async def deliveries_page(
        self, endpoint_id: str, cursor: str | None, limit: int
    ) -> Page[Delivery]:
        stmt = select(WebhookDeliveryRow).where(WebhookDeliveryRow.endpoint_id == endpoint_id)
        if cursor is not None:
            stmt = stmt.where(WebhookDeliveryRow.seq < _decode_seq(cursor))
        rows = list(
            await self.session.scalars(
                stmt.order_by(WebhookDeliveryRow.seq.desc()).limit(limit + 1)
            )
        )
        items = [_to_delivery(row) for row in rows[:limit]]
        next_cursor = _encode_seq(items[-1].seq) if len(rows) > limit else None
        return Page(items, next_cursor)

    async def backlog(self) -> int:
        return int(
            await self.session.scalar(
                select(func.count())
                .select_from(WebhookDeliveryRow)
                .where(WebhookDeliveryRow.status.in_(UNFINISHED))
            )
            or 0
        )


def _encode_seq(seq: int) -> str:
    return base64.urlsafe_b64encode(f"seq:{seq}".encode()).decode().rstrip("=")


def _decode_seq(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
        prefix, _, value = raw.partition(":")
        if prefix != "seq":
            raise ValueError(prefix)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidRequest(
            "The cursor is not one this service gave out.", code="invalid_cursor"
        ) from None


def _to_endpoint(row: WebhookEndpointRow) -> WebhookEndpoint:
    return WebhookEndpoint(
        id=row.id,
        account_id=row.account_id,
        url=row.url,
        event_types=tuple(row.event_types),
        secret=row.secret,
        created_at=row.created_at,
        enabled=row.disabled_at is None,
        previous_secret=row.previous_secret,
        previous_secret_expires_at=row.previous_secret_expires_at,
    )


def _stored(delivery: dict[str, Any]) -> dict[str, Any]:
    """An outbox row as written: a platform test ping's account is NO_ACCOUNT."""
    if delivery["account_id"] is None:
        return {**delivery, "account_id": NO_ACCOUNT}
    return delivery


def _to_delivery(row: Any) -> Delivery:
    """From an ORM row or a Core row of the outbox."""
    return Delivery(
        seq=row.seq,
        id=row.id,
        account_id=row.account_id or None,
        endpoint_id=row.endpoint_id,
        event_id=row.event_id,
        event_type=row.event_type,
        payload=row.payload,
        status=DeliveryStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        last_status_code=row.last_status_code,
        last_error=row.last_error,
        delivered_at=row.delivered_at,
        retried_at=row.retried_at,
    )
