"""Project indicators in the ledger: a city's week in one call, summed per district."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.indicators.projects import ProjectIndicatorRow, ProjectMetric, ProjectWeeklySubmission
from domain.units.model import UnitKind, UnitLevel, UnitSpec
from ledger.indicators import service as indicators
from ledger.indicators.tables import ProjectIndicator
from ledger.projects.tables import Project
from ledger.units import service as units
from tests.scenario_dates import machine_today, monday_of

# A week no API test uses (they file last week's): their rows stay committed, and this test
# counts every row of its week.
MONDAY = monday_of(machine_today()) + timedelta(days=14)


async def test_a_week_larger_than_one_statement_is_saved_whole(db_session: AsyncSession) -> None:
    # 1 200 projects × 12 metrics = 14 400 rows: more bind parameters than PostgreSQL takes at once.
    district = UnitSpec(code="x.d", name="某区", level=UnitLevel.DISTRICT, kind=UnitKind.DISTRICT)
    await units.upsert_many(session=db_session, units=[district])
    codes = [f"P-{n:04d}" for n in range(1200)]
    await db_session.execute(
        insert(Project),
        [
            {"code": c, "name": c, "district": "x.d", "project_type": "social", "updated_by": "t"}
            for c in codes
        ],
    )
    rows = tuple(
        ProjectIndicatorRow(project=code, metric=metric, numerator=1, denominator=2)
        for code in codes
        for metric in ProjectMetric
    )
    week = ProjectWeeklySubmission(week_start=MONDAY, rows=rows)
    saved = await indicators.save_project_week(
        session=db_session, submission=week, by="t", at=datetime.now(UTC)
    )
    assert saved == 14_400
    stored = await db_session.scalar(
        select(func.count()).where(ProjectIndicator.week_start == MONDAY)
    )
    assert stored == 14_400
    totals, count = await indicators.district_totals(
        session=db_session, week_start=MONDAY, district="x.d", limit=500, offset=0
    )
    assert count == len(totals)
    assert {(t.projects, t.numerator, t.denominator, str(t.rate)) for t in totals} == {
        (1200, 1200, 2400, "50.0")
    }
    assert len(totals) == len(ProjectMetric)
