"""Writes and reads of campaigns and their phases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.campaigns.tables import Campaign, CampaignPhase
from ledger.paging import scalar_page
from ledger.tasks.tables import Task


async def create(
    *,
    session: AsyncSession,
    campaign_id: str,
    title: str,
    plan_key: str,
    plan: dict[str, Any],
    root_unit: str,
    period_start: date,
    period_end: date | None,
    created_by: str,
    supervising_leader: str | None = None,
    provisional_years: Sequence[int] = (),
) -> None:
    """The campaign row, once (a retried write changes nothing)."""
    await session.execute(
        insert(Campaign)
        .values(
            id=campaign_id,
            title=title,
            plan_key=plan_key,
            plan=plan,
            root_unit=root_unit,
            period_start=period_start,
            period_end=period_end,
            created_by=created_by,
            supervising_leader=supervising_leader,
            provisional_years=list(provisional_years),
            status="starting",
        )
        .on_conflict_do_nothing(index_elements=[Campaign.id])
    )


async def upsert_phases(
    *, session: AsyncSession, campaign_id: str, phases: Sequence[dict[str, Any]]
) -> None:
    for phase in phases:
        statement = insert(CampaignPhase).values(campaign_id=campaign_id, **phase)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[CampaignPhase.campaign_id, CampaignPhase.key],
                set_={k: statement.excluded[k] for k in phase if k != "key"},
            )
        )


async def set_phase_status(
    *, session: AsyncSession, campaign_id: str, key: str, status: str, at: datetime
) -> None:
    values: dict[str, Any] = {"status": status}
    values["opened_at" if status == "open" else "closed_at"] = at
    await session.execute(
        update(CampaignPhase)
        .where(CampaignPhase.campaign_id == campaign_id, CampaignPhase.key == key)
        .values(**values)
    )


async def set_status(
    *,
    session: AsyncSession,
    campaign_id: str,
    status: str,
    at: datetime | None = None,
    **extra: Any,
) -> None:
    values: dict[str, Any] = {"status": status, **extra}
    if status in ("closed", "cancelled"):
        values["closed_at"] = at
    await session.execute(update(Campaign).where(Campaign.id == campaign_id).values(**values))


async def get(*, session: AsyncSession, campaign_id: str) -> Campaign | None:
    return await session.get(Campaign, campaign_id)


async def running(*, session: AsyncSession) -> Sequence[Campaign]:
    return (await session.scalars(select(Campaign).where(Campaign.status == "running"))).all()


async def task_count(*, session: AsyncSession, campaign_id: str) -> int:
    return int(
        await session.scalar(select(func.count()).where(Task.campaign_id == campaign_id)) or 0
    )


async def listed(
    *, session: AsyncSession, limit: int, offset: int
) -> tuple[Sequence[Campaign], int]:
    """A page of the campaigns, newest first; and how many there are."""
    query = select(Campaign).order_by(Campaign.created_at.desc(), Campaign.id)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def phases(*, session: AsyncSession, campaign_id: str) -> Sequence[CampaignPhase]:
    query = select(CampaignPhase).where(CampaignPhase.campaign_id == campaign_id)
    return (await session.scalars(query.order_by(CampaignPhase.start, CampaignPhase.key))).all()


async def progress(*, session: AsyncSession, campaign_id: str, today: date) -> list[dict[str, Any]]:
    """Per phase and unit: total, completed, overdue — the 挂图作战 view."""
    overdue = func.count().filter(Task.status.in_(("open", "in_progress")), Task.deadline < today)
    rows = await session.execute(
        select(
            Task.phase_key,
            Task.unit_code,
            func.count(),
            func.count().filter(Task.status == "completed"),
            overdue,
        )
        .where(Task.campaign_id == campaign_id, Task.status != "cancelled")
        .group_by(Task.phase_key, Task.unit_code)
        .order_by(Task.phase_key, Task.unit_code)
    )
    return [
        {"phase": p, "unit": u, "total": t, "completed": c, "overdue": o} for p, u, t, c, o in rows
    ]
