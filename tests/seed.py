"""Ledger rows tests need before a task workflow may write (its campaign)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from infra.clock import today_in_beijing
from ledger.campaigns import service as campaigns


async def campaign_row(session: AsyncSession, campaign_id: str, created_by: str = "test") -> None:
    """A bare campaign, so task rows have their parent (idempotent)."""
    await campaigns.create(
        session=session,
        campaign_id=campaign_id,
        title="测试行动",
        plan_key="test",
        plan={},
        root_unit="tj",
        period_start=today_in_beijing(),
        period_end=None,
        created_by=created_by,
    )
