"""Use cases: mint, authenticate, list and revoke API keys.

Secrets are random, shown once, and stored only as a SHA-256 hash: they carry
256 bits of entropy, so a slow password hash would add cost and no safety.
"""

from __future__ import annotations

import hashlib
import secrets

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.db.views import Views
from app.domain.access import (
    KEY_MINTERS,
    PLATFORM_ADMIN_ONLY,
    Principal,
    Role,
    mintable_roles,
    normalise_email,
    require_role,
)
from app.domain.api_keys import ApiKey
from app.domain.errors import Forbidden, InvalidRequest, NotFound, Unauthenticated
from app.services.access import check_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.ids import new_id
from app.services.key_cache import KeyCache

SECRET_PREFIX = "sk_"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


async def authenticate(views: Views, secret: str | None, cache: KeyCache) -> Principal:
    if not secret:
        raise Unauthenticated("Send an API key as 'Authorization: Bearer <key>'.")
    cached = cache.get(secret)
    if cached is not None:
        return cached
    key = await views.api_key(hash_secret(secret))
    if key is None or key.revoked_at is not None:
        raise Unauthenticated("The API key is unknown or revoked.")
    principal = key.principal()
    cache.put(secret, principal)
    return principal


async def ensure_bootstrap_admin(uow: UnitOfWork, secret: str, clock: Clock) -> bool:
    """Make `secret` a platform-admin key; answers False when it already was one."""
    digest = hash_secret(secret)
    async with uow:
        if await uow.api_keys.by_hash(digest) is not None:
            return False
        key = ApiKey(
            id=new_id("key"),
            account_id=None,
            name="bootstrap",
            role=Role.PLATFORM_ADMIN,
            email=None,
            hint=secret[-4:],
            created_at=clock.now(),
        )
        await uow.api_keys.add(key, digest)
        await uow.commit()
    return True


async def mint_platform_key(
    uow: UnitOfWork, principal: Principal, name: str, role: Role, email: str | None, clock: Clock
) -> tuple[ApiKey, str]:
    require_role(principal, PLATFORM_ADMIN_ONLY, "mint platform keys")
    if role not in (Role.PLATFORM_ADMIN, Role.SALES_REP):
        raise InvalidRequest("Platform keys are platform_admin or sales_rep.", code="invalid_role")
    if role is Role.SALES_REP and not email:
        raise InvalidRequest("A sales_rep key needs the rep's email.", code="email_required")
    return await _mint(uow, None, name, role, normalise_email(email) if email else None, clock)


async def mint_account_key(
    uow: UnitOfWork, principal: Principal, account_id: str, name: str, role: Role, clock: Clock
) -> tuple[ApiKey, str]:
    async with uow:
        await check_visible(uow, principal, account_id)
    require_role(principal, KEY_MINTERS, "mint account keys")
    if role not in (Role.OWNER, Role.ADMIN, Role.VIEWER):
        raise InvalidRequest("Account keys are owner, admin or viewer.", code="invalid_role")
    if role not in mintable_roles(principal.role):
        raise Forbidden(f"A key with role {principal.role} may not mint {role} keys.")
    return await _mint(uow, account_id, name, role, None, clock, actor=principal.actor)


async def _mint(
    uow: UnitOfWork,
    account_id: str | None,
    name: str,
    role: Role,
    email: str | None,
    clock: Clock,
    actor: str | None = None,
) -> tuple[ApiKey, str]:
    secret = _new_secret()
    now = clock.now()
    key = ApiKey(
        id=new_id("key"),
        account_id=account_id,
        name=name,
        role=role,
        email=email,
        hint=secret[-4:],
        created_at=now,
    )
    async with uow:
        await uow.api_keys.add(key, hash_secret(secret))
        if account_id is not None and actor is not None:
            await record(
                uow,
                event(
                    account_id, "api_key.created", actor, now, key_id=key.id, role=role, name=name
                ),
            )
        await uow.commit()
    return key, secret


async def list_keys(
    uow: UnitOfWork, principal: Principal, account_id: str | None, cursor: str | None, limit: int
) -> Page[ApiKey]:
    """An account's keys, or (account_id None) the platform's keys."""
    async with uow:
        if account_id is None:
            require_role(principal, PLATFORM_ADMIN_ONLY, "list platform keys")
        else:
            await check_visible(uow, principal, account_id)
            require_role(principal, KEY_MINTERS | {Role.ADMIN}, "list account keys")
        return await uow.api_keys.page(account_id, cursor, limit)


async def revoke_key(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str | None,
    key_id: str,
    clock: Clock,
    cache: KeyCache,
) -> None:
    now = clock.now()
    async with uow:
        if account_id is None:
            require_role(principal, PLATFORM_ADMIN_ONLY, "revoke platform keys")
        else:
            await check_visible(uow, principal, account_id)
            require_role(principal, KEY_MINTERS, "revoke account keys")
        key = await uow.api_keys.get(key_id)
        if key is None or key.account_id != account_id:
            raise NotFound(f"No key {key_id!r}.")
        if key.role is Role.OWNER and principal.role is not Role.PLATFORM_ADMIN:
            raise Forbidden("Only a platform admin revokes owner keys.")
        if key.revoked_at is None:
            await uow.api_keys.revoke(key_id, now)
            if account_id is not None:
                await record(
                    uow, event(account_id, "api_key.revoked", principal.actor, now, key_id=key_id)
                )
            await uow.commit()
    cache.forget(key_id)
