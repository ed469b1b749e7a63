"""Notifications for the owner (webhooks for other services: webhooks.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from app.api.deps import (
    AccountId,
    ClockDep,
    CursorQuery,
    LimitQuery,
    PrincipalDep,
    UowDep,
    account_router,
)
from app.api.problems import problems
from app.api.schemas.common import NO_NUL, Page
from app.api.schemas.notifications import NotificationOut
from app.services import notifications

router = account_router("notifications")

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
