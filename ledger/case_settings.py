"""The rules a new case is handled under: loaded calendar years and running campaigns' goals."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.cases.intake import ProjectType
from domain.cases.limits import CampaignGoal
from domain.cases.state import CaseSettings
from domain.plan.model import Plan
from domain.plan.resolve import resolve_plan
from ledger import calendar, units
from ledger.campaigns_table import Campaign

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


async def case_settings(*, session: AsyncSession) -> CaseSettings:
    """Defaults, the loaded calendar, and every dated goal of a running campaign (两清零)."""
    working = await calendar.working_calendar(session=session)
    goals: list[CampaignGoal] = []
    running = (await session.scalars(select(Campaign).where(Campaign.status == "running"))).all()
    tree = await units.all_specs(session=session) if running else []
    for campaign in running:
        plan = Plan.model_validate(campaign.plan)
        resolved = resolve_plan(plan, calendar=working, now=campaign.created_at, units=tree)
        for goal, declared in zip(resolved.goals, plan.goals, strict=True):
            if goal.date is not None:
                goals.append(
                    CampaignGoal(
                        name=f"{campaign.title}：{goal.name}",
                        deadline=goal.date,
                        project_types=project_types(declared.project_types),
                    )
                )
    return CaseSettings(goals=tuple(goals), calendar=tuple(working.arrangements))
