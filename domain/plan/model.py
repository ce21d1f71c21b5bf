"""A campaign plan (实施方案) as a template: what an office writes once and starts every winter.

Dates stay expressions and units stay codes or selectors here; both are bound only when a
campaign is started (`resolve.py`), because they depend on the year and on the unit tree of the
time. What can be checked without them is checked on construction, all at once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from domain.cases.campaign_rules import CaseRules
from domain.escalation import DEFAULT_LADDER, KEY_PATTERN, EscalationLadder
from domain.plan.dates import DateExpr
from domain.tasks.figures import FigureField
from domain.units.model import CODE_PATTERN, UnitLevel

UNIT_REF_PATTERN = r"^(@[a-z_]+|[a-z0-9][a-z0-9._-]{0,63})$"


class Selector(StrEnum):
    """Plans name groups ("各区", "各成员单位") rather than listing them; the tree decides who."""

    DISTRICTS = "@districts"
    DISTRICT_OFFICES = "@district_offices"
    MEMBERS = "@members"
    VILLAGES = "@villages"
    TOWNS = "@towns"
    DEPUTY_LEADERS = "@deputy_leaders"


class PhaseKind(StrEnum):
    PUBLICITY = "publicity"
    SCREENING = "screening"
    ENFORCEMENT = "enforcement"
    SUMMARY = "summary"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PHASE_KIND_LABELS[self]

    @classmethod
    def _missing_(cls, value: object) -> PhaseKind | None:
        """Offices write the Chinese names; they are accepted as aliases of the identifiers."""
        return next((kind for kind, label in PHASE_KIND_LABELS.items() if label == value), None)


PHASE_KIND_LABELS = {
    PhaseKind.PUBLICITY: "宣传自查",
    PhaseKind.SCREENING: "排查",
    PhaseKind.ENFORCEMENT: "执法化解",
    PhaseKind.SUMMARY: "总结",
    PhaseKind.OTHER: "其他",
}


class LeaderRole(StrEnum):
    LEADER = "leader"
    EXECUTIVE_DEPUTY = "executive_deputy"
    DEPUTY = "deputy"
    MEMBER = "member"
    OFFICE_DIRECTOR = "office_director"

    @property
    def label(self) -> str:
        return LEADER_ROLE_LABELS[self]

    @classmethod
    def _missing_(cls, value: object) -> LeaderRole | None:
        """As for phase kinds: the Chinese title is accepted for the identifier."""
        return next((role for role, label in LEADER_ROLE_LABELS.items() if label == value), None)


LEADER_ROLE_LABELS = {
    LeaderRole.LEADER: "组长",
    LeaderRole.EXECUTIVE_DEPUTY: "常务副组长",
    LeaderRole.DEPUTY: "副组长",
    LeaderRole.MEMBER: "成员",
    LeaderRole.OFFICE_DIRECTOR: "办公室主任",
}


class Deliverable(StrEnum):
    NOTE = "note"  # 文字情况说明
    FIGURES = "figures"  # 数据报表
    FILES = "files"  # 附件材料
    REPORT = "report"  # 报告：情况说明或附件，或明确的零报告


class RecurrenceEvery(StrEnum):
    MONTHLY = "monthly"
    WEEKLY = "weekly"


class ReportKind(StrEnum):
    WEEKLY = "weekly"  # 周报告 / 每周通报
    MONTHLY = "monthly"  # 月通报
    DAILY = "daily"  # 重大时间节点日报告
    SPECIAL = "special"  # 专报
    PHASE_PROGRESS = "phase_progress"  # 阶段进展
    SUMMARY = "summary"  # 总结


class DayOffRule(StrEnum):
    """What a deadline that falls on a day off means. By default the law's rule for time limits
    (民法典 第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日);
    a plan may choose otherwise per deadline."""

    NEXT_WORKING_DAY = "next_working_day"  # 顺延至休假日结束的次日
    PREVIOUS_WORKING_DAY = "previous_working_day"  # 提前至休假日前的最后一个工作日
    KEEP = "keep"  # 休息日照常截止


_FORBID = ConfigDict(extra="forbid")
Key = str
UnitRef = Annotated[str, Field(pattern=UNIT_REF_PATTERN)]


class Period(BaseModel):
    """Without `start` the campaign begins on the day the office starts it (the API's `start`,
    by default today), so a template serves every year."""

    model_config = _FORBID

    start: DateExpr | None = None
    end: DateExpr | None = None
    standing: bool = False


class Goal(BaseModel):
    model_config = _FORBID

    key: Key = Field(pattern=KEY_PATTERN)
    name: str = Field(min_length=1)
    date: DateExpr | None = None
    on_day_off: DayOffRule = DayOffRule.NEXT_WORKING_DAY
    scope: str = ""
    project_types: list[str] = []


class LeadingGroupMember(BaseModel):
    """Titles, never personal names: templates outlive the people who hold the posts."""

    model_config = _FORBID

    role: LeaderRole
    unit: UnitRef | None = None
    title: str | None = Field(default=None, min_length=1, max_length=50)


class Phase(BaseModel):
    model_config = _FORBID

    key: Key = Field(pattern=KEY_PATTERN)
    name: str = Field(min_length=1)
    kind: PhaseKind = PhaseKind.OTHER
    start: DateExpr
    end: DateExpr


class Recurrence(BaseModel):
    """`day` is a day of month up to 28 so every month has it, or an ISO weekday."""

    model_config = _FORBID

    every: RecurrenceEvery
    day: int = Field(ge=1, le=28)
    deadline_offset_working_days: int = Field(default=0, ge=0, le=60)


class Task(BaseModel):
    """Without responsible units the lead unit owes the task itself."""

    model_config = _FORBID

    key: Key = Field(pattern=KEY_PATTERN)
    title: str = Field(min_length=1)
    description: str = ""
    phase: Key | None = None
    lead_unit: str = Field(pattern=CODE_PATTERN)
    responsible_units: list[UnitRef] = []
    deadline: DateExpr | None = None
    on_day_off: DayOffRule = DayOffRule.NEXT_WORKING_DAY
    recurrence: Recurrence | None = None
    deliverables: list[Deliverable] = [Deliverable.NOTE]
    figures: list[FigureField] = []  # the figures a `figures` deliverable asks for, by name


class ReportingDuty(BaseModel):
    model_config = _FORBID

    key: Key = Field(pattern=KEY_PATTERN)
    kind: ReportKind
    title: str = Field(min_length=1)
    owner: UnitRef
    due: DateExpr | None = None
    on_day_off: DayOffRule | None = None  # default: see `day_off_rule`
    weekday: int | None = Field(default=None, ge=1, le=7)
    day_of_month: int | None = Field(default=None, ge=1, le=28)
    start: DateExpr | None = None
    end: DateExpr | None = None

    def day_off_rule(self) -> DayOffRule:
        return report_day_off_rule(self.kind, self.on_day_off)


def report_day_off_rule(kind: ReportKind, chosen: DayOffRule | None) -> DayOffRule:
    """A daily report at key dates is due every day, holidays above all; every other duty that
    falls on a day off is produced (or due) on the next working day, unless the plan chose."""
    if chosen is not None:
        return chosen
    return DayOffRule.KEEP if kind is ReportKind.DAILY else DayOffRule.NEXT_WORKING_DAY


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid", title="根治欠薪专项行动方案")

    key: Key = Field(pattern=KEY_PATTERN)
    title: str = Field(min_length=1, max_length=200)
    level: UnitLevel
    region: str = Field(min_length=1)
    root_unit: str = Field(pattern=CODE_PATTERN)
    units_file: str | None = None
    period: Period
    focus_sectors: list[str] = []
    focus_project_types: list[str] = []
    goals: list[Goal] = []
    leading_group: list[LeadingGroupMember] = []
    phases: list[Phase] = []
    tasks: list[Task] = []
    reporting: list[ReportingDuty] = []
    escalation: EscalationLadder = DEFAULT_LADDER
    case_rules: CaseRules | None = None  # limits and major-case thresholds on this territory

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        problems = _problems(self)
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self


def _problem(loc: tuple[str | int, ...], code: str, message: str) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(code, "{message}", {"message": message}), loc=loc, input=None
    )


def _duplicates(
    name: str, keys: list[str], within: tuple[str | int, ...] = ()
) -> list[InitErrorDetails]:
    first: dict[str, int] = {}
    found = []
    for index, key in enumerate(keys):
        if key in first:
            found.append(
                _problem(
                    (*within, name, index, "key"),
                    "duplicate_key",
                    f"键 {key} 重复（与 {name}[{first[key]}] 相同）",
                )
            )
        first.setdefault(key, index)
    return found


def date_fields(plan: Plan) -> list[tuple[tuple[str | int, ...], DateExpr | None]]:
    """Every expression in the plan with its location, for checks that look at all of them."""
    fields: list[tuple[tuple[str | int, ...], DateExpr | None]] = [
        (("period", "start"), plan.period.start),
        (("period", "end"), plan.period.end),
    ]
    fields += [(("goals", i, "date"), goal.date) for i, goal in enumerate(plan.goals)]
    for i, phase in enumerate(plan.phases):
        fields += [(("phases", i, "start"), phase.start), (("phases", i, "end"), phase.end)]
    fields += [(("tasks", i, "deadline"), task.deadline) for i, task in enumerate(plan.tasks)]
    for i, duty in enumerate(plan.reporting):
        fields += [
            (("reporting", i, name), getattr(duty, name)) for name in ("due", "start", "end")
        ]
    return fields


def _selector_problems(plan: Plan) -> list[InitErrorDetails]:
    refs: list[tuple[tuple[str | int, ...], str | None]] = [
        (("leading_group", i, "unit"), member.unit) for i, member in enumerate(plan.leading_group)
    ]
    for i, task in enumerate(plan.tasks):
        refs += [
            (("tasks", i, "responsible_units", j), r) for j, r in enumerate(task.responsible_units)
        ]
    refs += [(("reporting", i, "owner"), duty.owner) for i, duty in enumerate(plan.reporting)]
    known = {selector.value for selector in Selector}
    return [
        _problem(loc, "unknown_selector", f"选择器 {ref} 不存在，可用：{'、'.join(sorted(known))}")
        for loc, ref in refs
        if ref is not None and ref.startswith("@") and ref not in known
    ]


def _figure_problems(plan: Plan) -> list[InitErrorDetails]:
    found: list[InitErrorDetails] = []
    for i, task in enumerate(plan.tasks):
        if task.figures and Deliverable.FIGURES not in task.deliverables:
            found.append(
                _problem(
                    ("tasks", i, "figures"),
                    "figures_not_asked",
                    "列出数据项的任务须在 deliverables 中包含 figures",
                )
            )
        found += _duplicates("figures", [f.key for f in task.figures], ("tasks", i))
    return found


_REPORT_NEEDS: dict[ReportKind, tuple[str, ...]] = {
    ReportKind.WEEKLY: ("weekday",),
    ReportKind.MONTHLY: ("day_of_month",),
    ReportKind.DAILY: ("start", "end"),
    ReportKind.PHASE_PROGRESS: ("due",),
    ReportKind.SUMMARY: ("due",),
    ReportKind.SPECIAL: (),
}


_PRODUCED_ON_DAYS = frozenset({ReportKind.WEEKLY, ReportKind.MONTHLY, ReportKind.DAILY})


def _problems(plan: Plan) -> list[InitErrorDetails]:
    found: list[InitErrorDetails] = []
    if plan.period.end is None and not plan.period.standing:
        found.append(_problem(("period", "end"), "required", "非常态化方案必须有结束日期"))
    for name in ("goals", "phases", "tasks", "reporting"):
        found += _duplicates(name, [item.key for item in getattr(plan, name)])
    phase_keys = {phase.key for phase in plan.phases}
    for loc, expr in date_fields(plan):
        for ref in sorted(expr.phase_refs() - phase_keys if expr else ()):
            found.append(_problem(loc, "unknown_phase", f"引用的阶段 {ref} 不存在"))
    for i, member in enumerate(plan.leading_group):
        if member.unit is None and member.title is None:
            found.append(_problem(("leading_group", i), "required", "须填写单位编码或职务"))
    for i, task in enumerate(plan.tasks):
        if task.phase is not None and task.phase not in phase_keys:
            found.append(
                _problem(("tasks", i, "phase"), "unknown_phase", f"阶段 {task.phase} 不存在")
            )
        if task.recurrence is None and task.deadline is None:
            found.append(_problem(("tasks", i, "deadline"), "required", "非周期任务必须有截止日期"))
        if task.recurrence is not None:
            if not plan.period.standing:
                found.append(
                    _problem(
                        ("tasks", i, "recurrence"), "not_standing", "只有常态化方案可设周期任务"
                    )
                )
            if task.deadline is not None:
                found.append(
                    _problem(
                        ("tasks", i, "deadline"),
                        "recurring_deadline",
                        "周期任务的截止日期由周期推算，不应另设",
                    )
                )
            if task.recurrence.every is RecurrenceEvery.WEEKLY and task.recurrence.day > 7:
                found.append(
                    _problem(
                        ("tasks", i, "recurrence", "day"),
                        "weekday",
                        "每周任务的 day 应为 1–7（周一至周日）",
                    )
                )
    for i, duty in enumerate(plan.reporting):
        if duty.on_day_off is DayOffRule.PREVIOUS_WORKING_DAY and duty.kind in _PRODUCED_ON_DAYS:
            found.append(
                _problem(
                    ("reporting", i, "on_day_off"),
                    "day_off_rule",
                    "定期报告遇休息日只能顺延（next_working_day）或照常（keep），不能提前",
                )
            )
        for name in _REPORT_NEEDS[duty.kind]:
            if getattr(duty, name) is None:
                found.append(
                    _problem(("reporting", i, name), "required", f"此类报送必须填写 {name}")
                )
    return found + _selector_problems(plan) + _figure_problems(plan)
