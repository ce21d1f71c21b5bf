"""Weekly indicators per construction project (篇二): 一金三制 and 8个100%, counts in, rates out.

A district's rate for a metric is the sum of its projects' numerators over the sum of their
denominators, not the mean of project rates: a 3-worker site must not weigh like a 3000-worker
one.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from domain.indicators.districts import Counts, WeekOf, check_no_repeats, percent

MAX_PROJECT_ROWS = 20_000  # a week of every project of a city, 12 metrics each


class MetricGroup(StrEnum):
    ONE_FUND_THREE_SYSTEMS = "one_fund_three_systems"  # 一金三制
    EIGHT_FULL_RATES = "eight_full_rates"  # 8个100%


GROUP_LABELS = {
    MetricGroup.ONE_FUND_THREE_SYSTEMS: "一金三制",
    MetricGroup.EIGHT_FULL_RATES: "8个100%",
}


class ProjectMetric(StrEnum):
    # 一金三制
    WAGE_DEPOSIT = "wage_deposit"
    REAL_NAME = "real_name"
    SPECIAL_ACCOUNT = "special_account"
    BANK_PAYMENT = "bank_payment"
    # 8个100%
    LABOUR_CONTRACT = "labour_contract"
    ATTENDANCE = "attendance"
    INJURY_INSURANCE = "injury_insurance"
    GUARANTEE_DEPOSIT = "guarantee_deposit"
    SPECIAL_ACCOUNT_OPENED = "special_account_opened"
    BANK_PAID = "bank_paid"
    PAID_IN_FULL = "paid_in_full"
    NOTICE_BOARD = "notice_board"


# Labels are unique, so an upload may name a metric by its label as well as by its code.
PROJECT_METRIC_LABELS = {
    ProjectMetric.WAGE_DEPOSIT: "工资保证金",
    ProjectMetric.REAL_NAME: "实名制管理",
    ProjectMetric.SPECIAL_ACCOUNT: "工资专用账户",
    ProjectMetric.BANK_PAYMENT: "银行代发工资",
    ProjectMetric.LABOUR_CONTRACT: "劳动合同签订率",
    ProjectMetric.ATTENDANCE: "实名制考勤率",
    ProjectMetric.INJURY_INSURANCE: "工伤保险参保率",
    ProjectMetric.GUARANTEE_DEPOSIT: "工资保证金存储率",
    ProjectMetric.SPECIAL_ACCOUNT_OPENED: "专用账户开设率",
    ProjectMetric.BANK_PAID: "银行代发率",
    ProjectMetric.PAID_IN_FULL: "按时足额发放率",
    ProjectMetric.NOTICE_BOARD: "维权告示牌设立率",
}

_ONE_FUND_THREE_SYSTEMS = frozenset(
    {
        ProjectMetric.WAGE_DEPOSIT,
        ProjectMetric.REAL_NAME,
        ProjectMetric.SPECIAL_ACCOUNT,
        ProjectMetric.BANK_PAYMENT,
    }
)
METRIC_GROUPS = {
    metric: MetricGroup.ONE_FUND_THREE_SYSTEMS
    if metric in _ONE_FUND_THREE_SYSTEMS
    else MetricGroup.EIGHT_FULL_RATES
    for metric in ProjectMetric
}


class ProjectIndicatorRow(Counts):
    """One project's count for one metric in one week."""

    SUBJECT: ClassVar[str] = "项目"

    project: str = Field(min_length=1, max_length=64)
    metric: ProjectMetric

    @property
    def key(self) -> tuple[str, str]:
        return (self.project, self.metric.value)


class ProjectWeeklySubmission(WeekOf):
    rows: tuple[ProjectIndicatorRow, ...] = Field(min_length=1, max_length=MAX_PROJECT_ROWS)

    @model_validator(mode="after")
    def _no_repeats(self) -> ProjectWeeklySubmission:
        check_no_repeats(self.rows, ProjectIndicatorRow.SUBJECT)
        return self


class DistrictTotal(BaseModel):
    """One district's projects summed for one metric in one week."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    district: str
    metric: ProjectMetric
    projects: int  # how many projects reported this metric
    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)
