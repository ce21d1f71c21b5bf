"""The dashboard in one call: each panel's figures from indexed tables and the case tallies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from domain.dashboard.figures import (
    CampaignBrief,
    Dashboard,
    HazardSummary,
    IndicatorWeek,
    SupervisionList,
    TaskPanels,
)
from domain.plan.model import Plan
from domain.reports.figures import DistrictRow
from ledger.calendar import service as calendar
from ledger.campaigns.tables import Campaign
from ledger.dashboard import tasks
from ledger.dashboard.cases import Tally, open_major, summary, tallies
from ledger.dashboard.goals import goal_progress
from ledger.dashboard.hazards import hazard_summary
from ledger.dashboard.indicators import indicator_week
from ledger.dashboard.ranking import district_ranking
from ledger.dashboard.scope import Scope, scope_for, unit_tree

WHOLE = "全部单位"


@dataclass(frozen=True)
class Territory:
    """What a territory shows whatever the campaign: its cases, hazards and indicators."""

    scope: Scope
    tallies: list[Tally]
    hazards: HazardSummary
    week: IndicatorWeek


async def _territory(session: AsyncSession, scope: Scope, today: date) -> Territory:
    return Territory(
        scope=scope,
        tallies=await tallies(session=session, scope=scope),
        hazards=await hazard_summary(session=session, scope=scope),
        week=await indicator_week(session=session, scope=scope, today=today),
    )


async def _ranking(
    session: AsyncSession,
    campaign: Campaign,
    mine: Territory,
    sums: tasks.TaskSums,
    today: date,
) -> tuple[DistrictRow, ...]:
    """Ranked over every district of the campaign; a district account sees its own row."""
    wide = scope_for(mine.scope.tree, None, campaign.root_unit)
    if wide.codes == mine.scope.codes:
        wide_sums, wide_tallies, wide_week = sums, mine.tallies, mine.week
    else:
        wide_sums = await tasks.task_sums(
            session=session, campaign_id=campaign.id, scope=wide, today=today
        )
        wide_tallies = await tallies(session=session, scope=wide)
        wide_week = await indicator_week(session=session, scope=wide, today=today)
    ranked = district_ranking(
        tree=mine.scope.tree, root=campaign.root_unit, sums=wide_sums,
        tallies=wide_tallies, week=wide_week,
    )  # fmt: skip
    return tuple(row for row in ranked if mine.scope.holds(row.code))


async def _panels(
    session: AsyncSession, campaign: Campaign, plan: Plan, mine: Territory, today: date
) -> TaskPanels:
    scope = mine.scope
    sums = await tasks.task_sums(session=session, campaign_id=campaign.id, scope=scope, today=today)
    return TaskPanels(
        campaign=CampaignBrief(
            id=campaign.id, title=campaign.title, status=campaign.status,
            root_unit=campaign.root_unit, period_start=campaign.period_start,
            period_end=campaign.period_end,
        ),
        phases=await tasks.phases(session=session, campaign_id=campaign.id, sums=sums),
        units=tasks.units(sums, scope),
        overdue_total=sums.overdue,
        overdue=await tasks.longest_overdue(
            session=session, campaign_id=campaign.id, scope=scope, today=today
        ),
        escalations=tasks.ladder_counts(sums, plan.escalation),
        supervision=SupervisionList(
            total=sums.open_at(*tasks.SUPERVISED),
            items=await tasks.supervision(session=session, campaign_id=campaign.id, scope=scope),
            major_cases=open_major(mine.tallies),
        ),
        ranking=await _ranking(session, campaign, mine, sums, today),
        goals=goal_progress(
            campaign=campaign, plan=plan, working=await calendar.working_calendar(session=session),
            today=today, tallies=mine.tallies, hazards=mine.hazards,
        ),
    )  # fmt: skip


async def dashboard(
    *, session: AsyncSession, own_unit: str | None, campaign: Campaign | None, today: date
) -> Dashboard:
    """`own_unit` for a district account, None for the office and leaders."""
    tree = await unit_tree(session=session)
    root = campaign.root_unit if campaign is not None else None
    mine = await _territory(session, scope_for(tree, own_unit, root), today)
    plan = None if campaign is None else Plan.model_validate(campaign.plan)
    return Dashboard(
        as_of=today,
        scope_unit=own_unit,
        scope_name=tree.name(own_unit) if own_unit else (plan.region if plan else WHOLE),
        campaign=(
            None
            if campaign is None or plan is None
            else await _panels(session, campaign, plan, mine, today)
        ),
        cases=summary(mine.tallies, mine.scope),
        hazards=mine.hazards,
        indicators=mine.week,
    )
