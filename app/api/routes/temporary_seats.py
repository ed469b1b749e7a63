"""Temporary seats (R12)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Response

from app.api.deps import (
    AccountId,
    CatalogDep,
    ClockDep,
    CursorQuery,
    LimitQuery,
    PrincipalDep,
    UowDep,
    account_router,
)
from app.api.problems import problems
from app.api.schemas.common import NO_NUL, Page
from app.api.schemas.temporary_seats import TemporarySeatsIn, TemporarySeatsOut
from app.services import temporary_seats

router = account_router("temporary seats")

GrantId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`tmp_...`")]


@router.post(
    "/temporary-seats",
    status_code=201,
    summary="Add extra capacity for a product or suite between two dates",
    description="The owner, where the subscription page is open. When they end, the newest "
    "agents above the capacity left are downgraded, after a `temporary_seats_ending` warning. "
    "Temporary seats are bought: 409 `account_past_due`, `account_suspended` or "
    "`account_cancelled` when the account's status refuses buying.",
    operation_id="addTemporarySeats",
    responses=problems(401, 403, 404, 409, 413, 422, limits=True),
)
async def add_temporary_seats(
    account_id: AccountId,
    body: TemporarySeatsIn,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> TemporarySeatsOut:
    grant = await temporary_seats.add(uow, principal, account_id, body.to_new(), catalog, clock)
    return TemporarySeatsOut.of(grant)


@router.get(
    "/temporary-seats",
    summary="List temporary seats, newest first",
    operation_id="listTemporarySeats",
    responses=problems(401, 404, 422),
)
async def list_temporary_seats(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[TemporarySeatsOut]:
    page = await temporary_seats.list_grants(uow, principal, account_id, cursor, limit)
    return Page.of(page, TemporarySeatsOut.of)


@router.delete(
    "/temporary-seats/{grant_id}",
    status_code=204,
    summary="Delete temporary seats that have not started",
    operation_id="deleteTemporarySeats",
    responses=problems(401, 403, 404, 409, 422),
)
async def delete_temporary_seats(
    account_id: AccountId, grant_id: GrantId, uow: UowDep, principal: PrincipalDep, clock: ClockDep
) -> Response:
    await temporary_seats.remove(uow, principal, account_id, grant_id, clock)
    return Response(status_code=204)
