"""Weekly indicators per district (篇一): counts in, rates out, never a numerator above its base."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class DistrictMetric(StrEnum):
    REAL_NAME_UPDATE = "real_name_update"  # 实名制更新率
    MANAGER_ON_SITE = "manager_on_site"  # 项目经理到岗率
    SUPERVISOR_ON_SITE = "supervisor_on_site"  # 监理总监到岗率


METRIC_LABELS = {
    DistrictMetric.REAL_NAME_UPDATE: "实名制更新率",
    DistrictMetric.MANAGER_ON_SITE: "项目经理到岗率",
    DistrictMetric.SUPERVISOR_ON_SITE: "监理总监到岗率",
}


class IndicatorRow(BaseModel):
    """One district's count for one metric in one week."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    district: str = Field(min_length=1, max_length=64)
    metric: DistrictMetric
    numerator: int = Field(ge=0, le=10_000_000)
    denominator: int = Field(ge=0, le=10_000_000)

    @model_validator(mode="after")
    def _numerator_within_base(self) -> IndicatorRow:
        if self.numerator > self.denominator:
            raise ValueError(f"分子 {self.numerator} 大于分母 {self.denominator}")
        return self

    @property
    def rate(self) -> Decimal | None:
        """Percent with one decimal; None when there is nothing to count (分母为 0)."""
        if self.denominator == 0:
            return None
        raw = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        return raw.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class WeeklySubmission(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    week_start: date
    rows: tuple[IndicatorRow, ...] = Field(min_length=1, max_length=1000)

    @field_validator("week_start")
    @classmethod
    def _monday(cls, value: date) -> date:
        if value.weekday() != 0:
            raise ValueError("周报告以周一为起始日")
        return value

    @model_validator(mode="after")
    def _no_repeats(self) -> WeeklySubmission:
        seen: dict[tuple[str, DistrictMetric], int] = {}
        for index, row in enumerate(self.rows):
            key = (row.district, row.metric)
            if key in seen:
                raise ValueError(f"rows[{index}]: 与 rows[{seen[key]}] 重复（同一区同一指标）")
            seen[key] = index
        return self
