"""Writes and reads of weekly indicators, per district and per project (flush, never commit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.indicators.districts import WeeklySubmission
from domain.indicators.projects import DistrictTotal, ProjectMetric, ProjectWeeklySubmission
from ledger.indicators.tables import DistrictIndicator, IndicatorRevision, ProjectIndicator
from ledger.paging import row_page, scalar_page
from ledger.projects.tables import Project

# PostgreSQL takes at most 65 535 bind parameters per statement; 6 a row (8 a revision).
_ROWS_PER_STATEMENT = 5_000
_REPLACED = ("numerator", "denominator", "submitted_by")


async def _replace(
    session: AsyncSession,
    table: type[DistrictIndicator] | type[ProjectIndicator],
    subject: str,
    submission: WeeklySubmission | ProjectWeeklySubmission,
    by: str,
    at: datetime,
) -> int:
    """Insert every row, replacing earlier figures for the same subject, week and metric, and
    append each to the revisions with the submission's time."""
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
    revisions = [
        {"subject_kind": subject, "subject": v[subject], "submitted_at": at}
        | {k: x for k, x in v.items() if k != subject}
        for v in values
    ]
    for start in range(0, len(revisions), _ROWS_PER_STATEMENT):
        await session.execute(
            insert(IndicatorRevision).values(revisions[start : start + _ROWS_PER_STATEMENT])
        )
    await session.flush()
    return len(values)


async def save_week(
    *, session: AsyncSession, submission: WeeklySubmission, by: str, at: datetime
) -> int:
    """All rows of the submission, replacing earlier figures for the same district and metric."""
    return await _replace(session, DistrictIndicator, "district", submission, by, at)


async def week(
    *, session: AsyncSession, week_start: date, limit: int, offset: int
) -> tuple[Sequence[DistrictIndicator], int]:
    """A page of the week's district figures, by district then metric; and their count."""
    query = (
        select(DistrictIndicator)
        .where(DistrictIndicator.week_start == week_start)
        .order_by(DistrictIndicator.district, DistrictIndicator.metric)
    )
    return await scalar_page(session, query, limit=limit, offset=offset)


async def save_project_week(
    *, session: AsyncSession, submission: ProjectWeeklySubmission, by: str, at: datetime
) -> int:
    """All rows of the submission, replacing earlier figures for the same project and metric."""
    return await _replace(session, ProjectIndicator, "project", submission, by, at)


async def project_week(
    *, session: AsyncSession, week_start: date, district: str | None, limit: int, offset: int
) -> tuple[list[tuple[ProjectIndicator, Project]], int]:
    """A page of the week's project figures with their projects, optionally of one district;
    and their count."""
    query = (
        select(ProjectIndicator, Project)
        .join(Project, Project.code == ProjectIndicator.project)
        .where(ProjectIndicator.week_start == week_start)
        .order_by(Project.district, Project.code, ProjectIndicator.metric)
    )
    if district is not None:
        query = query.where(Project.district == district)
    rows, total = await row_page(session, query, limit=limit, offset=offset)
    return [(indicator, project) for indicator, project in rows], total


async def district_totals(
    *, session: AsyncSession, week_start: date, district: str | None, limit: int, offset: int
) -> tuple[list[DistrictTotal], int]:
    """A page of the totals per district and metric (projects reporting, summed numerators
    and denominators); and how many (district, metric) pairs there are."""
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
    rows, total = await row_page(session, query, limit=limit, offset=offset)
    return [
        DistrictTotal(
            district=code,
            metric=ProjectMetric(metric),
            projects=projects,
            numerator=int(numerator),
            denominator=int(denominator),
        )
        for code, metric, projects, numerator, denominator in rows
    ], total


async def counts_as_of(
    *, session: AsyncSession, kind: str, week_start: date, at: datetime
) -> list[tuple[str, str, int, int]]:
    """(subject, metric, numerator, denominator) of a week as last submitted before `at`."""
    latest = (
        select(
            IndicatorRevision.subject,
            IndicatorRevision.metric,
            IndicatorRevision.numerator,
            IndicatorRevision.denominator,
        )
        .where(
            IndicatorRevision.subject_kind == kind,
            IndicatorRevision.week_start == week_start,
            IndicatorRevision.submitted_at < at,
        )
        .order_by(IndicatorRevision.submitted_at, IndicatorRevision.id)  # the latest last
    )
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for subject, metric, numerator, denominator in (await session.execute(latest)).all():
        found[(subject, metric)] = (numerator, denominator)
    return [(s, m, n, d) for (s, m), (n, d) in found.items()]
