"""Who may see an account and who may act on it (the Roles table of docs/api.md)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import Forbidden


class Role(StrEnum):
    PLATFORM_ADMIN = "platform_admin"
    SALES_REP = "sales_rep"
    OWNER = "owner"
    ADMIN = "admin"
    VIEWER = "viewer"


PLATFORM_ROLES = frozenset({Role.PLATFORM_ADMIN, Role.SALES_REP})
ACCOUNT_ROLES = frozenset({Role.OWNER, Role.ADMIN, Role.VIEWER})


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller, as its API key describes it."""

    key_id: str
    role: Role
    account_id: str | None = None  # set for account keys only
    email: str | None = None  # set for sales reps: binds them to their accounts

    @property
    def actor(self) -> str:
        return self.key_id


def can_see(principal: Principal, account_id: str, sales_rep_email: str | None) -> bool:
    """An account is visible to the platform admin, its own keys, and its rep."""
    if principal.role is Role.PLATFORM_ADMIN:
        return True
    if principal.role is Role.SALES_REP:
        # Both sides were normalised when written (normalise_email), so plain
        # equality here is the same comparison SQL makes in the reps' lists.
        return (
            principal.email is not None
            and sales_rep_email is not None
            and principal.email == sales_rep_email
        )
    return principal.account_id == account_id


def normalise_email(email: str) -> str:
    """The one form in which emails are stored and compared, in Python and SQL.

    NFC then lower(): letters differing only in case or in Unicode composition
    are one address. Never casefold(): it folds "straße" into "strasse", two
    different mailboxes, and SQL could not repeat it anyway."""
    return unicodedata.normalize("NFC", email.strip()).lower()


def require_role(principal: Principal, allowed: frozenset[Role], action: str) -> None:
    if principal.role not in allowed:
        readable = ", ".join(sorted(allowed))
        raise Forbidden(f"Only {readable} may {action}; this key is {principal.role}.")


# Role sets used by the use cases, named for what they allow.
PLATFORM_ADMIN_ONLY = frozenset({Role.PLATFORM_ADMIN})
PLATFORM_READERS = PLATFORM_ROLES
KEY_MINTERS = frozenset({Role.PLATFORM_ADMIN, Role.OWNER})
AGENT_MANAGERS = frozenset({Role.PLATFORM_ADMIN, Role.OWNER, Role.ADMIN})
# Who may hand an account to another owner: its owner, or a platform admin.
OWNER_HANDERS = frozenset({Role.PLATFORM_ADMIN, Role.OWNER})
# Who may edit an account: the platform admin its purchase settings, the owner
# (or the platform admin) its reclaim policy.
ACCOUNT_EDITORS = frozenset({Role.PLATFORM_ADMIN, Role.OWNER})
RECLAIM_POLICY_SETTERS = ACCOUNT_EDITORS
# A viewer is read-only; the others learn from the channel whether they may file.
SALES_REQUEST_FILERS = frozenset(Role) - {Role.VIEWER}


def mintable_roles(minter: Role) -> frozenset[Role]:
    """Account key roles a caller may mint: an owner key only by a platform admin."""
    if minter is Role.PLATFORM_ADMIN:
        return ACCOUNT_ROLES
    if minter is Role.OWNER:
        return frozenset({Role.ADMIN, Role.VIEWER})
    return frozenset()
