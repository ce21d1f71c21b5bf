"""Every date of a plan evaluated for one start, with the checks that need real dates.

Both the loader (to tell an office that a phase ends before it starts) and the resolver (to
start the campaign) need the same evaluation; doing it in one place keeps their answers equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from domain.calendar.workdays import WorkingCalendar
from domain.plan.dates import DateContext, DateExprError, evaluate, local_date
from domain.plan.errors import PlanError, PlanInvalid, location
from domain.plan.model import DayOffRule, Plan, date_fields

Value = date | datetime


@dataclass
class PlanDates:
    """Values keyed by the template path they came from (`tasks[3].deadline`)."""

    period_start: date
    period_end: date | None
    phases: dict[str, tuple[date, date]] = field(default_factory=dict)
    values: dict[str, Value] = field(default_factory=dict)
    moved: dict[str, date] = field(default_factory=dict)  # path → the day off it fell on

    def dates_used(self) -> list[date]:
        return sorted({local_date(value) for value in self.values.values()})


_WEEKDAYS = "一二三四五六日"


def on_day_off(day: date, rule: DayOffRule, calendar: WorkingCalendar) -> date:
    """A deadline on a day off ends on the next working day (民法典 第二百零三条) unless the
    plan says otherwise for it."""
    if rule is DayOffRule.KEEP or calendar.is_working_day(day):
        return day
    return calendar.add_working_days(day, 0 if rule is DayOffRule.NEXT_WORKING_DAY else -1)


def day_off_note(original: date, moved: date) -> str:
    """Said wherever a moved deadline is shown, so no one wonders why it is not the plan's."""
    how = "顺延至" if moved > original else "提前至"
    return (
        f"原定 {original.isoformat()}（星期{_WEEKDAYS[original.weekday()]}）为休息日，"
        f"{how} {moved.isoformat()}（星期{_WEEKDAYS[moved.weekday()]}）"
    )


def _day_off_rule(plan: Plan, loc: tuple[str | int, ...]) -> DayOffRule | None:
    """The rule of a deadline field; None for dates that are not deadlines (phases, period)."""
    if len(loc) != 3 or not isinstance(loc[1], int):
        return None
    kind, index, name = loc[0], loc[1], loc[2]
    if (kind, name) == ("tasks", "deadline"):
        return plan.tasks[index].on_day_off
    if (kind, name) == ("goals", "date"):
        return plan.goals[index].on_day_off
    if (kind, name) == ("reporting", "due"):
        return plan.reporting[index].day_off_rule()
    return None


def _context(plan: Plan, calendar: WorkingCalendar, now: datetime) -> DateContext:
    return DateContext(
        calendar=calendar,
        now=now,
        period_start=plan.period.start or local_date(now),
        period_end=plan.period.end,
        phases={phase.key: (phase.start, phase.end) for phase in plan.phases},
    )


def _name(plan: Plan, loc: tuple[str | int, ...]) -> str | None:
    """Period and phase dates are evaluated through their name, so that a cycle is reported
    starting from the field it is reported at."""
    if loc[0] == "period":
        return f"campaign.{loc[1]}"
    if loc[0] == "phases" and isinstance(loc[1], int):
        return f"phase.{plan.phases[loc[1]].key}.{loc[2]}"
    return None


def _order_problems(plan: Plan, values: dict[str, Value]) -> list[PlanError]:
    problems: list[PlanError] = []

    def day(path: str) -> date | None:
        value = values.get(path)
        return None if value is None else local_date(value)

    start, end = day("period.start"), day("period.end")
    if start and end and end < start:
        problems.append(
            PlanError(
                path="period.end",
                code="before_start",
                message=f"结束日期 {end} 早于开始日期 {start}",
            )
        )
    for i in range(len(plan.phases)):
        phase_start, phase_end = day(f"phases[{i}].start"), day(f"phases[{i}].end")
        if phase_start is None or phase_end is None:
            continue
        if phase_end < phase_start:
            problems.append(
                PlanError(
                    path=f"phases[{i}].end",
                    code="before_start",
                    message=f"结束日期 {phase_end} 早于开始日期 {phase_start}",
                )
            )
        elif start and (phase_end < start or (end is not None and phase_start > end)):
            problems.append(
                PlanError(
                    path=f"phases[{i}]",
                    code="outside_period",
                    message=f"阶段 {phase_start}–{phase_end} 完全在行动期限之外",
                )
            )
    for i in range(len(plan.tasks)):
        deadline = day(f"tasks[{i}].deadline")
        if start and deadline and deadline < start:
            problems.append(
                PlanError(
                    path=f"tasks[{i}].deadline",
                    code="before_period",
                    message=f"截止日期 {deadline} 早于行动开始日期 {start}",
                )
            )
    return problems


def schedule_plan(plan: Plan, *, calendar: WorkingCalendar, now: datetime) -> PlanDates:
    """Raises PlanInvalid listing every expression that cannot be evaluated and every date that
    contradicts another, not just the first."""
    ctx = _context(plan, calendar, now)
    values: dict[str, Value] = {}
    moved: dict[str, date] = {}
    problems: list[PlanError] = []
    if plan.period.start is None:
        values["period.start"] = local_date(now)
    for loc, expr in date_fields(plan):
        if expr is None:
            continue
        path, name = location(loc), _name(plan, loc)
        try:
            value = ctx.resolve(name) if name else evaluate(expr, ctx)
        except DateExprError as error:
            problems.append(PlanError(path=path, code=error.code, message=error.message))
            continue
        rule = _day_off_rule(plan, loc)
        if rule is not None and not isinstance(value, datetime):
            kept, value = value, on_day_off(value, rule, calendar)
            if value != kept:
                moved[path] = kept
        values[path] = value
    problems += _order_problems(plan, values)
    if problems:
        raise PlanInvalid(problems)
    end = values.get("period.end")
    return PlanDates(
        period_start=local_date(values["period.start"]),
        period_end=None if end is None else local_date(end),
        phases={
            phase.key: (
                local_date(values[f"phases[{i}].start"]),
                local_date(values[f"phases[{i}].end"]),
            )
            for i, phase in enumerate(plan.phases)
        },
        values=values,
        moved=moved,
    )
