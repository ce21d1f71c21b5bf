"""Writes and reads of the hazard ledger, each write idempotent on the workflow's event key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.hazards.records import HazardChange
from ledger.hazards.tables import Hazard, HazardEvent
from ledger.notifications import service as notifications
from ledger.paging import scalar_page


async def next_number(*, session: AsyncSession) -> str:
    """YH-000001, YH-000002 …: from a sequence, so two registrations never share one."""
    number = await session.scalar(text("SELECT nextval('hazard_number_seq')"))
    return f"YH-{number:06d}"


async def apply_change(*, session: AsyncSession, change: HazardChange) -> None:
    s = change.state
    intake = s.start.intake
    row: dict[str, Any] = {
        "id": s.start.hazard_id,
        "number": s.start.number,
        "status": s.status.value,
        "unit_code": s.start.unit,
        "district": intake.district,
        "risk": intake.risk.value,
        "employer_name": intake.employer.name,
        "employer_code": intake.employer.credit_code,
        "project": intake.project,
        "description": intake.description,
        "campaign_id": intake.campaign_id,
        "five_ones": s.five_ones.model_dump(mode="json") if s.five_ones else None,
        "four_packages": s.four_packages.model_dump(mode="json") if s.four_packages else None,
        "deadline": s.five_ones.deadline if s.five_ones else None,
        "resolved_at": s.resolved_at,
        "reopened": s.reopened,
    }
    if change.kind.startswith("escalation_"):
        row["escalation"] = change.kind.removeprefix("escalation_")
    statement = insert(Hazard).values(row)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Hazard.id], set_={k: statement.excluded[k] for k in row if k != "id"}
        )
    )
    fresh = await session.execute(
        insert(HazardEvent)
        .values(
            hazard_id=s.start.hazard_id,
            event_key=change.event_key,
            kind=change.kind,
            actor=change.actor,
            at=change.at,
            detail=change.detail,
        )
        .on_conflict_do_nothing(index_elements=[HazardEvent.event_key])
        .returning(HazardEvent.id)
    )
    if fresh.scalar_one_or_none() is not None and change.message:
        await notifications.announce(
            session=session,
            key=change.event_key,
            kind=change.kind,
            message=change.message,
            units=(s.start.unit,),
            office=change.notify_office,
        )


async def search(
    *,
    session: AsyncSession,
    units: Sequence[str] | None,
    status: str | None,
    district: str | None,
    risk: str | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Hazard], int]:
    """A page of hazards, newest first; and how many match."""
    query = select(Hazard).order_by(Hazard.created_at.desc(), Hazard.id)
    if units is not None:
        query = query.where(Hazard.unit_code.in_(list(units)))
    for column, value in (
        (Hazard.status, status),
        (Hazard.district, district),
        (Hazard.risk, risk),
    ):
        if value is not None:
            query = query.where(column == value)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def events(*, session: AsyncSession, hazard_id: str) -> Sequence[HazardEvent]:
    query = select(HazardEvent).where(HazardEvent.hazard_id == hazard_id).order_by(HazardEvent.id)
    return (await session.scalars(query)).all()
