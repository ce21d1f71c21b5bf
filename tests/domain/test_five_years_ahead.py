"""Every start day from today to five years ahead: no deadline the system computes lands on a day
off (unless the plan says so) or crosses a Spring Festival without counting its holiday out and
saying the year is provisional (the scenario helpers have their own sweep, tests/test_scenario_dates.py).

The suite will run on days nobody has tried; this is how we know it still holds then.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
import yaml

from documents.plan_file import load_plan_file
from documents.units_file import read_units_file
from domain.calendar import festivals
from domain.calendar.workdays import WorkingCalendar
from domain.cases.intake import CaseSource
from domain.cases.limits import DEFAULT_LIMITS, accept_deadline, close_deadline
from domain.escalation import DEFAULT_LADDER, beijing_date, start_of_day, step_due_at
from domain.plan.errors import PlanInvalid
from domain.plan.model import DayOffRule, Plan
from domain.plan.resolve import ResolvedCampaign, resolve_plan
from domain.units.model import UnitSpec
from tests import scenario_dates as sd

CALENDAR = WorkingCalendar()
TODAY = sd.machine_today()
DAYS = [TODAY + timedelta(days=n) for n in range(5 * 366)]
PLANS = Path(__file__).resolve().parents[2] / "plans"
TEMPLATES = sorted(p.stem for p in PLANS.glob("*.yaml"))


def test_no_limit_counted_in_working_days_lands_on_a_day_off() -> None:
    for day in DAYS:
        for n in (1, 2, 5, 10, 60):
            due = CALENDAR.add_working_days(day, n)
            assert CALENDAR.is_working_day(due), (day, n)
            assert CALENDAR.working_days_between(day, due) == n, (day, n)
        accept = accept_deadline(day, DEFAULT_LIMITS, CALENDAR)
        close, _ = close_deadline(day, CaseSource.HOTLINE, None, DEFAULT_LIMITS, (), CALENDAR)
        assert CALENDAR.is_working_day(accept) and CALENDAR.is_working_day(close), day
        for step in DEFAULT_LADDER.steps:  # every rung falls inside a working day in Beijing
            fires = step_due_at(close, step, CALENDAR)
            worked = (
                beijing_date(fires - timedelta(seconds=1))
                if fires == start_of_day(beijing_date(fires))
                else beijing_date(fires)
            )
            assert CALENDAR.is_working_day(worked), (day, step.key)


def test_a_limit_across_the_spring_festival_counts_its_holiday_out() -> None:
    crossed = 0
    for day in DAYS:
        due = CALENDAR.add_working_days(day, 60)
        festival = festivals.spring_festival(due.year)
        if not day < festival <= due:
            continue
        crossed += 1
        holiday = [festival + timedelta(days=k) for k in range(-1, 3)]
        assert not any(CALENDAR.is_working_day(d) for d in holiday)  # eve to the third day
        counted = sum(
            CALENDAR.is_working_day(day + timedelta(days=k)) for k in range(1, (due - day).days + 1)
        )
        assert counted == 60, day
        year = CALENDAR.arrangement(festival.year)
        without = WorkingCalendar(  # the same year as if the festival gave no day off
            [
                year.model_copy(
                    update={"holidays": tuple(h for h in year.holidays if festival not in h.days())}
                )
            ]
        )
        weekdays_off = len([d for d in holiday if d.weekday() < 5])
        assert (without.add_working_days(day, 60) < due) == (weekdays_off > 0), day
    assert crossed > 200  # every winter of the five years was tried


@cache
def _units(template: str) -> tuple[Plan, tuple[UnitSpec, ...]]:
    plan = Plan.model_validate(yaml.safe_load((PLANS / f"{template}.yaml").read_text("utf-8")))
    assert plan.units_file is not None
    return plan, tuple(read_units_file(PLANS / plan.units_file).units)


def _start(template: str, day: date) -> ResolvedCampaign | None:
    """The template started on `day`, or None where its dates refuse that start (a 422)."""
    now = start_of_day(day) + timedelta(hours=9)
    try:
        plan = load_plan_file(PLANS / f"{template}.yaml", calendar=CALENDAR, now=now, start=day)
    except PlanInvalid as refused:
        assert all(e.path and e.message for e in refused.errors)
        return None
    return resolve_plan(plan, calendar=CALENDAR, now=now, units=_units(template)[1])


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_started_on_any_day_of_five_years(template: str) -> None:
    plan, _ = _units(template)
    kept = {t.key for t in plan.tasks if t.on_day_off is DayOffRule.KEEP}
    started = 0
    for day in DAYS[::3]:
        campaign = _start(template, day)
        if campaign is None:
            continue
        started += 1
        for assignment in campaign.assignments:
            if assignment.task_key not in kept:
                assert CALENDAR.is_working_day(assignment.deadline), (day, assignment.key)
            assert assignment.deadline >= day, (day, assignment.key)
        if campaign.period_end is not None:
            festival = festivals.spring_festival(campaign.period_end.year)
            if campaign.period_end < festival:  # "春节前": a working day before its holiday
                assert CALENDAR.is_working_day(campaign.period_end), day
                assert campaign.period_end < festival - timedelta(days=1), day
        years = {a.deadline.year for a in campaign.assignments} | {day.year}
        assert {y for y in years if CALENDAR.is_provisional(y)} <= set(
            campaign.provisional_years
        ), day
    assert started > 0, f"{template} could be started on no day of five years"
