"""Writes and reads of the case ledger, each write idempotent on the workflow's event key."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.cases.records import CaseChange
from domain.cases.settlement import Payment, paid_total
from domain.cases.state import CaseState
from ledger.cases.tables import OPEN_STATUSES, Case, CaseEvent, CaseParty, CasePayment
from ledger.enterprises import service as enterprises
from ledger.notifications import service as notifications
from ledger.paging import scalar_page

Columns = TypeVarTuple("Columns")


def _row(state: CaseState) -> dict[str, Any]:
    intake = state.start.intake
    return {
        "id": state.start.case_id,
        "case_number": state.start.case_number,
        "source": intake.source.value,
        "external_id": intake.external_id,
        "received_at": intake.received_at,
        "status": state.status.value,
        "receiving_unit": state.start.receiving_unit,
        "handling_unit": state.handling_unit,
        "district": intake.district,
        "town": intake.town,
        "sector": intake.sector,
        "workers_claimed": intake.workers_affected,
        "amount_claimed": intake.amount_claimed,
        "verified_workers": state.verified_workers,
        "verified_amount": state.verified_amount,
        "paid_amount": paid_total(state.payments),
        "employer_name": intake.employer.name,
        "employer_code": intake.employer.credit_code,
        "project_name": intake.project.name if intake.project else None,
        "project_type": intake.project.type.value if intake.project else None,
        "general_contractor": intake.project.general_contractor if intake.project else None,
        "description": intake.description,
        "major": state.is_major,
        "task_force": state.task_force,
        "major_reasons": state.major_reasons
        + ([f"人工升级：{state.escalated_by_hand}"] if state.escalated_by_hand else []),
        "route": state.route.value if state.route else None,
        "accept_deadline": state.accept_deadline,
        "close_deadline": state.close_deadline,
        "closed_at": state.closed_at,
        "reopened": state.reopened,
    }


async def apply_change(*, session: AsyncSession, change: CaseChange, leader: str | None) -> bool:
    """The case row, its event (once), a payment, parties and notifications; False if seen."""
    await _upsert_row(session, change, leader)
    if not await _new_event(session, change):
        return False
    if change.kind == "registered":
        await _register_parties(session, change)
    if change.payment is not None:
        await _add_payment(session, change, change.payment)
    if change.message:
        await _tell(session, change, change.message, leader)
    return True


async def _upsert_row(session: AsyncSession, change: CaseChange, leader: str | None) -> None:
    row = _row(change.state)
    if leader is not None:
        row["leader"] = leader
    if change.kind.startswith("escalation_"):
        row["escalation"] = change.kind.removeprefix("escalation_")
    statement = insert(Case).values(row)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Case.id], set_={k: statement.excluded[k] for k in row if k != "id"}
        )
    )


async def _new_event(session: AsyncSession, change: CaseChange) -> bool:
    """The event, keyed so a retried write adds nothing: False when it was there already."""
    fresh = await session.execute(
        insert(CaseEvent)
        .values(
            case_id=change.state.start.case_id,
            event_key=change.event_key,
            kind=change.kind,
            actor=change.actor,
            at=change.at,
            detail=change.detail,
        )
        .on_conflict_do_nothing(index_elements=[CaseEvent.event_key])
        .returning(CaseEvent.id)
    )
    return fresh.scalar_one_or_none() is not None


async def _register_parties(session: AsyncSession, change: CaseChange) -> None:
    """The employer into the registry, the complainants (personal data) into case_parties."""
    intake = change.state.start.intake
    if intake.employer.credit_code:
        await enterprises.upsert(
            session=session, credit_code=intake.employer.credit_code, name=intake.employer.name
        )
    await session.execute(
        insert(CaseParty)
        .values(
            [
                {
                    "case_id": change.state.start.case_id,
                    "seq": i,
                    "name": c.name,
                    "phone": c.phone,
                    "id_number": c.id_number,
                }
                for i, c in enumerate(intake.complainants)
            ]
        )
        .on_conflict_do_nothing()
    )


async def _add_payment(session: AsyncSession, change: CaseChange, p: Payment) -> None:
    await session.execute(
        insert(CasePayment)
        .values(
            case_id=change.state.start.case_id,
            payment_id=p.payment_id,
            amount=p.amount,
            payer=p.payer.value,
            workers=p.workers,
            note=p.note,
            recorded_by=change.actor,
            at=change.at,
        )
        .on_conflict_do_nothing()
    )


async def _tell(
    session: AsyncSession, change: CaseChange, message: str, leader: str | None
) -> None:
    """A ladder rung reaches the recipients it names; any other message its units, the
    office or the leader as the change asks."""
    if change.step is not None:
        names = await notifications.recipients(
            session=session,
            wanted=change.step.recipients,
            unit=change.state.responsible_unit,
            leader=leader,
        )
        await notifications.notify(
            session=session,
            key=change.event_key,
            usernames=names,
            kind=change.kind,
            title=message,
            body=message,
            task_id=None,
        )
        return
    await notifications.announce(
        session=session,
        key=change.event_key,
        kind=change.kind,
        message=message,
        units=change.notify_units,
        office=change.notify_office,
        also=[leader] if change.notify_leader and leader else [],
    )


@dataclass(frozen=True)
class CaseFilter:
    units: Sequence[str] | None = None  # None: every unit
    status: str | None = None
    district: str | None = None
    sector: str | None = None
    source: str | None = None
    project_type: str | None = None
    major: bool | None = None
    leader: str | None = None
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    overdue_on: date | None = None
    statuses: Sequence[str] | None = None  # open cases whose close deadline is before this day


def filtered(query: Select[*Columns], f: CaseFilter) -> Select[*Columns]:
    if f.units is not None:
        units = list(f.units)
        query = query.where(Case.receiving_unit.in_(units) | Case.handling_unit.in_(units))
    for column, value in (
        (Case.status, f.status),
        (Case.district, f.district),
        (Case.sector, f.sector),
        (Case.source, f.source),
        (Case.project_type, f.project_type),
        (Case.leader, f.leader),
    ):
        if value is not None:
            query = query.where(column == value)
    if f.major is not None:
        query = query.where(Case.major.is_(f.major))
    if f.statuses is not None:
        query = query.where(Case.status.in_(list(f.statuses)))
    if f.overdue_on is not None:
        query = query.where(Case.status.in_(OPEN_STATUSES), Case.close_deadline < f.overdue_on)
    if f.min_amount is not None:
        query = query.where(Case.amount_claimed >= f.min_amount)
    if f.max_amount is not None:
        query = query.where(Case.amount_claimed <= f.max_amount)
    return query


async def search(
    *, session: AsyncSession, f: CaseFilter, limit: int, offset: int
) -> tuple[Sequence[Case], int]:
    query = filtered(select(Case), f).order_by(Case.received_at.desc(), Case.id)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def get(*, session: AsyncSession, case_id: str) -> Case | None:
    return await session.get(Case, case_id)


async def parties(*, session: AsyncSession, case_id: str) -> Sequence[CaseParty]:
    query = select(CaseParty).where(CaseParty.case_id == case_id).order_by(CaseParty.seq)
    return (await session.scalars(query)).all()


async def events(*, session: AsyncSession, case_id: str) -> Sequence[CaseEvent]:
    query = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
    return (await session.scalars(query)).all()


async def payments(*, session: AsyncSession, case_id: str) -> Sequence[CasePayment]:
    query = select(CasePayment).where(CasePayment.case_id == case_id).order_by(CasePayment.id)
    return (await session.scalars(query)).all()
