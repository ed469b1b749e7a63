"""Opaque ids with a type prefix (acct_, key_, evt_, ...)."""

from __future__ import annotations

import secrets


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(10)}"
