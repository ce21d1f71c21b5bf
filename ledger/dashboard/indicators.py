"""The week's indicators per district: 三率 (实名制更新率, 项目经理到岗率, 监理总监到岗率) as
submitted, 一金三制 and 8个100% as the district's projects summed (sum over sum)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dashboard.figures import IndicatorRow, IndicatorWeek
from domain.indicators.districts import DistrictMetric, percent
from domain.indicators.projects import METRIC_GROUPS, MetricGroup
from ledger.dashboard.scope import Scope
from ledger.indicators import service as indicators
from ledger.indicators.tables import DistrictIndicator, ProjectIndicator


async def latest_week(*, session: AsyncSession, today: date) -> date:
    """This week's Monday, or the last week anything was submitted for before it."""
    monday = today - timedelta(days=today.weekday())
    weeks = union_all(
        *(
            select(func.max(table.week_start).label("week")).where(table.week_start <= monday)
            for table in (DistrictIndicator, ProjectIndicator)
        )
    ).subquery()
    latest = await session.scalar(select(func.max(weeks.c.week)))
    return latest or monday


async def indicator_week(*, session: AsyncSession, scope: Scope, today: date) -> IndicatorWeek:
    week = await latest_week(session=session, today=today)
    rates: dict[str, dict[str, Decimal | None]] = {}
    for row in await indicators.week(session=session, week_start=week):
        if scope.holds(row.district):
            rates.setdefault(row.district, {})[row.metric] = percent(row.numerator, row.denominator)
    sums: dict[tuple[str, MetricGroup], tuple[int, int]] = {}
    for total in await indicators.district_totals(session=session, week_start=week):
        if scope.holds(total.district):
            key = (total.district, METRIC_GROUPS[total.metric])
            numerator, denominator = sums.get(key, (0, 0))
            sums[key] = (numerator + total.numerator, denominator + total.denominator)
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
