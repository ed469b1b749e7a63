"""Stored first answers of POSTs sent with an Idempotency-Key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Insert, and_, delete, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.engine import on_postgresql
from app.db.models import NO_ACCOUNT, IdempotencyRow


@dataclass(frozen=True, slots=True)
class StoredRequest:
    fingerprint: str
    created_at: datetime
    status_code: int | None
    response_body: str | None
    content_type: str | None

    @property
    def completed(self) -> bool:
        return self.status_code is not None


class IdempotencyRepository:
    def __init__(self, session: AsyncSession, account_id: str | None = None) -> None:
        """Keys stored under `account_id` (None: a request that names no
        account), so they live on that account's shard, beside the change."""
        self.session = session
        self.account_id = NO_ACCOUNT if account_id is None else account_id

    async def claim(self, scope: str, key: str, fingerprint: str, now: datetime) -> bool:
        """Insert the key as in progress; False when it is already there."""
        claim: Insert
        if on_postgresql(self.session):
            claim = postgresql.insert(IdempotencyRow).on_conflict_do_nothing()
        else:
            # Imported here, so a PostgreSQL worker never loads the SQLite dialect.
            from sqlalchemy.dialects import sqlite

            claim = sqlite.insert(IdempotencyRow).on_conflict_do_nothing()
        result = await self.session.execute(
            claim.values(
                account_id=self.account_id,
                scope=scope,
                key=key,
                fingerprint=fingerprint,
                created_at=now,
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def get(self, scope: str, key: str, *, lock: bool = False) -> StoredRequest | None:
        stmt = select(IdempotencyRow).where(self._is(scope, key))
        if lock:
            stmt = stmt.with_for_update()
        row = await self.session.scalar(stmt)
        if row is None:
            return None
        return StoredRequest(
            fingerprint=row.fingerprint,
            created_at=row.created_at,
            status_code=row.status_code,
            response_body=row.response_body,
            content_type=row.content_type,
        )

    async def restart(self, scope: str, key: str, fingerprint: str, now: datetime) -> None:
        await self.session.execute(
            update(IdempotencyRow)
            .where(self._is(scope, key))
            .values(
                fingerprint=fingerprint,
                created_at=now,
                status_code=None,
                response_body=None,
                content_type=None,
                completed_at=None,
            )
        )

    async def complete(
        self,
        scope: str,
        key: str,
        status_code: int,
        body: str,
        content_type: str | None,
        now: datetime,
    ) -> None:
        await self.session.execute(
            update(IdempotencyRow)
            .where(self._is(scope, key))
            .values(
                status_code=status_code,
                response_body=body,
                content_type=content_type,
                completed_at=now,
            )
        )

    async def release(self, scope: str, key: str) -> None:
        await self.session.execute(delete(IdempotencyRow).where(self._is(scope, key)))

    def _is(self, scope: str, key: str) -> ColumnElement[bool]:
        return and_(
            IdempotencyRow.account_id == self.account_id,
            IdempotencyRow.scope == scope,
            IdempotencyRow.key == key,
        )

    async def purge_before(self, moment: datetime) -> int:
        result = await self.session.execute(
            delete(IdempotencyRow).where(IdempotencyRow.created_at < moment)
        )
        return int(getattr(result, "rowcount", 0) or 0)
