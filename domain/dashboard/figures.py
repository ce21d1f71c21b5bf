"""驾驶舱 (the office's dashboard): every panel's figures, as of today, for one territory.

Rates are percents with one decimal (None when there is nothing to count); money is Decimal 元.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from domain.dashboard.goals import GoalSubject
from domain.reports.figures import DistrictRow
from domain.tasks.model import Frozen


class CampaignBrief(Frozen):
    id: str
    title: str
    status: str
    root_unit: str
    period_start: date
    period_end: date | None


class PhaseProgress(Frozen):
    key: str
    name: str
    kind: str
    start: date
    end: date
    status: str
    total: int
    completed: int
    overdue: int


class UnitProgress(Frozen):
    unit: str
    name: str
    district: str | None = Field(description="所在区（区及其下属单位）；市级成员单位为空")
    total: int
    completed: int
    overdue: int


class OverdueTask(Frozen):
    task_id: str
    title: str
    unit: str
    unit_name: str
    deadline: date
    days_overdue: int
    escalation: str | None


class StepCount(Frozen):
    """Open tasks standing at one rung of the ladder now (提醒/预警/督办/问责)."""

    action: str
    state: str = Field(description="任务的 escalation 取值，用于筛选任务列表")
    label: str
    tasks: int


class SupervisionItem(Frozen):
    task_id: str
    title: str
    unit: str
    unit_name: str
    action: str
    label: str
    deadline: date
    recorded_at: datetime | None = Field(description="最近一级催办的记录时间")
    leader: str | None
    leader_name: str | None = Field(description="包案领导的姓名（账号未填姓名时为用户名）")


class SupervisionList(Frozen):
    total: int
    items: tuple[SupervisionItem, ...]
    major_cases: int = Field(description="挂牌督办的重大案件（未办结）")


class CountRow(Frozen):
    key: str
    label: str
    count: int


class MoneyRow(Frozen):
    key: str
    name: str
    cases: int
    owed: Decimal
    paid: Decimal


class CaseSummary(Frozen):
    total: int
    open: int
    workers: int
    owed: Decimal
    paid: Decimal
    by_status: tuple[CountRow, ...]
    by_district: tuple[MoneyRow, ...]
    by_sector: tuple[CountRow, ...]


class GoalProgress(Frozen):
    key: str
    name: str
    deadline: date
    working_days_left: int = Field(description="今天之后至期限（含）的工作日数；已过期为负数")
    subject: GoalSubject
    project_types: tuple[str, ...]
    total: int
    cleared: int
    open: int
    rate: Decimal | None


class HazardDistrict(Frozen):
    key: str
    name: str
    open: int
    total: int


class HazardSummary(Frozen):
    total: int
    open: int
    by_status: tuple[CountRow, ...]
    by_district: tuple[HazardDistrict, ...]


class IndicatorRow(Frozen):
    district: str
    name: str
    real_name_update: Decimal | None
    manager_on_site: Decimal | None
    supervisor_on_site: Decimal | None
    fund_rate: Decimal | None = Field(description="一金三制")
    full_rate: Decimal | None = Field(description="8个100%")


class IndicatorWeek(Frozen):
    week_start: date
    rows: tuple[IndicatorRow, ...]


class TaskPanels(Frozen):
    """The campaign's own panels: phases, units, overdue, the ladder, 督办, ranking, goals."""

    campaign: CampaignBrief
    phases: tuple[PhaseProgress, ...]
    units: tuple[UnitProgress, ...]
    overdue_total: int
    overdue: tuple[OverdueTask, ...]
    escalations: tuple[StepCount, ...]
    supervision: SupervisionList
    ranking: tuple[DistrictRow, ...]
    goals: tuple[GoalProgress, ...]


class Dashboard(Frozen):
    as_of: date
    scope_unit: str | None = Field(description="所辖范围的单位编码；全市为空")
    scope_name: str
    campaign: TaskPanels | None
    cases: CaseSummary
    hazards: HazardSummary
    indicators: IndicatorWeek


class CampaignProgress(Frozen):
    """One campaign's tasks in the caller's territory (cancelled ones left out)."""

    campaign_id: str
    total: int
    completed: int
    overdue: int
