"""Seat changes: the subscription page (R2, R7-R11)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

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
from app.api.schemas.seat_changes import SeatChangeIn, SeatChangeOut, SeatChangePreviewOut
from app.services import seat_changes

router = account_router("seat changes")

ChangeId = Annotated[str, Path(max_length=64, pattern=NO_NUL, description="`chg_...`")]
REFUSALS = (
    "Refusals carry the open `purchase_options`: 403 `not_account_owner`, "
    "`subscription_managed_by_sales`, `removal_requires_sales_request`, `legacy_sell_removal`; "
    "422 `suite_parity_violation` (names the suite and its products), `seats_out_of_range`, "
    "`no_change`, `invalid_downgrade`, `unknown_product`, `unknown_suite`, "
    "`product_not_subscribed`, `addon_exceeds_base` (an add-on above its base product)."
)


@router.post(
    "/seat-changes",
    status_code=201,
    summary="Set the seat total of a suite or product, now or at renewal",
    description="Increases applied now charge delta x cycle price x remaining days / term days. "
    "Decreases below usage downgrade the named agents first, then the newest. "
    + REFUSALS
    + " The account's status: 409 `account_past_due` or `account_suspended` for an increase, "
    "`account_cancelled` for any change.",
    operation_id="createSeatChange",
    responses=problems(401, 403, 404, 409, 412, 413, 422, limits=True),
)
async def create_seat_change(
    account_id: AccountId,
    body: SeatChangeIn,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> SeatChangeOut:
    request = body.to_request()
    change = await seat_changes.request_seat_change(
        uow, principal, account_id, request, catalog, clock
    )
    return SeatChangeOut.of(change)


@router.post(
    "/seat-changes/preview",
    summary="What a seat change would do: who is downgraded, what it costs; writes nothing",
    description="The owner, an account admin or a platform admin (403 `insufficient_role` "
    "otherwise). Answers the change as it would be made, each line's `unit_price`, the "
    "`renewal_amount`, `warnings` and whether this caller may apply it (`can_apply`, and "
    "`apply_refusal` when not). The request is checked as a seat change is (422s, 412).",
    operation_id="previewSeatChange",
    responses=problems(401, 403, 404, 412, 413, 422, limits=True),
)
async def preview_seat_change(
    account_id: AccountId,
    body: SeatChangeIn,
    uow: UowDep,
    principal: PrincipalDep,
    catalog: CatalogDep,
    clock: ClockDep,
) -> SeatChangePreviewOut:
    request = body.to_request()
    preview = await seat_changes.preview_seat_change(
        uow, principal, account_id, request, catalog, clock
    )
    return SeatChangePreviewOut.of_preview(preview)


@router.get(
    "/seat-changes",
    summary="List seat changes, newest first",
    operation_id="listSeatChanges",
    responses=problems(401, 404, 422),
)
async def list_seat_changes(
    account_id: AccountId,
    uow: UowDep,
    principal: PrincipalDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[SeatChangeOut]:
    page = await seat_changes.list_seat_changes(uow, principal, account_id, cursor, limit)
    return Page.of(page, SeatChangeOut.of)


@router.get(
    "/seat-changes/{change_id}",
    summary="Read one seat change",
    operation_id="getSeatChange",
    responses=problems(401, 404, 422),
)
async def get_seat_change(
    account_id: AccountId, change_id: ChangeId, uow: UowDep, principal: PrincipalDep
) -> SeatChangeOut:
    return SeatChangeOut.of(
        await seat_changes.get_seat_change(uow, principal, account_id, change_id)
    )


@router.post(
    "/seat-changes/{change_id}/cancel",
    summary="Cancel a scheduled seat change",
    description="Only `scheduled` changes can be cancelled; "
    "anything else is 409 `invalid_transition`.",
    operation_id="cancelSeatChange",
    responses=problems(401, 403, 404, 409, 422),
)
async def cancel_seat_change(
    account_id: AccountId,
    change_id: ChangeId,
    uow: UowDep,
    principal: PrincipalDep,
    clock: ClockDep,
) -> SeatChangeOut:
    change = await seat_changes.cancel_seat_change(uow, principal, account_id, change_id, clock)
    return SeatChangeOut.of(change)
