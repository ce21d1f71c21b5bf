"""One report's figures, gathered from the ledger as of its instant."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ARRAY, String, any_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.escalation import start_of_day
from domain.indicators.districts import DistrictMetric, percent
from domain.indicators.projects import METRIC_GROUPS, MetricGroup, ProjectMetric
from domain.plan.model import Plan, ReportingDuty, ReportKind
from domain.reports.figures import (
    DistrictRow,
    EscalationRow,
    MajorCaseRow,
    PhaseRow,
    ReportFigures,
)
from domain.reports.letterhead import addressee, copy_to
from domain.reports.periods import ReportPeriod, last_day, period_for
from domain.reports.ranking import rank_districts
from domain.reports.requests import GatherInput
from ledger.campaigns.tables import Campaign, CampaignPhase
from ledger.indicators import service as indicators
from ledger.projects.tables import Project
from ledger.reports.cases import (
    CaseAsOf,
    case_escalation_rows,
    case_figures,
    cases_as_of,
    clue_rows,
    major_row,
)
from ledger.reports.hazards import hazard_figures
from ledger.reports.leaders import leader_names
from ledger.reports.progress import goal_specs, goals
from ledger.reports.tasks import TaskAsOf, escalation_rows, overdue_rows, task_figures, tasks_as_of
from ledger.reports.territory import Territory, territory

MEAN = "mean"


class UnknownDuty(LookupError):
    """The campaign or its reporting duty does not exist (any more)."""


async def _indicator_rates(
    session: AsyncSession, week_start: date, at: datetime
) -> dict[str, dict[str, Decimal]]:
    """Each district's 三率 that week as submitted by `at`, by metric, and their mean ("mean")."""
    rates: dict[str, dict[str, Decimal]] = {}
    for district, metric, numerator, denominator in await indicators.counts_as_of(
        session=session, kind="district", week_start=week_start, at=at
    ):
        rate = percent(numerator, denominator)
        if rate is not None:
            rates.setdefault(district, {})[metric] = rate
    for found in rates.values():
        mean = sum(found.values(), Decimal(0)) / len(found)
        found[MEAN] = mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return rates


async def _project_counts(
    session: AsyncSession, week_start: date, at: datetime
) -> dict[tuple[str, MetricGroup], tuple[int, int]]:
    """Per district and group (一金三制, 8个100%): the week's project counts by `at`, summed
    (each project under the district it belongs to now)."""
    counts = await indicators.counts_as_of(
        session=session, kind="project", week_start=week_start, at=at
    )
    owners = select(Project.code, Project.district).where(
        Project.code == any_(bindparam("projects", list({c[0] for c in counts}), ARRAY(String)))
    )
    district_of = dict((await session.execute(owners)).all())
    sums: dict[tuple[str, MetricGroup], tuple[int, int]] = {}
    for project, metric, numerator, denominator in counts:
        key = (district_of[project], METRIC_GROUPS[ProjectMetric(metric)])
        total = sums.get(key, (0, 0))
        sums[key] = (total[0] + numerator, total[1] + denominator)
    return sums


def _district_rows(
    land: Territory,
    tasks: Sequence[TaskAsOf],
    cases: Sequence[CaseAsOf],
    rates: dict[str, dict[str, Decimal]],
    projects: dict[tuple[str, MetricGroup], tuple[int, int]],
) -> tuple[DistrictRow, ...]:
    rows = []
    for district in land.districts:
        mine = [t for t in tasks if t.due and land.district_of.get(t.unit) == district]
        own = [c for c in cases if district in (c.district, land.district_of.get(c.district))]
        on_time = sum(t.on_time for t in mine)
        closed = sum(c.closed for c in own)
        week = rates.get(district, {})
        fund = projects.get((district, MetricGroup.ONE_FUND_THREE_SYSTEMS), (0, 0))
        full = projects.get((district, MetricGroup.EIGHT_FULL_RATES), (0, 0))
        rows.append(
            DistrictRow(
                rank=0,
                code=district,
                name=land.name(district),
                tasks_due=len(mine),
                tasks_on_time=on_time,
                on_time_rate=percent(on_time, len(mine)),
                cases_received=len(own),
                cases_closed=closed,
                clearance_rate=percent(closed, len(own)),
                indicator_rate=week.get(MEAN),
                fund_rate=percent(*fund),
                full_rate=percent(*full),
                real_name_rate=week.get(DistrictMetric.REAL_NAME_UPDATE),
                manager_rate=week.get(DistrictMetric.MANAGER_ON_SITE),
                supervisor_rate=week.get(DistrictMetric.SUPERVISOR_ON_SITE),
            )
        )
    return rank_districts(rows)


async def _phases(
    session: AsyncSession, campaign_id: str, day: date
) -> tuple[tuple[PhaseRow, ...], tuple[PhaseRow, ...]]:
    phases = (
        await session.scalars(
            select(CampaignPhase)
            .where(CampaignPhase.campaign_id == campaign_id)
            .order_by(CampaignPhase.start, CampaignPhase.key)
        )
    ).all()
    current = tuple(
        PhaseRow(name=p.name, start=p.start, end=p.end) for p in phases if p.start <= day <= p.end
    )
    coming = tuple(PhaseRow(name=p.name, start=p.start, end=p.end) for p in phases if p.start > day)
    return current, coming


async def _campaign_and_duty(
    session: AsyncSession, request: GatherInput
) -> tuple[Campaign, Plan, ReportingDuty]:
    campaign = await session.get(Campaign, request.campaign_id)
    if campaign is None:
        raise UnknownDuty(f"专项行动 {request.campaign_id} 不存在")
    plan = Plan.model_validate(campaign.plan)
    duty = next((d for d in plan.reporting if d.key == request.duty_key), None)
    if duty is None:
        raise UnknownDuty(f"专项行动方案中没有报送事项 {request.duty_key}")
    return campaign, plan, duty


def _period(duty: ReportingDuty, request: GatherInput, campaign: Campaign) -> ReportPeriod:
    """The span as of the instant; a report produced after a day off says so."""
    period = period_for(duty.kind, request.as_of, campaign.period_start)
    due = request.deferred_from
    if due is None:
        return period
    return period.model_copy(
        update={"label": f"{period.label}（{due.month}月{due.day}日遇休息日，顺延报送）"}
    )


async def _escalations(
    session: AsyncSession, campaign: Campaign, plan: Plan, period: ReportPeriod, land: Territory
) -> tuple[EscalationRow, ...]:
    """The ladder's records on tasks and on case limits in the period, in recorded order."""
    on_tasks = await escalation_rows(
        session=session, campaign_id=campaign.id, period=period, land=land
    )
    on_cases = await case_escalation_rows(
        session=session,
        land=land,
        period=period,
        labels={step.key: step.label for step in plan.escalation.steps},
    )
    return tuple(sorted(on_tasks + on_cases, key=lambda e: (e.recorded_at, e.unit)))


def _title(duty: ReportingDuty, campaign: Campaign, subject: MajorCaseRow | None) -> str:
    """A 专报 names its case, district and campaign, so sixty of them are told apart."""
    if subject is None:
        return duty.title
    return f"关于{campaign.title}中{subject.district_name}{subject.case_number}号重大欠薪案件的专报"


def _majors(
    cases: Sequence[CaseAsOf], land: Territory, leaders: dict[str, str]
) -> tuple[MajorCaseRow, ...]:
    """Unresolved first, the largest sums first."""
    rows = (major_row(c, land, leaders) for c in cases if c.major)
    return tuple(sorted(rows, key=lambda m: (m.status == "已办结", -m.amount, m.case_number)))


async def _subject(session: AsyncSession, request: GatherInput, land: Territory) -> CaseAsOf | None:
    """A 专报's case wherever it is (a case of the backlog may become major any time)."""
    if request.case_id is None:
        return None
    at = request.as_of
    found = await cases_as_of(session=session, land=land, since=at, at=at, only=request.case_id)
    return found[0] if found else None


async def gather(*, session: AsyncSession, request: GatherInput) -> ReportFigures:
    campaign, plan, duty = await _campaign_and_duty(session, request)
    at = request.as_of
    period = _period(duty, request, campaign)
    land = await territory(session=session, root=campaign.root_unit)
    tasks = await tasks_as_of(session=session, campaign_id=campaign.id, at=at)
    since = start_of_day(campaign.period_start)
    cases = await cases_as_of(session=session, land=land, since=since, at=at)
    day = last_day(at)
    monday = day - timedelta(days=day.weekday())
    projects = await _project_counts(session, monday, at)
    current, coming = await _phases(session, campaign.id, day)
    about = await _subject(session, request, land)
    named = {c.leader for c in [*cases, *([about] if about else [])]}
    leaders = await leader_names(session=session, usernames=named)
    subject = None if about is None else major_row(about, land, leaders)
    hazards = await hazard_figures(session=session, land=land, since=period.start, at=at, day=day)
    specs = await goal_specs(session=session, campaign=campaign, plan=plan)
    return ReportFigures(
        report_id=request.report_id,
        campaign_id=campaign.id,
        campaign_title=campaign.title,
        duty_key=duty.key,
        kind=duty.kind,
        title=_title(duty, campaign, subject),
        issuer=land.issuer,
        issuer_unit=land.office,
        addressee=addressee(land.kinds, land.full_name(land.root), special=about is not None),
        copy_to=copy_to(
            land.full_name(land.root), None if about is None else land.full_name(about.district)
        ),
        period=period,
        tasks=task_figures(tasks),
        cases_in_period=case_figures([c for c in cases if c.received_at >= period.start]),
        cases_total=case_figures(cases),
        districts=_district_rows(
            land, tasks, cases, await _indicator_rates(session, monday, at), projects
        ),
        overdue=overdue_rows(tasks, at, land),
        escalations=await _escalations(session, campaign, plan, period, land),
        major_cases=_majors(cases, land, leaders),
        clues=clue_rows(cases, land, period.start) if duty.kind is ReportKind.MONTHLY else (),
        current_phases=current,
        next_phases=coming,
        hazards=hazards,
        goals=goals(specs, hazards, cases, _group_totals(projects)),
        case=subject,
        case_id=request.case_id,
        requested_by=request.requested_by,
    )


def _group_totals(
    projects: dict[tuple[str, MetricGroup], tuple[int, int]],
) -> dict[MetricGroup, tuple[int, int]]:
    totals: dict[MetricGroup, tuple[int, int]] = {}
    for (_district, group), (numerator, denominator) in projects.items():
        done, of = totals.get(group, (0, 0))
        totals[group] = (done + numerator, of + denominator)
    return totals
