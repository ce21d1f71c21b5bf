"""The week's indicators per district: 三率 (实名制更新率, 项目经理到岗率, 监理总监到岗率) as
submitted, 一金三制 and 8个100% as the district's projects summed (sum over sum)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Date, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dashboard.figures import IndicatorRow, IndicatorWeek
from domain.indicators.districts import DistrictMetric, percent
from domain.indicators.projects import METRIC_GROUPS, MetricGroup, ProjectMetric
from ledger.dashboard.scope import Scope
from ledger.indicators.tables import DistrictIndicator, ProjectIndicator
from ledger.projects.tables import Project

Counted = tuple[str, date, str, str, int, int]  # kind, week, district, metric, numerator, base


async def _counts(session: AsyncSession, monday: date) -> list[Counted]:
    """One query: the latest week up to `monday` that has any figures, its districts' own
    counts, and its projects' counts summed per district and metric."""
    weeks = union_all(
        *(
            select(func.max(table.week_start).label("week")).where(table.week_start <= monday)
            for table in (DistrictIndicator, ProjectIndicator)
        )
    ).subquery()
    latest = select(func.coalesce(func.max(weeks.c.week), literal(monday, Date))).scalar_subquery()
    own = select(
        literal("district"), DistrictIndicator.week_start, DistrictIndicator.district,
        DistrictIndicator.metric, DistrictIndicator.numerator, DistrictIndicator.denominator,
    ).where(DistrictIndicator.week_start == latest)  # fmt: skip
    projects = (
        select(
            literal("project"), ProjectIndicator.week_start, Project.district,
            ProjectIndicator.metric, func.sum(ProjectIndicator.numerator),
            func.sum(ProjectIndicator.denominator),
        )
        .join(Project, Project.code == ProjectIndicator.project)
        .where(ProjectIndicator.week_start == latest)
        .group_by(ProjectIndicator.week_start, Project.district, ProjectIndicator.metric)
    )  # fmt: skip
    found = (await session.execute(union_all(own, projects))).all()
    return [(k, w, d, m, int(n), int(b)) for k, w, d, m, n, b in found]


async def indicator_week(*, session: AsyncSession, scope: Scope, today: date) -> IndicatorWeek:
    """This week's figures, or the last week anything was submitted for before it."""
    monday = today - timedelta(days=today.weekday())
    rates: dict[str, dict[str, Decimal | None]] = {}
    sums: dict[tuple[str, MetricGroup], tuple[int, int]] = {}
    counted = await _counts(session, monday)
    week = counted[0][1] if counted else monday  # every row is of the one week chosen
    for kind, _week, district, metric, numerator, denominator in counted:
        if not scope.holds(district):
            continue
        if kind == "district":
            rates.setdefault(district, {})[metric] = percent(numerator, denominator)
        else:
            key = (district, METRIC_GROUPS[ProjectMetric(metric)])
            before = sums.get(key, (0, 0))
            sums[key] = (before[0] + numerator, before[1] + denominator)
    districts = sorted(set(rates) | {district for district, _group in sums})

    def group_rate(district: str, group: MetricGroup) -> Decimal | None:
        both = sums.get((district, group))
        return None if both is None else percent(*both)

    return IndicatorWeek(
        week_start=week,
        rows=tuple(
            IndicatorRow(
                district=d,
                name=scope.tree.name(d),
                real_name_update=rates.get(d, {}).get(DistrictMetric.REAL_NAME_UPDATE),
                manager_on_site=rates.get(d, {}).get(DistrictMetric.MANAGER_ON_SITE),
                supervisor_on_site=rates.get(d, {}).get(DistrictMetric.SUPERVISOR_ON_SITE),
                fund_rate=group_rate(d, MetricGroup.ONE_FUND_THREE_SYSTEMS),
                full_rate=group_rate(d, MetricGroup.EIGHT_FULL_RATES),
            )
            for d in districts
        ),
    )
