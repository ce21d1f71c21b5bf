"""The rules a new case is handled under: loaded calendar years and running campaigns' goals."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.workdays import covering_years
from domain.cases.campaign_rules import CaseRules
from domain.cases.intake import ProjectType
from domain.cases.limits import CampaignGoal
from domain.cases.state import CaseSettings
from domain.plan.dates import local_date
from domain.plan.model import Plan
from domain.plan.schedule import schedule_plan
from infra.clock import today_in_beijing
from ledger.calendar import service as calendar
from ledger.campaigns.tables import Campaign
from ledger.units import service as units

_PROJECT_WORDS = (
    ("政府", ProjectType.GOVERNMENT),
    ("国企", ProjectType.SOE),
    ("国有", ProjectType.SOE),
    ("PPP", ProjectType.PPP),
)


def project_types(words: list[str]) -> tuple[ProjectType, ...]:
    """A plan names project types in Chinese (政府投资项目, 国企项目, PPP项目)."""
    found = {kind for word in words for key, kind in _PROJECT_WORDS if key in word.upper()}
    return tuple(sorted(found))


async def case_settings(*, session: AsyncSession, district: str | None = None) -> CaseSettings:
    """Defaults, the loaded calendar, and every dated goal of a running campaign (两清零)."""
    working = await calendar.working_calendar(session=session)
    goals: list[CampaignGoal] = []
    rules: CaseRules | None = None
    running = (await session.scalars(select(Campaign).where(Campaign.status == "running"))).all()
    territory = (
        set(await units.ancestors(session=session, code=district)) | {district}
        if district
        else set()
    )
    for campaign in running:
        plan = Plan.model_validate(campaign.plan)
        if plan.case_rules is not None and campaign.root_unit in territory and rules is None:
            rules = plan.case_rules  # the first running campaign covering the district decides
        dates = schedule_plan(plan, calendar=working, now=campaign.created_at)  # dates only
        for index, goal in enumerate(plan.goals):
            value = dates.values.get(f"goals[{index}].date")
            if value is not None:
                goals.append(
                    CampaignGoal(
                        name=f"{campaign.title}：{goal.name}",
                        deadline=local_date(value),
                        project_types=project_types(goal.project_types),
                    )
                )
    chosen = rules or CaseRules()
    return CaseSettings(
        goals=tuple(goals),
        calendar=tuple(working.frozen(covering_years(today_in_beijing()))),
        calendar_sealed=True,
        limits=chosen.limits,
        major_rule=chosen.major,
    )
