"""The tenant wall: every account-scoped use case passes through here first."""

from __future__ import annotations

from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal, Role, can_see
from app.domain.accounts import Account
from app.domain.errors import NotFound


def _not_found(account_id: str) -> NotFound:
    # The same answer for "does not exist" and "not yours", so ids do not leak.
    return NotFound(f"No account {account_id!r}.")


async def check_visible(uow: UnitOfWork, principal: Principal, account_id: str) -> None:
    """Raise NotFound unless the caller may see the account."""
    if principal.role in (Role.OWNER, Role.ADMIN, Role.VIEWER):
        if principal.account_id != account_id:
            raise _not_found(account_id)
        return
    exists, rep_email = await uow.accounts.sales_rep_email(account_id)
    if not exists or not can_see(principal, account_id, rep_email):
        raise _not_found(account_id)


async def ensure_visible(uow: UnitOfWork, principal: Principal, account_id: str) -> None:
    if principal.account_id is not None:
        await check_visible(uow, principal, account_id)  # decided without the database
        return
    async with uow.read_only() as reading:
        await check_visible(reading, principal, account_id)


async def load_visible(
    uow: UnitOfWork, principal: Principal, account_id: str, *, lock: bool = False
) -> Account:
    if principal.account_id is not None and principal.account_id != account_id:
        raise _not_found(account_id)
    account = await uow.accounts.get(account_id, lock=lock)
    rep_email = account.sales_rep.email if account and account.sales_rep else None
    if account is None or not can_see(principal, account_id, rep_email):
        raise _not_found(account_id)
    return account
