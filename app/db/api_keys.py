"""API keys, stored by the hash of their secret."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.fastpath import Row
from app.db.key_revocations import notify_revoked
from app.db.models import ApiKeyRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.access import Role
from app.domain.api_keys import ApiKey

KEYS = cast(Table, ApiKeyRow.__table__)
# Looked up on every request the key cache misses; a module constant, so a
# reader compiles it once (app/db/fastpath/_readers.py).
KEY_BY_HASH = select(KEYS).where(KEYS.c.secret_hash == bindparam("secret_hash"))


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, key: ApiKey, secret_hash: str) -> None:
        self.session.add(
            ApiKeyRow(
                id=key.id,
                account_id=key.account_id,
                name=key.name,
                role=key.role.value,
                email=key.email,
                secret_hash=secret_hash,
                hint=key.hint,
                created_at=key.created_at,
                revoked_at=key.revoked_at,
            )
        )
        await self.session.flush()

    async def by_hash(self, secret_hash: str) -> ApiKey | None:
        rows = await self.session.execute(KEY_BY_HASH, {"secret_hash": secret_hash})
        return key_from_rows(rows.mappings().all())

    async def get(self, key_id: str) -> ApiKey | None:
        rows = await self.session.execute(select(KEYS).where(KEYS.c.id == key_id))
        return key_from_rows(rows.mappings().all())

    async def page(self, account_id: str | None, cursor: str | None, limit: int) -> Page[ApiKey]:
        """Keys of one account, or the platform's keys when `account_id` is None."""
        stmt = select(KEYS).where(
            KEYS.c.account_id == account_id if account_id else KEYS.c.account_id.is_(None)
        )
        stmt = newest_first(stmt, ApiKeyRow.created_at, ApiKeyRow.id, cursor, limit)
        keys = [_key_from(row) for row in (await self.session.execute(stmt)).mappings()]
        return cut_page(keys, limit, lambda k: (k.created_at, k.id))

    async def revoke_owner_keys(self, account_id: str, at: datetime) -> list[str]:
        """Revoke the account's live owner keys (an owner hand-over); answers
        their ids, each announced to every process as `revoke` does."""
        ids = list(
            await self.session.scalars(
                select(KEYS.c.id)
                .where(
                    KEYS.c.account_id == account_id,
                    KEYS.c.role == Role.OWNER.value,
                    KEYS.c.revoked_at.is_(None),
                )
                .order_by(KEYS.c.id)
            )
        )
        for key_id in ids:
            await self.revoke(key_id, at)
        return ids

    async def revoke(self, key_id: str, at: datetime) -> None:
        await self.session.execute(
            update(ApiKeyRow)
            .where(ApiKeyRow.id == key_id, ApiKeyRow.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        await notify_revoked(self.session, key_id)


def key_from_rows(rows: Sequence[Row]) -> ApiKey | None:
    """KEY_BY_HASH's answer (or any select of the keys table by a unique column)."""
    return _key_from(rows[0]) if rows else None


def _key_from(row: Row) -> ApiKey:
    return ApiKey(
        id=row["id"],
        account_id=row["account_id"],
        name=row["name"],
        role=Role(row["role"]),
        email=row["email"],
        hint=row["hint"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )
