"""Use cases: open, read, list and edit accounts."""

from __future__ import annotations

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import (
    PLATFORM_ADMIN_ONLY,
    PLATFORM_READERS,
    RECLAIM_POLICY_SETTERS,
    Principal,
    Role,
    require_role,
)
from app.domain.accounts import Account, AccountChanges, AccountSpec, change_settings, open_account
from app.domain.catalog import Catalog
from app.services.access import load_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.ids import new_id


async def create_account(
    uow: UnitOfWork, principal: Principal, spec: AccountSpec, catalog: Catalog, clock: Clock
) -> Account:
    require_role(principal, PLATFORM_ADMIN_ONLY, "open accounts")
    now = clock.now()
    account = open_account(spec, new_id("acct"), catalog, now)
    async with uow:
        await uow.accounts.add(account)
        await record(
            uow,
            event(
                account.id,
                "account.created",
                principal.actor,
                now,
                name=account.name,
                billing_mode=account.billing_mode,
                owner=account.owner.user_id,
                lines=[
                    {"product": ln.product, "suite": ln.suite, "seats": ln.seats}
                    for ln in account.lines
                ],
            ),
        )
        await uow.commit()
    return account


async def get_account(uow: UnitOfWork, principal: Principal, account_id: str) -> Account:
    async with uow:
        return await load_visible(uow, principal, account_id)


async def list_accounts(
    uow: UnitOfWork, principal: Principal, cursor: str | None, limit: int
) -> Page[Account]:
    require_role(principal, PLATFORM_READERS, "list accounts")
    rep_email = principal.email if principal.role is Role.SALES_REP else None
    if principal.role is Role.SALES_REP and rep_email is None:
        return Page([], None)
    async with uow:
        return await uow.accounts.page(sales_rep_email=rep_email, cursor=cursor, limit=limit)


async def update_account(
    uow: UnitOfWork, principal: Principal, account_id: str, changes: AccountChanges, clock: Clock
) -> Account:
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        if changes.purchase_settings or not changes.set_reclaim_after:
            require_role(principal, PLATFORM_ADMIN_ONLY, "edit account settings")
        if changes.set_reclaim_after:
            require_role(principal, RECLAIM_POLICY_SETTERS, "set reclaim_after")
        now = clock.now()
        changed = change_settings(account, changes, now)
        if changed:
            await record(
                uow,
                event(
                    account.id,
                    "account.updated",
                    principal.actor,
                    now,
                    changes=changed,
                ),
            )
            await uow.commit()
        return account
