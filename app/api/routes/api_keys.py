"""API keys: platform keys and account keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from app.api.deps import (
    AccountId,
    ClockDep,
    CursorQuery,
    KeyCacheDep,
    LimitQuery,
    PrincipalDep,
    UowDep,
    account_router,
    allow,
)
from app.api.idempotency import withhold_from_replay
from app.api.problems import problems
from app.api.schemas.api_keys import AccountKeyCreate, ApiKeyCreated, ApiKeyOut, PlatformKeyCreate
from app.api.schemas.common import NO_NUL, Page
from app.domain.access import KEY_MINTERS, PLATFORM_ADMIN_ONLY, Role
from app.services import api_keys

router = APIRouter(prefix="/v1", tags=["api keys"])
account = account_router("api keys")

REPLAYED_WITHOUT_SECRET = (
    "`key` is the secret, shown in this answer only: it is stored hashed, never in clear. "
    "A replay of this answer (`Idempotency-Key`) answers the same key with `key: null`."
)

KeyId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`key_...`")]


@router.post(
    "/api-keys",
    status_code=201,
    summary="Mint a platform key (platform admin or sales rep)",
    description=REPLAYED_WITHOUT_SECRET,
    dependencies=[allow(PLATFORM_ADMIN_ONLY, "mint platform keys")],
    operation_id="createPlatformKey",
    responses=problems(401, 403, 413, 422),
)
async def create_platform_key(
    body: PlatformKeyCreate,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
    request: Request,
) -> ApiKeyCreated:
    withhold_from_replay(request, "key")
    key, secret = await api_keys.mint_platform_key(
        uow, principal, body.name, Role(body.role), body.email, clock
    )
    return ApiKeyCreated(**ApiKeyOut.of(key).model_dump(), key=secret)


@router.get(
    "/api-keys",
    summary="List platform keys",
    dependencies=[allow(PLATFORM_ADMIN_ONLY, "list platform keys")],
    operation_id="listPlatformKeys",
    responses=problems(401, 403, 422),
)
async def list_platform_keys(
    uow: UowDep, principal: PrincipalDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[ApiKeyOut]:
    page = await api_keys.list_keys(uow, principal, None, cursor, limit)
    return Page.of(page, ApiKeyOut.of)


@router.delete(
    "/api-keys/{key_id}",
    status_code=204,
    summary="Revoke a platform key",
    dependencies=[allow(PLATFORM_ADMIN_ONLY, "revoke platform keys")],
    operation_id="revokePlatformKey",
    responses=problems(401, 403, 404, 422),
)
async def revoke_platform_key(
    key_id: KeyId, uow: UowDep, principal: PrincipalDep, clock: ClockDep, keys: KeyCacheDep
) -> Response:
    await api_keys.revoke_key(uow, principal, None, key_id, clock, keys)
    return Response(status_code=204)


@account.post(
    "/api-keys",
    status_code=201,
    summary="Mint an account key (owner keys only by a platform admin)",
    description=REPLAYED_WITHOUT_SECRET,
    dependencies=[allow(KEY_MINTERS, "mint account keys")],
    operation_id="createAccountKey",
    responses=problems(401, 403, 404, 413, 422),
)
async def create_account_key(
    account_id: AccountId,
    body: AccountKeyCreate,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
    request: Request,
) -> ApiKeyCreated:
    withhold_from_replay(request, "key")
    key, secret = await api_keys.mint_account_key(
        uow, principal, account_id, body.name, Role(body.role), clock
    )
    return ApiKeyCreated(**ApiKeyOut.of(key).model_dump(), key=secret)


@account.get(
    "/api-keys",
    summary="List an account's keys",
    operation_id="listAccountKeys",
    responses=problems(401, 403, 404, 422),
)
async def list_account_keys(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[ApiKeyOut]:
    page = await api_keys.list_keys(uow, principal, account_id, cursor, limit)
    return Page.of(page, ApiKeyOut.of)


@account.delete(
    "/api-keys/{key_id}",
    status_code=204,
    summary="Revoke an account key",
    dependencies=[allow(KEY_MINTERS, "revoke account keys")],
    operation_id="revokeAccountKey",
    responses=problems(401, 403, 404, 422),
)
async def revoke_account_key(
    account_id: AccountId,
    key_id: KeyId,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
    keys: KeyCacheDep,
) -> Response:
    await api_keys.revoke_key(uow, principal, account_id, key_id, clock, keys)
    return Response(status_code=204)
