"""Every campaign's progress at once, for the campaign list, from the task tallies."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dashboard.figures import CampaignProgress
from ledger.dashboard.scope import Scope
from ledger.tasks.queries import OPEN_STATUSES
from ledger.tasks.tallies_table import TaskTally


async def campaign_progress(
    *, session: AsyncSession, scope: Scope, today: date
) -> list[CampaignProgress]:
    t = TaskTally
    query = (
        select(
            t.campaign_id,
            func.sum(t.tasks),
            func.sum(t.tasks).filter(t.status == "completed"),
            func.sum(t.tasks).filter(t.status.in_(OPEN_STATUSES), t.deadline < today),
        )
        .where(t.status != "cancelled", t.tasks != 0)
        .group_by(t.campaign_id)
        .order_by(t.campaign_id)
    )
    within = scope.where(t.unit_code)
    if within is not None:
        query = query.where(within)
    return [
        CampaignProgress(
            campaign_id=c, total=int(n), completed=int(done or 0), overdue=int(late or 0)
        )
        for c, n, done, late in (await session.execute(query)).all()
    ]
