"""Use cases: file a sales request, work the rep's queue, fulfil through the
same seat-change path as the subscription page."""

from __future__ import annotations

from dataclasses import dataclass

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import SALES_REQUEST_FILERS, Principal, Role, can_see, require_role
from app.domain.catalog import Catalog
from app.domain.errors import Conflict, NotFound
from app.domain.events import Event
from app.domain.notifications import Notification, NotificationType
from app.domain.purchase_options import Channel, purchase_options, sales_request_open
from app.domain.sales_requests import (
    RequestKind,
    RequestStatus,
    SalesRequest,
    check_count,
    lowers_sell,
    requested_totals,
    target_of,
)
from app.domain.seat_changes import Effective, check_parity
from app.services.access import check_visible, load_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.ids import new_id
from app.services.notices import notice
from app.services.seat_changes import apply_change, plan_change

REP_ROLES = frozenset({Role.SALES_REP, Role.PLATFORM_ADMIN})
ACCOUNT_SIDE = frozenset({Role.OWNER, Role.ADMIN, Role.PLATFORM_ADMIN})
QUEUE_READERS = REP_ROLES


@dataclass(frozen=True, slots=True)
class NewSalesRequest:
    kind: RequestKind
    seats: int
    product: str | None = None
    suite: str | None = None
    message: str | None = None


async def submit(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    new: NewSalesRequest,
    catalog: Catalog,
    clock: Clock,
) -> SalesRequest:
    async with uow:
        account = await load_visible(uow, principal, account_id)
        require_role(principal, SALES_REQUEST_FILERS, "file sales requests")
        check_count(new.seats)
        request = SalesRequest(
            id=new_id("sr"),
            account_id=account_id,
            kind=new.kind,
            seats=new.seats,
            status=RequestStatus.SUBMITTED,
            requested_by=principal.actor,
            created_at=clock.now(),
            sales_rep=account.sales_rep,
            product=new.product,
            suite=new.suite,
            message=new.message,
        )
        totals = requested_totals(account, new.kind, target_of(request), catalog)
        check_parity(account, totals)
        if not sales_request_open(
            account, principal.role, kind=new.kind.value, sell_only=lowers_sell(new.kind, totals)
        ):
            raise Conflict(
                "A sales request is not the way for this caller and change on this account.",
                code="sales_request_not_available",
                purchase_options=purchase_options(account, principal.role).to_dict(),
            )
        await uow.sales_requests.add(request)
        await _record(uow, request, "sales_request.created", principal.actor)
        await uow.commit()
    return request


async def fulfil(
    uow: UnitOfWork, principal: Principal, request_id: str, catalog: Catalog, clock: Clock
) -> SalesRequest:
    require_role(principal, REP_ROLES, "fulfil sales requests")
    async with uow:
        request = await _visible_request(uow, principal, request_id, lock=True)
        request.require_submitted(RequestStatus.FULFILLED)
        account = await uow.accounts.get(request.account_id, lock=True)
        assert account is not None
        now = clock.now()
        totals = requested_totals(account, request.kind, target_of(request), catalog)
        check_parity(account, totals)
        change = await plan_change(
            uow,
            account,
            totals,
            [],
            effective=Effective.IMMEDIATELY,
            channel=Channel.SALES_REQUEST,
            actor=principal.actor,
            catalog=catalog,
            now=now,
        )
        change.id = new_id("chg")
        await apply_change(uow, account, change, now)
        request.fulfil(principal.actor, now, change.id)
        await uow.sales_requests.save(request)
        await _record(uow, request, "sales_request.updated", principal.actor)
        await uow.commit()
    return request


async def decline(
    uow: UnitOfWork, principal: Principal, request_id: str, reason: str, clock: Clock
) -> SalesRequest:
    require_role(principal, REP_ROLES, "decline sales requests")
    async with uow:
        request = await _visible_request(uow, principal, request_id, lock=True)
        request.decline(principal.actor, clock.now(), reason)
        await uow.sales_requests.save(request)
        await _record(uow, request, "sales_request.updated", principal.actor)
        await uow.commit()
    return request


async def cancel(
    uow: UnitOfWork, principal: Principal, request_id: str, clock: Clock
) -> SalesRequest:
    async with uow:
        request = await _visible_request(uow, principal, request_id, lock=True)
        require_role(principal, ACCOUNT_SIDE, "cancel sales requests")
        request.cancel(principal.actor, clock.now())
        await uow.sales_requests.save(request)
        await _record(uow, request, "sales_request.updated", principal.actor)
        await uow.commit()
    return request


async def get(uow: UnitOfWork, principal: Principal, request_id: str) -> SalesRequest:
    async with uow:
        return await _visible_request(uow, principal, request_id)


async def list_for_account(
    uow: UnitOfWork,
    principal: Principal,
    account_id: str,
    status: RequestStatus | None,
    cursor: str | None,
    limit: int,
) -> Page[SalesRequest]:
    async with uow:
        await check_visible(uow, principal, account_id)
        return await uow.sales_requests.page(
            account_id=account_id, rep_email=None, status=status, cursor=cursor, limit=limit
        )


async def queue(
    uow: UnitOfWork,
    principal: Principal,
    status: RequestStatus | None,
    cursor: str | None,
    limit: int,
) -> Page[SalesRequest]:
    """Every request for a platform admin; a rep sees only their accounts'."""
    require_role(principal, QUEUE_READERS, "read the sales-request queue")
    if principal.role is Role.SALES_REP and principal.email is None:
        return Page([], None)
    rep_email = principal.email if principal.role is Role.SALES_REP else None
    async with uow:
        return await uow.sales_requests.page(
            account_id=None, rep_email=rep_email, status=status, cursor=cursor, limit=limit
        )


async def _visible_request(
    uow: UnitOfWork, principal: Principal, request_id: str, *, lock: bool = False
) -> SalesRequest:
    request = await uow.sales_requests.get(request_id, lock=lock)
    if request is not None:
        _, rep_email = await uow.accounts.sales_rep_email(request.account_id)
        if can_see(principal, request.account_id, rep_email):
            return request
    raise NotFound(f"No sales request {request_id!r}.")


async def _record(uow: UnitOfWork, request: SalesRequest, type: str, actor: str) -> None:
    await record(uow, _event(request, type, actor))
    await uow.notifications.add(_notice(request))


def _event(request: SalesRequest, type: str, actor: str) -> Event:
    return event(
        request.account_id,
        type,
        actor,
        request.acted_at or request.created_at,
        sales_request_id=request.id,
        kind=request.kind,
        status=request.status,
        product=request.product,
        suite=request.suite,
        seats=request.seats,
        seat_change_id=request.seat_change_id,
    )


def _notice(request: SalesRequest) -> Notification:
    rep = request.sales_rep.name if request.sales_rep else "your sales rep"
    verb = "add" if request.kind is RequestKind.ADD_SEATS else "remove"
    what = f"{verb} {request.seats} {request.target_name} seat(s)"
    sentences = {
        RequestStatus.SUBMITTED: f"Your request to {what} was sent to {rep}.",
        RequestStatus.FULFILLED: f"{rep} fulfilled your request to {what}; the seats have changed.",
        RequestStatus.DECLINED: f"{rep} declined your request to {what}: {request.decline_reason}",
        RequestStatus.CANCELLED: f"Your request to {what} was cancelled.",
    }
    return notice(
        request.account_id,
        NotificationType.SALES_REQUEST_UPDATED,
        f"Sales request {request.status}",
        sentences[request.status],
        request.acted_at or request.created_at,
        sales_request_id=request.id,
        status=request.status,
        seat_change_id=request.seat_change_id,
    )
