"""The audit trail of an account."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.api.deps import AccountId, CursorQuery, LimitQuery, PrincipalDep, UowDep, account_router
from app.api.problems import problems
from app.api.schemas.common import NO_NUL, Page
from app.api.schemas.events import EventOut
from app.services.events import list_events

router = account_router("events")


@router.get(
    "/events",
    summary="Every change to the account, newest first",
    operation_id="listEvents",
    responses=problems(401, 404, 422),
)
async def read_events(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    type: Annotated[
        str | None, Query(max_length=64, pattern=NO_NUL, examples=["agent.added"])
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[EventOut]:
    page = await list_events(uow, principal, account_id, type, cursor, limit)
    return Page.of(page, EventOut.of)
