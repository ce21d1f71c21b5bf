"""The figures of one report, gathered from the ledger as of one instant; files are drawn from them.

Rates are percents with one decimal (None when there is nothing to count); money is Decimal 元.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from domain.indicators.districts import percent
from domain.plan.model import ReportKind
from domain.reports.periods import ReportPeriod
from domain.tasks.model import Frozen


class TaskFigures(Frozen):
    """Tasks due by the report's instant: on time means completed no later than the deadline."""

    total: int  # every task of the campaign
    due: int  # deadline passed by the instant
    completed: int
    completed_on_time: int
    overdue: int  # due, not completed, not cancelled
    nil_reports: int = 0

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.completed_on_time, self.due)


class CaseFigures(Frozen):
    received: int
    closed: int
    closed_on_time: int
    workers: int
    amount_claimed: Decimal
    amount_paid: Decimal
    major: int

    @property
    def clearance_rate(self) -> Decimal | None:
        """结案率: closed of received."""
        return percent(self.closed, self.received)

    @property
    def on_time_closure_rate(self) -> Decimal | None:
        return percent(self.closed_on_time, self.closed)


class DistrictRow(Frozen):
    rank: int
    code: str
    name: str
    tasks_due: int
    tasks_on_time: int
    on_time_rate: Decimal | None
    cases_received: int
    cases_closed: int
    clearance_rate: Decimal | None
    indicator_rate: Decimal | None  # mean of the week's submitted rates
    fund_rate: Decimal | None = None  # 一金三制: the district's projects, counts summed
    full_rate: Decimal | None = None  # 8个100%: likewise
    real_name_rate: Decimal | None = None  # 三率 of the week: 实名制更新率
    manager_rate: Decimal | None = None  # 项目经理到岗率
    supervisor_rate: Decimal | None = None  # 监理总监到岗率


class OverdueRow(Frozen):
    unit: str
    unit_name: str
    district_name: str | None
    title: str
    deadline: date
    days_overdue: int
    escalation: str | None


class EscalationRow(Frozen):
    unit: str
    unit_name: str
    action: str
    label: str
    title: str
    deadline: date
    recorded_at: datetime


class MajorCaseRow(Frozen):
    case_number: str
    district_name: str
    employer: str
    workers: int
    amount: Decimal
    paid: Decimal
    status: str
    leader: str | None  # as people read it: 职务 and name (the account's), else the username
    reasons: tuple[str, ...]


class ClueRow(Frozen):
    """全国根治欠薪线索反映平台 clues of one district: received in the period, handled so far."""

    district: str
    district_name: str
    received: int
    handled: int

    @property
    def handling_rate(self) -> Decimal | None:
        return percent(self.handled, self.received)


class HazardFigures(Frozen):
    """欠薪隐患 of the territory toward 动态清零, as they stood at the instant."""

    found: int  # registered before the instant
    found_in_period: int
    resolved: int  # resolved or closed, and not reopened since
    overdue: int  # unresolved past their 五个一 deadline
    high_risk_open: int

    @property
    def open(self) -> int:
        return self.found - self.resolved

    @property
    def resolution_rate(self) -> Decimal | None:
        return percent(self.resolved, self.found)


class GoalRow(Frozen):
    """One dated goal of the plan and how far the campaign has come toward it."""

    name: str
    deadline: date | None
    measure: str  # what is counted, in words: 欠薪隐患, 欠薪案件 …
    unit: str  # its counting word: 个, 件, 项
    done: int
    total: int
    rate: Decimal | None = None  # done of total, or a project rate where the goal is one

    @property
    def share(self) -> Decimal | None:
        return self.rate if self.rate is not None else percent(self.done, self.total)


class PhaseRow(Frozen):
    name: str
    start: date
    end: date


class ReportFigures(Frozen):
    report_id: str
    campaign_id: str
    campaign_title: str
    duty_key: str
    kind: ReportKind
    title: str  # a 专报's title names its case, district and campaign
    issuer: str  # the office's name
    issuer_unit: str = ""  # the office's unit code: its 文号 are numbered per year
    addressee: str = ""  # 主送机关
    copy_to: str = ""  # 抄送
    period: ReportPeriod
    tasks: TaskFigures
    cases_in_period: CaseFigures
    cases_total: CaseFigures
    districts: tuple[DistrictRow, ...]
    overdue: tuple[OverdueRow, ...]
    escalations: tuple[EscalationRow, ...]
    major_cases: tuple[MajorCaseRow, ...]
    clues: tuple[ClueRow, ...]
    current_phases: tuple[PhaseRow, ...]
    next_phases: tuple[PhaseRow, ...]
    hazards: HazardFigures | None = None
    goals: tuple[GoalRow, ...] = ()
    case: MajorCaseRow | None = None  # the subject of a 专报
    case_id: str | None = None
    requested_by: str = "system"
