"""Each dated goal of a campaign's plan, with what the ledger says of it at the report's instant."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from domain.indicators.projects import MetricGroup
from domain.plan.dates import local_date
from domain.plan.model import Plan
from domain.plan.schedule import schedule_plan
from domain.reports.figures import GoalRow, HazardFigures
from domain.reports.goals import CaseCount, GoalSpec, Progress, goal_rows
from ledger.calendar import service as calendar
from ledger.campaigns.tables import Campaign
from ledger.cases.settings import project_types
from ledger.reports.cases import CaseAsOf

GROUP_NAMES = {
    MetricGroup.ONE_FUND_THREE_SYSTEMS: "一金三制",
    MetricGroup.EIGHT_FULL_RATES: "8个100%",
}


async def goal_specs(*, session: AsyncSession, campaign: Campaign, plan: Plan) -> list[GoalSpec]:
    """The plan's goals with their dates, as the campaign resolved them (its own start)."""
    working = await calendar.working_calendar(session=session)
    dates = schedule_plan(plan, calendar=working, now=campaign.created_at)
    specs = []
    for index, goal in enumerate(plan.goals):
        value = dates.values.get(f"goals[{index}].date")
        specs.append(
            GoalSpec(
                name=goal.name,
                deadline=None if value is None else local_date(value),
                project_types=tuple(t.value for t in project_types(goal.project_types)),
            )
        )
    return specs


def goals(
    specs: Sequence[GoalSpec],
    hazards: HazardFigures,
    cases: Sequence[CaseAsOf],
    projects: dict[MetricGroup, tuple[int, int]],
) -> tuple[GoalRow, ...]:
    progress = Progress(
        hazards=hazards,
        cases=tuple(CaseCount(project_type=c.project_type, closed=c.closed) for c in cases),
        projects={GROUP_NAMES[group]: counts for group, counts in projects.items()},
    )
    return goal_rows(specs, progress)
