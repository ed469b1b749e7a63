"""Use cases: open, read, list and edit accounts; set their status, close
them, and hand them to another owner."""

from __future__ import annotations

from datetime import datetime

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import (
    OWNER_HANDERS,
    PLATFORM_ADMIN_ONLY,
    PLATFORM_READERS,
    RECLAIM_POLICY_SETTERS,
    Principal,
    Role,
    require_role,
)
from app.domain.account_status import AccountStatus
from app.domain.accounts import Account, AccountChanges, AccountSpec, change_settings, open_account
from app.domain.agents import hand_over
from app.domain.catalog import Catalog
from app.domain.errors import NotFound, Unauthenticated
from app.services.access import load_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.ids import new_id
from app.services.key_cache import KeyCache
from app.services.notices import status_notice


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
        if changes.platform_settings or not changes.set_reclaim_after:
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
        moved = changes.status is not None and await _set_status(
            uow, account, changes.status, principal.actor, now
        )
        if changed or moved:
            await uow.commit()
        return account


async def close_account(
    uow: UnitOfWork, principal: Principal, account_id: str, clock: Clock
) -> Account:
    """Cancel the account: nothing is deleted, its rows stay readable, and the
    status refuses every seat change from now on. Closing a closed account
    changes nothing and records nothing."""
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        require_role(principal, PLATFORM_ADMIN_ONLY, "close accounts")
        if await _set_status(uow, account, AccountStatus.CANCELLED, principal.actor, clock.now()):
            await uow.commit()
        return account


async def _set_status(
    uow: UnitOfWork, account: Account, status: AccountStatus, actor: str, now: datetime
) -> bool:
    """Move the account (locked by the caller, so a seat change in flight
    finishes first or sees the new status) to `status`, with its event and
    the owner's notice; answers whether it moved."""
    before = account.change_status(status, now)
    if before is None:
        return False
    await record(
        uow,
        event(
            account.id,
            "account.status_changed",
            actor,
            now,
            status=status,
            previous_status=before,
        ),
    )
    await uow.notifications.add(status_notice(account, before, now))
    return True


async def hand_over_account(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    user_id: str,
    clock: Clock,
    cache: KeyCache,
) -> Account:
    """Make another agent of the account its owner. The old owner stays an
    agent; the account's owner keys, which were theirs, are revoked in the
    same transaction and forgotten by every key cache at once (this process
    here, the others through the revocation's NOTIFY)."""
    async with uow:
        account = await load_visible(uow, principal, account_id, lock=True)
        require_role(principal, OWNER_HANDERS, "hand the account to another owner")
        if principal.role is Role.OWNER:
            # Two hand-overs at once by the same owner key: the second waited
            # for the account's lock while the first revoked that key.
            await _require_live_key(uow, principal)
        agent = await uow.agents.get(account_id, user_id)
        if agent is None:
            raise NotFound(f"No agent {user_id!r} on this account.")
        now = clock.now()
        before = hand_over(account, agent, now)
        if before is None:
            return account  # already the owner: nothing to do, nothing revoked
        await uow.agents.set_owner(account_id, user_id, now)
        revoked = await uow.api_keys.revoke_owner_keys(account_id, now)
        await record(
            uow,
            event(
                account.id,
                "account.owner_changed",
                principal.actor,
                now,
                user_id=user_id,
                previous_owner=before.user_id,
                revoked_keys=revoked,
            ),
            *(
                event(account.id, "api_key.revoked", principal.actor, now, key_id=k)
                for k in revoked
            ),
        )
        await uow.commit()
    for key_id in revoked:
        cache.forget(key_id)
    return account


async def _require_live_key(uow: UnitOfWork, principal: Principal) -> None:
    key = await uow.api_keys.get(principal.key_id)
    if key is None or key.revoked_at is not None:
        raise Unauthenticated("The API key is unknown or revoked.")
