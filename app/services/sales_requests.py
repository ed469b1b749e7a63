"""Use cases: file a sales request, work the rep's queue, fulfil through the
same seat-change and temporary-seats paths as the account's own pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.db.pages import Page
from app.db.unit_of_work import UnitOfWork
from app.domain.access import (
    SALES_REQUEST_FILERS,
    Principal,
    Role,
    can_see,
    normalise_email,
    require_role,
)
from app.domain.accounts import Account
from app.domain.catalog import Catalog
from app.domain.errors import Conflict, Forbidden, NotFound
from app.domain.events import Event
from app.domain.purchase_options import Channel, purchase_options, sales_request_open
from app.domain.sales_requests import (
    Adjustment,
    Assignee,
    Fulfilment,
    RequestKind,
    RequestStatus,
    SalesRequest,
    assignee_for,
    check_count,
    lowers_sell,
    requested_totals,
    require_status,
    target_of,
)
from app.domain.seat_changes import Effective, check_parity
from app.services.access import check_visible, load_visible
from app.services.audit import event, record
from app.services.clock import Clock
from app.services.ids import new_id
from app.services.notices import rep_notice, sales_request_notice
from app.services.seat_changes import apply_change, plan_change, schedule_change
from app.services.temporary_seats import NewTemporarySeats, check_grant, grant_seats

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
    starts_at: datetime | None = None  # temporary_seats only
    ends_at: datetime | None = None


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
        now = clock.now()
        request = SalesRequest(
            id=new_id("sr"),
            account_id=account_id,
            kind=new.kind,
            seats=new.seats,
            status=RequestStatus.SUBMITTED,
            requested_by=principal.actor,
            created_at=now,
            sales_rep=account.sales_rep,
            assigned_to=assignee_for(account),
            product=new.product,
            suite=new.suite,
            message=new.message,
            starts_at=new.starts_at,
            ends_at=new.ends_at,
        )
        sell_only = False
        require_status(account, new.kind)
        if new.kind is RequestKind.TEMPORARY_SEATS:
            # The same checks as the temporary-seats page; fulfilling checks again.
            await check_grant(uow, account, _grant_of(request, request.seats), catalog, now)
        else:
            totals = requested_totals(account, new.kind, target_of(request), catalog)
            check_parity(account, totals)
            sell_only = lowers_sell(new.kind, totals)
        if not sales_request_open(
            account, principal.role, kind=new.kind.value, sell_only=sell_only
        ):
            raise Conflict(
                "A sales request is not the way for this caller and change on this account.",
                code="sales_request_not_available",
                purchase_options=purchase_options(account, principal.role).to_dict(),
            )
        await uow.sales_requests.add(request)
        await _record(uow, request, "sales_request.created", principal.actor)
        if account.sales_rep is not None:
            # The rep is told, not left to poll the queue.
            email = normalise_email(account.sales_rep.email)
            await uow.notifications.add(rep_notice(request, account, email))
        await uow.commit()
    return request


async def fulfil(
    uow: UnitOfWork,
    principal: Principal,
    request_id: str,
    adjustment: Adjustment,
    catalog: Catalog,
    clock: Clock,
) -> SalesRequest:
    """Apply the request, as the rep adjusted it, through the path the account's
    own pages take: a seat change (now or at renewal) or a temporary-seat grant."""
    require_role(principal, REP_ROLES, "fulfil sales requests")
    async with uow:
        # The request's lock makes a second fulfil (or a cancel) wait, then see
        # `fulfilled` and stop: applied once.
        request = await _visible_request(uow, principal, request_id, lock=True)
        request.require_submitted(RequestStatus.FULFILLED)
        done = request.fulfilment_for(adjustment)
        account = await uow.accounts.get(request.account_id, lock=True)
        assert account is not None
        now = clock.now()
        if request.kind is RequestKind.TEMPORARY_SEATS:
            grant = await grant_seats(
                uow,
                account,
                _grant_of(request, done.seats),
                catalog,
                principal.actor,
                now,
                sales_request_id=request.id,
            )
            request.fulfil(principal.actor, now, done, temporary_seats_id=grant.id)
        else:
            change_id = await _change_seats(uow, principal, account, request, done, catalog, now)
            request.fulfil(principal.actor, now, done, seat_change_id=change_id)
        await uow.sales_requests.save(request)
        await _record(uow, request, "sales_request.updated", principal.actor)
        await uow.commit()
    return request


async def _change_seats(
    uow: UnitOfWork,
    principal: Principal,
    account: Account,
    request: SalesRequest,
    done: Fulfilment,
    catalog: Catalog,
    now: datetime,
) -> str:
    totals = requested_totals(account, request.kind, target_of(request, done.seats), catalog)
    check_parity(account, totals)
    effective = done.effective or Effective.IMMEDIATELY
    change = await plan_change(
        uow,
        account,
        totals,
        [],
        effective=effective,
        channel=Channel.SALES_REQUEST,
        actor=principal.actor,
        catalog=catalog,
        now=now,
    )
    change.id = new_id("chg")
    if effective is Effective.IMMEDIATELY:
        await apply_change(uow, account, change, now)
    else:
        await schedule_change(uow, account, change, now)
    return change.id


def _grant_of(request: SalesRequest, seats: int) -> NewTemporarySeats:
    assert request.starts_at is not None and request.ends_at is not None
    return NewTemporarySeats(
        seats=seats,
        starts_at=request.starts_at,
        ends_at=request.ends_at,
        product=request.product,
        suite=request.suite,
    )


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
    assigned_to: Assignee | None,
    cursor: str | None,
    limit: int,
) -> Page[SalesRequest]:
    """Every request for a platform admin; a rep sees only their accounts'.
    The customer-support queue is the platform admin's alone: a rep asking for
    it is refused rather than shown a filtered list that could be mistaken
    for it."""
    require_role(principal, QUEUE_READERS, "read the sales-request queue")
    if assigned_to is Assignee.CUSTOMER_SUPPORT and principal.role is not Role.PLATFORM_ADMIN:
        raise Forbidden("Only platform_admin may read the customer-support queue.")
    if principal.role is Role.SALES_REP and principal.email is None:
        return Page([], None)
    rep_email = principal.email if principal.role is Role.SALES_REP else None
    async with uow:
        return await uow.sales_requests.page(
            account_id=None,
            rep_email=rep_email,
            status=status,
            assigned_to=assigned_to,
            cursor=cursor,
            limit=limit,
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
    await uow.notifications.add(sales_request_notice(request))


def _event(request: SalesRequest, type: str, actor: str) -> Event:
    rep = request.sales_rep
    done = request.fulfilment
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
        starts_at=request.starts_at.isoformat() if request.starts_at else None,
        ends_at=request.ends_at.isoformat() if request.ends_at else None,
        assigned_to=request.assigned_to,
        # Who was told: a CRM can route the request without asking the account.
        sales_rep={"email": rep.email} if rep else None,
        fulfilment=(
            {"seats": done.seats, "effective": done.effective, "note": done.note} if done else None
        ),
        seat_change_id=request.seat_change_id,
        temporary_seats_id=request.temporary_seats_id,
    )
