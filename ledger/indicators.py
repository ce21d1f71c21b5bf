"""Writes and reads of weekly indicators, per district and per project (flush, never commit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.indicators import WeeklySubmission
from domain.project_indicators import DistrictTotal, ProjectMetric, ProjectWeeklySubmission
from ledger.indicators_table import DistrictIndicator, ProjectIndicator
from ledger.projects_table import Project

# PostgreSQL takes at most 65 535 bind parameters per statement; 6 a row.
_ROWS_PER_STATEMENT = 5_000
_REPLACED = ("numerator", "denominator", "submitted_by")


async def _replace(
    session: AsyncSession,
    table: type[DistrictIndicator] | type[ProjectIndicator],
    subject: str,
    submission: WeeklySubmission | ProjectWeeklySubmission,
    by: str,
) -> int:
    """Insert every row, replacing earlier figures for the same subject, week and metric."""
    values = [
        {
            subject: row.key[0],
            "week_start": submission.week_start,
            "metric": row.metric.value,
            "numerator": row.numerator,
            "denominator": row.denominator,
            "submitted_by": by,
        }
        for row in submission.rows
    ]
    for start in range(0, len(values), _ROWS_PER_STATEMENT):
        statement = insert(table).values(values[start : start + _ROWS_PER_STATEMENT])
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[subject, "week_start", "metric"],
                set_={k: statement.excluded[k] for k in _REPLACED},
            )
        )
    await session.flush()
    return len(values)


async def save_week(*, session: AsyncSession, submission: WeeklySubmission, by: str) -> int:
    """All rows of the submission, replacing earlier figures for the same district and metric."""
    return await _replace(session, DistrictIndicator, "district", submission, by)


async def week(*, session: AsyncSession, week_start: date) -> Sequence[DistrictIndicator]:
    query = (
        select(DistrictIndicator)
        .where(DistrictIndicator.week_start == week_start)
        .order_by(DistrictIndicator.district, DistrictIndicator.metric)
    )
    return (await session.scalars(query)).all()


async def save_project_week(
    *, session: AsyncSession, submission: ProjectWeeklySubmission, by: str
) -> int:
    """All rows of the submission, replacing earlier figures for the same project and metric."""
    return await _replace(session, ProjectIndicator, "project", submission, by)


async def project_week(
    *, session: AsyncSession, week_start: date, district: str | None = None
) -> list[tuple[ProjectIndicator, Project]]:
    """The week's project figures with their projects, optionally of one district."""
    query = (
        select(ProjectIndicator, Project)
        .join(Project, Project.code == ProjectIndicator.project)
        .where(ProjectIndicator.week_start == week_start)
        .order_by(Project.district, Project.code, ProjectIndicator.metric)
    )
    if district is not None:
        query = query.where(Project.district == district)
    return [(indicator, project) for indicator, project in await session.execute(query)]


async def district_totals(
    *, session: AsyncSession, week_start: date, district: str | None = None
) -> list[DistrictTotal]:
    """Per district and metric: projects reporting, summed numerators and denominators."""
    query = (
        select(
            Project.district,
            ProjectIndicator.metric,
            func.count(),
            func.sum(ProjectIndicator.numerator),
            func.sum(ProjectIndicator.denominator),
        )
        .join(Project, Project.code == ProjectIndicator.project)
        .where(ProjectIndicator.week_start == week_start)
        .group_by(Project.district, ProjectIndicator.metric)
        .order_by(Project.district, ProjectIndicator.metric)
    )
    if district is not None:
        query = query.where(Project.district == district)
    return [
        DistrictTotal(
            district=code,
            metric=ProjectMetric(metric),
            projects=projects,
            numerator=int(numerator),
            denominator=int(denominator),
        )
        for code, metric, projects, numerator, denominator in (await session.execute(query)).all()
    ]
