"""Writes and reads of weekly district indicators (services flush, never commit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.indicators import WeeklySubmission
from ledger.indicators_table import DistrictIndicator


async def save_week(*, session: AsyncSession, submission: WeeklySubmission, by: str) -> int:
    """All rows of the submission, replacing earlier figures for the same district and metric."""
    values = [
        {
            "district": row.district,
            "week_start": submission.week_start,
            "metric": row.metric.value,
            "numerator": row.numerator,
            "denominator": row.denominator,
            "submitted_by": by,
        }
        for row in submission.rows
    ]
    statement = insert(DistrictIndicator).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["district", "week_start", "metric"],
            set_={k: statement.excluded[k] for k in ("numerator", "denominator", "submitted_by")},
        )
    )
    return len(values)


async def week(*, session: AsyncSession, week_start: date) -> Sequence[DistrictIndicator]:
    query = (
        select(DistrictIndicator)
        .where(DistrictIndicator.week_start == week_start)
        .order_by(DistrictIndicator.district, DistrictIndicator.metric)
    )
    return (await session.scalars(query)).all()
