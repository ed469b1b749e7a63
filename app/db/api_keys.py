"""API keys, stored by the hash of their secret."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import ApiKeyRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.access import Role
from app.domain.api_keys import ApiKey


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
        row = await self.session.scalar(
            select(ApiKeyRow).where(ApiKeyRow.secret_hash == secret_hash)
        )
        return _to_key(row) if row is not None else None

    async def get(self, key_id: str) -> ApiKey | None:
        row = await self.session.get(ApiKeyRow, key_id)
        return _to_key(row) if row is not None else None

    async def page(self, account_id: str | None, cursor: str | None, limit: int) -> Page[ApiKey]:
        """Keys of one account, or the platform's keys when `account_id` is None."""
        stmt = select(ApiKeyRow).where(
            ApiKeyRow.account_id == account_id if account_id else ApiKeyRow.account_id.is_(None)
        )
        stmt = newest_first(stmt, ApiKeyRow.created_at, ApiKeyRow.id, cursor, limit)
        keys = [_to_key(row) for row in await self.session.scalars(stmt)]
        return cut_page(keys, limit, lambda k: (k.created_at, k.id))

    async def revoke(self, key_id: str, at: datetime) -> None:
        await self.session.execute(
            update(ApiKeyRow)
            .where(ApiKeyRow.id == key_id, ApiKeyRow.revoked_at.is_(None))
            .values(revoked_at=at)
        )


def _to_key(row: ApiKeyRow) -> ApiKey:
    return ApiKey(
        id=row.id,
        account_id=row.account_id,
        name=row.name,
        role=Role(row.role),
        email=row.email,
        hint=row.hint,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )
