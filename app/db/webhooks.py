"""Webhook endpoints and the delivery outbox."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from app.db.fastpath import insert_rows
from app.db.models import WebhookDeliveryRow, WebhookEndpointRow
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
    secret: str


class WebhookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._endpoints: dict[str, list[WebhookEndpoint]] = {}

    async def add_endpoint(self, endpoint: WebhookEndpoint) -> None:
        self._endpoints.pop(endpoint.account_id, None)
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

    def known_without_endpoints(self, account_id: str) -> None:
        """The account has no endpoints, as read under its lock in this unit of work."""
        self._endpoints[account_id] = []

    async def endpoint(self, account_id: str, endpoint_id: str) -> WebhookEndpoint | None:
        row = await self.session.scalar(
            select(WebhookEndpointRow).where(
                WebhookEndpointRow.account_id == account_id, WebhookEndpointRow.id == endpoint_id
            )
        )
        return _to_endpoint(row) if row is not None else None

    async def endpoints_for(self, account_id: str) -> list[WebhookEndpoint]:
        """The account's endpoints, read once per unit of work: a use case that
        records events several times asks the database once."""
        if account_id in self._endpoints:
            return self._endpoints[account_id]
        rows = await self.session.scalars(
            select(WebhookEndpointRow).where(
                WebhookEndpointRow.account_id == account_id,
                WebhookEndpointRow.disabled_at.is_(None),
            )
        )
        found = [_to_endpoint(row) for row in rows]
        self._endpoints[account_id] = found
        return found

    async def endpoints_page(
        self, account_id: str, cursor: str | None, limit: int
    ) -> Page[WebhookEndpoint]:
        stmt = select(WebhookEndpointRow).where(WebhookEndpointRow.account_id == account_id)
        stmt = newest_first(
            stmt, WebhookEndpointRow.created_at, WebhookEndpointRow.id, cursor, limit
        )
        items = [_to_endpoint(row) for row in await self.session.scalars(stmt)]
        return cut_page(items, limit, lambda e: (e.created_at, e.id))

    async def remove_endpoint(self, account_id: str, endpoint_id: str) -> None:
        self._endpoints.pop(account_id, None)
        await self.session.execute(
            delete(WebhookEndpointRow).where(
                WebhookEndpointRow.account_id == account_id, WebhookEndpointRow.id == endpoint_id
            )
        )

    async def enqueue(self, deliveries: Iterable[dict[str, Any]]) -> None:
        """Write outbox rows, taking each from the iterable as it is written."""
        await insert_rows(self.session, DELIVERIES, deliveries)

    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[ClaimedDelivery]:
        """Lease the next delivery of each endpoint that is due.

        Only an endpoint's oldest unfinished delivery is eligible, so an
        endpoint receives events in order. SKIP LOCKED lets several dispatchers
        claim side by side on PostgreSQL without ever taking the same row; the
        lease makes a dispatcher that died mid-send give its rows back.
        """
        d = WebhookDeliveryRow
        earlier = aliased(WebhookDeliveryRow)
        blocked = (
            select(earlier.seq)
            .where(
                earlier.endpoint_id == d.endpoint_id,
                earlier.seq < d.seq,
                earlier.status.in_(UNFINISHED),
            )
            .exists()
        )
        due = or_(
            and_(d.status == DeliveryStatus.PENDING.value, d.next_attempt_at <= now),
            and_(d.status == DeliveryStatus.SENDING.value, d.lease_until < now),
        )
        rows = list(
            await self.session.scalars(
                select(d)
                .where(due, ~blocked)
                .order_by(d.seq)
                .limit(limit)
                .with_for_update(skip_locked=True, of=d)
            )
        )
        if not rows:
            return []
        await self.session.execute(
            update(d)
            .where(d.seq.in_([row.seq for row in rows]))
            .values(
                status=DeliveryStatus.SENDING.value,
                lease_until=now + lease,
                attempts=d.attempts + 1,
            )
        )
        endpoints = {
            row.id: row
            for row in await self.session.scalars(
                select(WebhookEndpointRow).where(
                    WebhookEndpointRow.id.in_({row.endpoint_id for row in rows})
                )
            )
        }
        return [
            ClaimedDelivery(
                _to_delivery(row, attempts=row.attempts + 1),
                endpoints[row.endpoint_id].url,
                endpoints[row.endpoint_id].secret,
            )
            for row in rows
        ]

    async def settle(
        self,
        seq: int,
        status: DeliveryStatus,
        *,
        status_code: int | None,
        error: str | None,
        next_attempt_at: datetime | None = None,
        delivered_at: datetime | None = None,
    ) -> None:
        values: dict[str, Any] = {
            "status": status.value,
            "last_status_code": status_code,
            "last_error": error[:500] if error else None,
            "lease_until": None,
            "delivered_at": delivered_at,
        }
        if next_attempt_at is not None:
            values["next_attempt_at"] = next_attempt_at
        await self.session.execute(
            update(WebhookDeliveryRow).where(WebhookDeliveryRow.seq == seq).values(**values)
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
    )


def _to_delivery(row: WebhookDeliveryRow, attempts: int | None = None) -> Delivery:
    return Delivery(
        seq=row.seq,
        account_id=row.account_id,
        endpoint_id=row.endpoint_id,
        event_id=row.event_id,
        event_type=row.event_type,
        payload=row.payload,
        status=DeliveryStatus(row.status),
        attempts=row.attempts if attempts is None else attempts,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        last_status_code=row.last_status_code,
        last_error=row.last_error,
        delivered_at=row.delivered_at,
    )
