"""Every campaign's progress at once, for the campaign list: one grouped pass over the tasks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dashboard.figures import CampaignProgress
from ledger.dashboard.scope import Scope
from ledger.tasks.queries import OPEN_STATUSES
from ledger.tasks.tables import Task


async def campaign_progress(
    *, session: AsyncSession, scope: Scope, today: date
) -> list[CampaignProgress]:
    query = (
        select(
            Task.campaign_id,
            func.count(),
            func.count().filter(Task.status == "completed"),
            func.count().filter(Task.status.in_(OPEN_STATUSES), Task.deadline < today),
        )
        .where(Task.status != "cancelled")
        .group_by(Task.campaign_id)
        .order_by(Task.campaign_id)
    )
    within = scope.where(Task.unit_code)
    if within is not None:
        query = query.where(within)
    return [
        CampaignProgress(campaign_id=c, total=t, completed=done, overdue=late)
        for c, t, done, late in (await session.execute(query)).all()
    ]
