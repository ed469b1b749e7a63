"""The tenant wall: every account-scoped use case passes through here first."""

from __future__ import annotations

from typing import Protocol

from app.db.unit_of_work import UnitOfWork
from app.db.views import Views
from app.domain.access import Principal, Role, can_see
from app.domain.accounts import Account
from app.domain.errors import NotFound


class SalesReps(Protocol):
    """Where an account's rep is looked up: a repository in a unit of work, or the views."""

    async def sales_rep_email(self, account_id: str) -> tuple[bool, str | None]: ...


def _not_found(account_id: str) -> NotFound:
    # The same answer for "does not exist" and "not yours", so ids do not leak.
    return NotFound(f"No account {account_id!r}.")


async def _check(reps: SalesReps, principal: Principal, account_id: str) -> None:
    if principal.role in (Role.OWNER, Role.ADMIN, Role.VIEWER):
        if principal.account_id != account_id:
            raise _not_found(account_id)
        return  # decided without the database
    exists, rep_email = await reps.sales_rep_email(account_id)
    if not exists or not can_see(principal, account_id, rep_email):
        raise _not_found(account_id)


async def check_visible(uow: UnitOfWork, principal: Principal, account_id: str) -> None:
    """Raise NotFound unless the caller may see the account (inside a use case)."""
    await _check(uow.accounts, principal, account_id)


async def ensure_visible(views: Views, principal: Principal, account_id: str) -> None:
    """The same check at the door, before any use case runs."""
    await _check(views, principal, account_id)


def visible(principal: Principal, account_id: str, account: Account | None) -> Account:
    """`account` if the caller may see it, else NotFound."""
    rep_email = account.sales_rep.email if account and account.sales_rep else None
    if account is None or not can_see(principal, account_id, rep_email):
        raise _not_found(account_id)
    return account


async def load_visible(
    uow: UnitOfWork, principal: Principal, account_id: str, *, lock: bool = False
) -> Account:
    if principal.account_id is not None and principal.account_id != account_id:
        raise _not_found(account_id)
    return visible(principal, account_id, await uow.accounts.get(account_id, lock=lock))
