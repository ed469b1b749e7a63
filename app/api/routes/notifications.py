"""Notifications for the account and for its sales rep (webhooks: webhooks.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import (
    AccountId,
    ClockDep,
    CursorQuery,
    LimitQuery,
    PrincipalDep,
    UowDep,
    account_router,
    allow,
)
from app.api.problems import problems
from app.api.schemas.common import NO_NUL, Page
from app.api.schemas.notifications import NotificationOut
from app.services import notifications
from app.services.notifications import REP_ONLY

router = account_router("notifications")
reps = APIRouter(prefix="/v1/notifications", tags=["notifications"])

NotificationId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`ntf_...`")]


@router.get(
    "/notifications",
    summary="Notifications, newest first (seats near limit or full, downgrades, ...)",
    operation_id="listNotifications",
    responses=problems(401, 404, 422),
)
async def list_notifications(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    unread: bool | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[NotificationOut]:
    page = await notifications.list_notifications(uow, principal, account_id, unread, cursor, limit)
    return Page.of(page, NotificationOut.of)


@router.post(
    "/notifications/{notification_id}/read",
    summary="Mark a notification read",
    operation_id="markNotificationRead",
    responses=problems(401, 404, 422),
)
async def mark_read(
    account_id: AccountId,
    notification_id: NotificationId,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
) -> NotificationOut:
    return NotificationOut.of(
        await notifications.mark_read(uow, principal, account_id, notification_id, clock)
    )


@reps.get(
    "",
    summary="A sales rep's notifications, newest first (new sales requests on their accounts)",
    description="For a `sales_rep` key: the notifications addressed to its email, across the "
    "accounts it represents (`sales_request_submitted`); never an account's own. Other keys "
    "are 403 `insufficient_role`.",
    # The use case checks the role, after the query is read: a page size out of
    # range answers 422 to any key, as the other lists do for the platform admin.
    operation_id="listRepNotifications",
    responses=problems(401, 403, 422),
)
async def list_rep_notifications(
    uow: UowDep,
    principal: PrincipalDep,
    unread: bool | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[NotificationOut]:
    page = await notifications.list_for_rep(uow, principal, unread, cursor, limit)
    return Page.of(page, NotificationOut.of)


@reps.post(
    "/{notification_id}/read",
    summary="Mark one of the rep's notifications read",
    dependencies=[allow(REP_ONLY, "mark a sales rep's notifications read")],
    operation_id="markRepNotificationRead",
    responses=problems(401, 403, 404, 422),
)
async def mark_rep_notification_read(
    notification_id: NotificationId, uow: UowDep, principal: PrincipalDep, clock: ClockDep
) -> NotificationOut:
    return NotificationOut.of(
        await notifications.mark_read_for_rep(uow, principal, notification_id, clock)
    )
