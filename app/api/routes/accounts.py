"""Accounts: opened and edited by platform admins, read by whoever sees them."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.api.conditional import ETAG_HEADER, answer_etag, versioned
from app.api.deps import (
    AccountId,
    CatalogDep,
    ClockDep,
    CursorQuery,
    KeyCacheDep,
    LimitQuery,
    PrincipalDep,
    UowDep,
    account_router,
    allow,
)
from app.api.problems import problems
from app.api.schemas.accounts import AccountCreate, AccountOut, AccountPatch, OwnerHandOver
from app.api.schemas.common import Page
from app.domain.access import (
    ACCOUNT_EDITORS,
    OWNER_HANDERS,
    PLATFORM_ADMIN_ONLY,
    PLATFORM_READERS,
)
from app.services import accounts

router = APIRouter(prefix="/v1/accounts", tags=["accounts"])
account = account_router("accounts")


@router.post(
    "",
    status_code=201,
    summary="Open an account with its owner and subscription",
    dependencies=[allow(PLATFORM_ADMIN_ONLY, "open accounts")],
    description="An add-on needs its base product with at least as many seats "
    "(422 `addon_exceeds_base`). Answers the account's first version as ETag.",
    operation_id="createAccount",
    responses={201: {"headers": ETAG_HEADER}, **problems(401, 403, 413, 422)},
)
async def create_account(
    body: AccountCreate,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
    response: Response,
) -> AccountOut:
    account = await accounts.create_account(uow, principal, body.to_spec(), catalog, clock)
    answer_etag(response, account.version)
    return AccountOut.of(account)


@router.get(
    "",
    summary="List accounts (platform admins: all; sales reps: theirs)",
    dependencies=[allow(PLATFORM_READERS, "list accounts")],
    operation_id="listAccounts",
    responses=problems(401, 403, 422),
)
async def list_accounts(
    uow: UowDep, principal: PrincipalDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[AccountOut]:
    page = await accounts.list_accounts(uow, principal, cursor, limit)
    return Page.of(page, AccountOut.of)


@account.get(
    "",
    summary="Read an account",
    operation_id="getAccount",
    responses=versioned(problems(401, 404, 422)),
)
async def get_account(
    account_id: AccountId, uow: UowDep, principal: PrincipalDep, response: Response
) -> AccountOut:
    account = await accounts.get_account(uow, principal, account_id)
    answer_etag(response, account.version)
    return AccountOut.of(account)


@account.patch(
    "",
    summary="Change an account's settings: purchase, status, light agent limit, reclaim policy",
    description="Purchase settings, `status` and `light_agent_limit`: platform admin. "
    "`status` is the billing system's: `past_due`, `suspended` and `cancelled` "
    "refuse seat changes as the status table says (409 `account_past_due`, "
    "`account_suspended`, `account_cancelled`). A status change records "
    "`account.status_changed` and notifies the owner; setting the status it already has "
    "changes nothing. `light_agent_limit` below the light agents the account has: 409 "
    "`light_agent_limit_reached`. `reclaim_after` (an ISO 8601 duration of weeks, days and "
    "hours, or null): owner or platform admin; a bad duration is 422 `invalid_duration` and "
    "changes nothing.",
    dependencies=[allow(ACCOUNT_EDITORS, "edit accounts")],
    operation_id="updateAccount",
    responses=problems(401, 403, 404, 409, 413, 422, limits=True),
)
async def update_account(
    account_id: AccountId, body: AccountPatch, uow: UowDep, principal: PrincipalDep, clock: ClockDep
) -> AccountOut:
    updated = await accounts.update_account(uow, principal, account_id, body.to_changes(), clock)
    return AccountOut.of(updated)


@account.delete(
    "",
    summary="Close an account: it becomes cancelled, and nothing is deleted",
    description="Sets `status` to `cancelled` (an `account.status_changed` event and the "
    "owner's notice): the account, its seats, agents and history stay readable, and every "
    "seat change is refused with 409 `account_cancelled`. Closing a closed account answers "
    "the same and records nothing. A PATCH of `status` reinstates it.",
    dependencies=[allow(PLATFORM_ADMIN_ONLY, "close accounts")],
    operation_id="closeAccount",
    responses=problems(401, 403, 404, 422),
)
async def close_account(
    account_id: AccountId, uow: UowDep, principal: PrincipalDep, clock: ClockDep
) -> AccountOut:
    closed = await accounts.close_account(uow, principal, account_id, clock)
    return AccountOut.of(closed)


@account.post(
    "/owner",
    summary="Hand the account to another agent as its owner",
    description="The new owner must be an agent of the account holding a seat of every "
    "subscribed product (422 `owner_needs_every_product`, naming the `missing` ones); an "
    "unknown user is 404. The old owner stays an agent with their seats. The account's "
    "owner keys (the old owner's) are revoked at once, in every process: a platform admin "
    "mints the new owner's key. Records `account.owner_changed` (and `api_key.revoked` per "
    "key). Handing it to its owner changes nothing. Allowed in every status: no seat moves.",
    dependencies=[allow(OWNER_HANDERS, "hand the account to another owner")],
    operation_id="handOverAccount",
    responses=problems(401, 403, 404, 413, 422),
)
async def hand_over_account(
    account_id: AccountId,
    body: OwnerHandOver,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
    cache: KeyCacheDep,
) -> AccountOut:
    account = await accounts.hand_over_account(
        uow, principal, account_id, body.user_id, clock, cache
    )
    return AccountOut.of(account)
