"""Weekly indicators: counts in, rates out, never a numerator above its base.

Districts report 篇一's weekly figures here; projects report 一金三制 and 8个100% in
domain/project_indicators.py on the same footing (Counts, WeekOf).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import ClassVar, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_COUNT = 10_000_000
MONDAY_MESSAGE = "周报告以周一为起始日"


class DistrictMetric(StrEnum):
    REAL_NAME_UPDATE = "real_name_update"  # 实名制更新率
    MANAGER_ON_SITE = "manager_on_site"  # 项目经理到岗率
    SUPERVISOR_ON_SITE = "supervisor_on_site"  # 监理总监到岗率


METRIC_LABELS = {
    DistrictMetric.REAL_NAME_UPDATE: "实名制更新率",
    DistrictMetric.MANAGER_ON_SITE: "项目经理到岗率",
    DistrictMetric.SUPERVISOR_ON_SITE: "监理总监到岗率",
}


def percent(numerator: int, denominator: int) -> Decimal | None:
    """Percent with one decimal, half up as in 通报; None when there is nothing to count."""
    if denominator == 0:
        return None
    raw = Decimal(numerator) * 100 / Decimal(denominator)
    return raw.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class Counts(BaseModel):
    """A numerator and its base: a rate over 100% cannot even be written down."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    numerator: int = Field(ge=0, le=MAX_COUNT)
    denominator: int = Field(ge=0, le=MAX_COUNT)

    @model_validator(mode="after")
    def _numerator_within_base(self) -> Counts:
        if self.numerator > self.denominator:
            raise ValueError(f"分子 {self.numerator} 大于分母 {self.denominator}")
        return self

    @property
    def rate(self) -> Decimal | None:
        """Percent with one decimal; None when there is nothing to count (分母为 0)."""
        return percent(self.numerator, self.denominator)


class IndicatorRow(Counts):
    """One district's count for one metric in one week."""

    SUBJECT: ClassVar[str] = "区"

    district: str = Field(min_length=1, max_length=64)
    metric: DistrictMetric

    @property
    def key(self) -> tuple[str, str]:
        return (self.district, self.metric.value)


class Keyed(Protocol):
    @property
    def key(self) -> tuple[str, str]: ...  # (subject, metric)


def check_no_repeats(rows: Sequence[Keyed], subject: str) -> None:
    """Each subject and metric once per week: a second figure would silently win otherwise."""
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows):
        if row.key in seen:
            raise ValueError(
                f"rows[{index}]: 与 rows[{seen[row.key]}] 重复（同一{subject}同一指标）"
            )
        seen[row.key] = index


class WeekOf(BaseModel):
    """What every weekly submission shares: the week is named by its Monday."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    week_start: date

    @field_validator("week_start")
    @classmethod
    def _monday(cls, value: date) -> date:
        if value.weekday() != 0:
            raise ValueError(MONDAY_MESSAGE)
        return value


class WeeklySubmission(WeekOf):
    rows: tuple[IndicatorRow, ...] = Field(min_length=1, max_length=1000)

    @model_validator(mode="after")
    def _no_repeats(self) -> WeeklySubmission:
        check_no_repeats(self.rows, IndicatorRow.SUBJECT)
        return self
