"""Progress toward each dated goal of a campaign (两清零, 动态清零): its day, the working days
left, and how much of what it covers is cleared."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.calendar.workdays import WorkingCalendar
from domain.dashboard.figures import GoalProgress, HazardSummary
from domain.dashboard.goals import GoalSubject, goal_subject
from domain.indicators.districts import percent
from domain.plan.dates import local_date
from domain.plan.model import Plan
from domain.plan.schedule import schedule_plan
from ledger.campaigns.tables import Campaign
from ledger.cases.settings import project_types
from ledger.dashboard.cases import Tally, covered


def goal_progress(
    *,
    campaign: Campaign,
    plan: Plan,
    working: WorkingCalendar,
    today: date,
    tallies: Sequence[Tally],
    hazards: HazardSummary,
) -> tuple[GoalProgress, ...]:
    """The goal dates as the case limits evaluate them (from the stored plan, as of the
    campaign's creation), so the dashboard and a case's close limit name the same day."""
    dates = schedule_plan(plan, calendar=working, now=campaign.created_at)
    found = []
    for index, goal in enumerate(plan.goals):
        value = dates.values.get(f"goals[{index}].date")
        if value is None:
            continue
        deadline = local_date(value)
        subject = goal_subject(goal.key, goal.name)
        types = tuple(t.value for t in project_types(goal.project_types))
        if subject is GoalSubject.HAZARDS:
            total, still_open = hazards.total, hazards.open
        else:
            total, still_open = covered(tallies, types)
        found.append(
            GoalProgress(
                key=goal.key, name=goal.name, deadline=deadline,
                working_days_left=working.working_days_between(today, deadline),
                subject=subject, project_types=types, total=total,
                cleared=total - still_open, open=still_open,
                rate=percent(total - still_open, total),
            )
        )  # fmt: skip
    return tuple(found)
