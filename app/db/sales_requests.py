"""Sales requests and the reps' queue."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.models import AccountRow, SalesRequestRow
from app.db.pages import Page, cut_page, newest_first
from app.domain.accounts import SalesRep
from app.domain.sales_requests import (
    Assignee,
    Fulfilment,
    RequestKind,
    RequestStatus,
    SalesRequest,
)
from app.domain.seat_changes import Effective


class SalesRequestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, request: SalesRequest) -> None:
        rep = request.sales_rep
        self.session.add(
            SalesRequestRow(
                id=request.id,
                account_id=request.account_id,
                kind=request.kind.value,
                product=request.product,
                suite=request.suite,
                seats=request.seats,
                message=request.message,
                sales_rep_name=rep.name if rep else None,
                sales_rep_email=rep.email if rep else None,
                assigned_to=request.assigned_to.value,
                starts_at=request.starts_at,
                ends_at=request.ends_at,
                requested_by=request.requested_by,
                created_at=request.created_at,
                **_progress(request),
            )
        )
        await self.session.flush()

    async def save(self, request: SalesRequest) -> None:
        await self.session.execute(
            update(SalesRequestRow)
            .where(
                SalesRequestRow.account_id == request.account_id, SalesRequestRow.id == request.id
            )
            .values(**_progress(request))
        )

    async def get(self, request_id: str, *, lock: bool = False) -> SalesRequest | None:
        stmt = select(SalesRequestRow).where(SalesRequestRow.id == request_id)
        if lock:
            # The path names the request, not its account: find the account
            # first, so that the locking read names it (on Citus a locking read
            # must run on one shard; the account never changes).
            account_id = await self.session.scalar(
                stmt.with_only_columns(SalesRequestRow.account_id)
            )
            if account_id is None:
                return None
            # Serializes a fulfil racing a cancel: the second waits, then sees the first's status.
            stmt = stmt.where(SalesRequestRow.account_id == account_id).with_for_update()
        row = await self.session.scalar(stmt)
        return _to_request(row) if row is not None else None

    async def page(
        self,
        *,
        account_id: str | None,
        rep_email: str | None,
        status: RequestStatus | None,
        cursor: str | None,
        limit: int,
        assigned_to: Assignee | None = None,
    ) -> Page[SalesRequest]:
        """One account's requests, or the queue (of one rep's accounts, when
        given; of one assignee, when given)."""
        stmt = select(SalesRequestRow)
        if account_id is not None:
            stmt = stmt.where(SalesRequestRow.account_id == account_id)
        if rep_email is not None:
            # The account's rep today, so a reassigned account moves to its new rep's queue.
            stmt = stmt.join(AccountRow, AccountRow.id == SalesRequestRow.account_id).where(
                AccountRow.sales_rep_email == rep_email
            )
        if status is not None:
            stmt = stmt.where(SalesRequestRow.status == status.value)
        if assigned_to is not None:
            stmt = stmt.where(SalesRequestRow.assigned_to == assigned_to.value)
        stmt = newest_first(stmt, SalesRequestRow.created_at, SalesRequestRow.id, cursor, limit)
        items = [_to_request(row) for row in await self.session.scalars(stmt)]
        return cut_page(items, limit, lambda r: (r.created_at, r.id))


def _progress(request: SalesRequest) -> dict[str, object]:
    done = request.fulfilment
    return {
        "status": request.status.value,
        "acted_by": request.acted_by,
        "acted_at": request.acted_at,
        "decline_reason": request.decline_reason,
        "seat_change_id": request.seat_change_id,
        "temporary_seats_id": request.temporary_seats_id,
        "fulfilled_seats": done.seats if done else None,
        "effective": done.effective.value if done and done.effective else None,
        "note": done.note if done else None,
    }


def _to_request(row: SalesRequestRow) -> SalesRequest:
    rep = SalesRep(row.sales_rep_name or "", row.sales_rep_email) if row.sales_rep_email else None
    return SalesRequest(
        id=row.id,
        account_id=row.account_id,
        kind=RequestKind(row.kind),
        seats=row.seats,
        status=RequestStatus(row.status),
        requested_by=row.requested_by,
        created_at=row.created_at,
        sales_rep=rep,
        assigned_to=Assignee(row.assigned_to),
        product=row.product,
        suite=row.suite,
        message=row.message,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        acted_by=row.acted_by,
        acted_at=row.acted_at,
        decline_reason=row.decline_reason,
        fulfilment=(
            Fulfilment(
                row.fulfilled_seats,
                Effective(row.effective) if row.effective else None,
                row.note,
            )
            if row.fulfilled_seats is not None
            else None
        ),
        seat_change_id=row.seat_change_id,
        temporary_seats_id=row.temporary_seats_id,
    )
