"""Binding a template to a year and a unit tree: the campaign as the workflows will run it.

The result is frozen and plain (dates, codes, no expressions) so it can travel through Temporal
and be replayed: nothing in it depends on when or where it is read again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict

from domain.calendar.workdays import WorkingCalendar
from domain.escalation import EscalationLadder, deadline_at
from domain.plan.dates import local_date
from domain.plan.errors import PlanError, PlanInvalid
from domain.plan.model import (
    DayOffRule,
    Deliverable,
    PhaseKind,
    Plan,
    Recurrence,
    RecurrenceEvery,
    ReportKind,
    Selector,
)
from domain.plan.schedule import PlanDates, day_off_note, on_day_off, schedule_plan
from domain.tasks.figures import FigureField
from domain.units.model import UnitKind, UnitLevel, UnitSpec

_FROZEN = ConfigDict(frozen=True)


class ResolvedPhase(BaseModel):
    model_config = _FROZEN

    key: str
    name: str
    kind: PhaseKind
    start: date
    end: date


class ResolvedGoal(BaseModel):
    model_config = _FROZEN

    key: str
    name: str
    date: date | None
    scope: str
    project_types: list[str]


class ResolvedAssignment(BaseModel):
    """One unit's share of one task (of one occurrence); `deadline_at` is the instant the timer
    uses, `deadline` the day people see. For a date deadline it is the end of that day."""

    model_config = _FROZEN

    key: str
    task_key: str
    occurrence: str | None
    title: str
    description: str
    phase_key: str | None
    lead_unit: str
    unit: str
    deadline: date
    deadline_at: datetime
    deliverables: list[Deliverable]
    figures: list[FigureField] = []


class ResolvedReporting(BaseModel):
    model_config = _FROZEN

    key: str
    kind: ReportKind
    title: str
    owners: list[str]
    due: date | None
    weekday: int | None
    day_of_month: int | None
    start: date | None
    end: date | None
    on_day_off: DayOffRule | None = None  # None in campaigns prepared before: by kind
    due_note: str = ""  # why `due` is not the plan's day (it fell on a day off)


class ResolvedCampaign(BaseModel):
    model_config = _FROZEN

    plan_key: str
    title: str
    level: UnitLevel
    region: str
    root_unit: str
    standing: bool
    period_start: date
    period_end: date | None
    phases: list[ResolvedPhase]
    goals: list[ResolvedGoal]
    assignments: list[ResolvedAssignment]
    reporting: list[ResolvedReporting]
    provisional_years: list[int]
    escalation: EscalationLadder


def assignment_key(task_key: str, unit: str, occurrence: str | None) -> str:
    """Stable across restarts so it can be part of a workflow id (`task:{campaign}:{key}`)."""
    return f"{task_key}:{unit}" if occurrence is None else f"{task_key}:{unit}:{occurrence}"


class _Tree:
    """The units under the plan's root, answering the selectors the plans write."""

    def __init__(self, units: Sequence[UnitSpec], root: str) -> None:
        self.codes = {unit.code for unit in units}
        children: dict[str, list[UnitSpec]] = {}
        for unit in units:
            if unit.parent is not None:
                children.setdefault(unit.parent, []).append(unit)
        self.children = children
        self.root = root
        self.below: list[UnitSpec] = []
        pending = list(children.get(root, []))
        while pending:
            unit = pending.pop(0)
            self.below.append(unit)
            pending.extend(children.get(unit.code, []))

    def select(self, ref: str) -> list[str]:
        direct = self.children.get(self.root, [])
        districts = [u.code for u in direct if u.kind is UnitKind.DISTRICT]
        match ref:
            case Selector.DISTRICTS:
                return districts
            case Selector.DISTRICT_OFFICES:
                return [
                    u.code
                    for d in districts
                    for u in self.children.get(d, [])
                    if u.kind is UnitKind.OFFICE
                ]
            case Selector.MEMBERS:
                return [u.code for u in direct if u.kind is UnitKind.MEMBER_UNIT]
            case Selector.VILLAGES:
                return [u.code for u in self.below if u.kind is UnitKind.VILLAGE]
            case Selector.TOWNS:
                return [u.code for u in self.below if u.kind is UnitKind.TOWN]
            case Selector.DEPUTY_LEADERS:
                return [u.code for u in self.below if u.deputy_leader]
        return [ref] if ref in self.codes else []


def _expand(
    tree: _Tree, located: Sequence[tuple[str, str]], problems: list[PlanError]
) -> list[str]:
    """Unit codes for (path, reference) pairs, in order and without repeats."""
    codes: list[str] = []
    for path, ref in located:
        found = tree.select(ref)
        if not found and ref.startswith("@"):
            message = f"选择器 {ref} 未匹配到任何单位"
            problems.append(PlanError(path=path, code="empty_selector", message=message))
        elif not found:
            problems.append(PlanError(path=path, code="unknown_unit", message=f"单位 {ref} 不存在"))
        codes += [code for code in found if code not in codes]
    return codes


def _months(first: date, last: date) -> list[tuple[int, int]]:
    start, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    return [divmod(index, 12) for index in range(start, end + 1)]


def _with_note(description: str, note: str) -> str:
    return f"{description}\n截止日期说明：{note}。".lstrip("\n") if note else description


def _occurrences(rule: Recurrence, first: date, last: date) -> list[tuple[str, date]]:
    """(occurrence id, day the period closes) for each repetition inside [first, last]."""
    if rule.every is RecurrenceEvery.MONTHLY:
        days = [(f"{y:04d}-{m + 1:02d}", date(y, m + 1, rule.day)) for y, m in _months(first, last)]
        return [(key, day) for key, day in days if first <= day <= last]
    day = first + timedelta(days=(rule.day - 1 - first.weekday()) % 7)
    found = []
    while day <= last:
        iso = day.isocalendar()
        found.append((f"{iso.year:04d}-W{iso.week:02d}", day))
        day += timedelta(days=7)
    return found


def _assignments(
    plan: Plan,
    dates: PlanDates,
    tree: _Tree,
    calendar: WorkingCalendar,
    window: tuple[date, date],
    problems: list[PlanError],
) -> list[ResolvedAssignment]:
    found: list[ResolvedAssignment] = []
    for i, task in enumerate(plan.tasks):
        if task.lead_unit not in tree.codes:
            problems.append(
                PlanError(
                    path=f"tasks[{i}].lead_unit",
                    code="unknown_unit",
                    message=f"单位 {task.lead_unit} 不存在",
                )
            )
        located = [
            (f"tasks[{i}].responsible_units[{j}]", ref)
            for j, ref in enumerate(task.responsible_units)
        ]
        units = _expand(tree, located, problems)
        if not task.responsible_units:
            units = [task.lead_unit]
        if task.recurrence is None:
            path = f"tasks[{i}].deadline"
            value = dates.values[path]
            due = local_date(value)
            at = value if isinstance(value, datetime) else deadline_at(value)
            note = day_off_note(dates.moved[path], due) if path in dates.moved else ""
            slots: list[tuple[str | None, date, datetime, str]] = [(None, due, at, note)]
        else:
            offset = task.recurrence.deadline_offset_working_days
            slots = []
            for occurrence, day in _occurrences(task.recurrence, *window):
                counted = calendar.add_working_days(day, offset) if offset else day
                due = on_day_off(counted, task.on_day_off, calendar)
                note = day_off_note(counted, due) if due != counted else ""
                slots.append((occurrence, due, deadline_at(due), note))
        found += [
            ResolvedAssignment(
                key=assignment_key(task.key, unit, occurrence),
                task_key=task.key,
                occurrence=occurrence,
                title=task.title,
                description=_with_note(task.description, note),
                phase_key=task.phase,
                lead_unit=task.lead_unit,
                unit=unit,
                deadline=due,
                deadline_at=at,
                deliverables=task.deliverables,
                figures=task.figures,
            )
            for occurrence, due, at, note in slots
            for unit in units
        ]
    return found


OWED_REPORTS = frozenset({ReportKind.PHASE_PROGRESS, ReportKind.SUMMARY})


def _owed_reports(reporting: Sequence[ResolvedReporting]) -> list[ResolvedAssignment]:
    """Phase-progress and summary reports are owed by units: tasks with the duty's due day and
    the ladder, completed with a report or an explicit 零报告. Their task keys carry a dot, which
    plan task keys cannot, so the two never collide."""
    return [
        ResolvedAssignment(
            key=assignment_key(f"report.{duty.key}", unit, None),
            task_key=f"report.{duty.key}",
            occurrence=None,
            title=duty.title,
            description=_with_note(
                "按专项行动方案报送；本单位无可报内容时可报送零报告。", duty.due_note
            ),
            phase_key=None,
            lead_unit=unit,
            unit=unit,
            deadline=duty.due,
            deadline_at=deadline_at(duty.due),
            deliverables=[Deliverable.REPORT],
        )
        for duty in reporting
        if duty.kind in OWED_REPORTS and duty.due is not None
        for unit in duty.owners
    ]


def _day(dates: PlanDates, path: str) -> date | None:
    value = dates.values.get(path)
    return None if value is None else local_date(value)


def _moved_note(dates: PlanDates, path: str) -> str:
    moved = _day(dates, path)
    return day_off_note(dates.moved[path], moved) if path in dates.moved and moved else ""


def _reporting(
    plan: Plan, dates: PlanDates, tree: _Tree, problems: list[PlanError]
) -> list[ResolvedReporting]:
    return [
        ResolvedReporting(
            key=duty.key,
            kind=duty.kind,
            title=duty.title,
            owners=_expand(tree, [(f"reporting[{i}].owner", duty.owner)], problems),
            due=_day(dates, f"reporting[{i}].due"),
            weekday=duty.weekday,
            day_of_month=duty.day_of_month,
            start=_day(dates, f"reporting[{i}].start"),
            end=_day(dates, f"reporting[{i}].end"),
            on_day_off=duty.day_off_rule(),
            due_note=_moved_note(dates, f"reporting[{i}].due"),
        )
        for i, duty in enumerate(plan.reporting)
    ]


def _unit_problems(plan: Plan, units: Sequence[UnitSpec], tree: _Tree) -> list[PlanError]:
    """The root and the leading group's units must exist in the tree."""
    problems: list[PlanError] = []
    if plan.root_unit not in {unit.code for unit in units}:
        problems.append(
            PlanError(
                path="root_unit", code="unknown_unit", message=f"单位 {plan.root_unit} 不存在"
            )
        )
    for i, member in enumerate(plan.leading_group):
        if member.unit is not None:
            _expand(tree, [(f"leading_group[{i}].unit", member.unit)], problems)
    return problems


def _window(dates: PlanDates, today: date, horizon: date | None) -> tuple[date, date]:
    last = horizon or dates.period_end or today + timedelta(days=365)
    if dates.period_end is not None:
        last = min(last, dates.period_end)
    return max(dates.period_start, today), last


def resolve_plan(
    plan: Plan,
    *,
    calendar: WorkingCalendar,
    now: datetime,
    units: Sequence[UnitSpec],
    horizon: date | None = None,
) -> ResolvedCampaign:
    """Recurring tasks are expanded from max(period start, today) up to `horizon` (default: the
    period end, or a year from today for a standing plan); a long-running campaign resolves
    again later for the next stretch, and `assignment_key` keeps the repeats idempotent."""
    dates = schedule_plan(plan, calendar=calendar, now=now)
    tree = _Tree(units, plan.root_unit)
    problems = _unit_problems(plan, units, tree)
    window = _window(dates, local_date(now), horizon)
    assignments = _assignments(plan, dates, tree, calendar, window, problems)
    reporting = _reporting(plan, dates, tree, problems)
    if problems:
        raise PlanInvalid(problems)
    assignments += _owed_reports(reporting)
    used = dates.dates_used() + [a.deadline for a in assignments]
    return ResolvedCampaign(
        plan_key=plan.key,
        title=plan.title,
        level=plan.level,
        region=plan.region,
        root_unit=plan.root_unit,
        standing=plan.period.standing,
        period_start=dates.period_start,
        period_end=dates.period_end,
        phases=[
            ResolvedPhase(key=p.key, name=p.name, kind=p.kind, start=s, end=e)
            for p, (s, e) in ((p, dates.phases[p.key]) for p in plan.phases)
        ],
        goals=[
            ResolvedGoal(
                key=g.key,
                name=g.name,
                date=_day(dates, f"goals[{i}].date"),
                scope=g.scope,
                project_types=g.project_types,
            )
            for i, g in enumerate(plan.goals)
        ],
        assignments=assignments,
        reporting=reporting,
        provisional_years=calendar.provisional_years_between(min(used), max(used)),
        escalation=plan.escalation,
    )
