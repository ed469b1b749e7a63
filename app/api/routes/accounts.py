"""Accounts: opened and edited by platform admins, read by whoever sees them."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.api.conditional import ETAG_HEADER, answer_etag, versioned
from app.api.deps import (
    AccountId,
    CatalogDep,
    ClockDep,
    CursorQuery,
    LimitQuery,
    PrincipalDep,
    UowDep,
    account_router,
    allow,
)
from app.api.problems import problems
from app.api.schemas.accounts import AccountCreate, AccountOut, AccountPatch
from app.api.schemas.common import Page
from app.domain.access import ACCOUNT_EDITORS, PLATFORM_ADMIN_ONLY, PLATFORM_READERS
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
    summary="Change an account's purchase settings or its reclaim policy",
    description="Purchase settings: platform admin. `reclaim_after` (an ISO 8601 duration of "
    "weeks, days and hours, or null): owner or platform admin; a bad duration is 422 "
    "`invalid_duration` and changes nothing.",
    dependencies=[allow(ACCOUNT_EDITORS, "edit accounts")],
    operation_id="updateAccount",
    responses=problems(401, 403, 404, 413, 422),
)
async def update_account(
    account_id: AccountId, body: AccountPatch, uow: UowDep, principal: PrincipalDep, clock: ClockDep
) -> AccountOut:
    updated = await accounts.update_account(uow, principal, account_id, body.to_changes(), clock)
    return AccountOut.of(updated)
