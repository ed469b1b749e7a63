"""Dependencies that keep route signatures short."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator

from app.api.conditional import precondition_of
from app.api.idempotency import request_transaction
from app.db.unit_of_work import UnitOfWork
from app.domain.access import Principal, Role, require_role
from app.domain.catalog import Catalog
from app.runtime import Runtime
from app.services.access import ensure_visible
from app.services.api_keys import authenticate
from app.services.clock import Clock
from app.services.key_cache import KeyCache

_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer sk_...`.")


# Every dependency is `async def`: FastAPI runs a plain `def` dependency in a
# worker thread, a thread hop per dependency per request. They take the
# runtime from the request rather than depending on get_runtime: each
# sub-dependency costs FastAPI another solve on every request.
async def get_runtime(request: Request) -> Runtime:
    return _runtime(request)


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_uow(request: Request) -> UnitOfWork:
    # Inside the request's own transaction when it came with an Idempotency-Key,
    # holding the request's If-Match (app/api/conditional.py) for each unit of work.
    return _runtime(request).unit_of_work(request_transaction(request), precondition_of(request))


async def get_catalog(request: Request) -> Catalog:
    return _runtime(request).catalog


async def get_clock(request: Request) -> Clock:
    return _runtime(request).clock


async def get_key_cache(request: Request) -> KeyCache:
    return _runtime(request).keys


async def get_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    runtime = _runtime(request)
    secret = credentials.credentials if credentials else None
    return await authenticate(runtime.views, secret, runtime.keys)


UowDep = Annotated[UnitOfWork, Depends(get_uow)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
ClockDep = Annotated[Clock, Depends(get_clock)]
KeyCacheDep = Annotated[KeyCache, Depends(get_key_cache)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]

LimitQuery = Annotated[int, Query(ge=1, le=200, description="Page size, 1-200.")]


def _no_empty_cursor(cursor: str | None) -> str | None:
    # `?cursor=` is how a client templating the URL asks for the first page.
    return cursor or None


CursorQuery = Annotated[
    str | None,
    Query(max_length=512, description="`next_cursor` of the previous page; empty is none."),
    AfterValidator(_no_empty_cursor),
]

AccountId = Annotated[str, Path(max_length=64, pattern=r"^[^\x00]*$", description="`acct_...`")]


async def require_visible_account(
    account_id: AccountId, principal: PrincipalDep, request: Request
) -> None:
    """The tenant wall at the door: runs before the body is read, so a key that
    may not see the account learns nothing, not even whether its body was valid."""
    await ensure_visible(_runtime(request).views, principal, account_id)


def account_router(tag: str) -> APIRouter:
    """A router for routes under /v1/accounts/{account_id}: all pass the tenant wall."""
    return APIRouter(
        prefix="/v1/accounts/{account_id}",
        tags=[tag],
        dependencies=[Depends(require_visible_account)],
    )


def allow(roles: frozenset[Role], action: str) -> Any:
    """A route dependency that refuses other roles with 403 before the body is
    read, so a caller without the role learns nothing from validation errors.
    The service checks again: this is the door, not the rule."""

    async def gate(principal: PrincipalDep) -> None:
        require_role(principal, roles, action)

    return Depends(gate)
