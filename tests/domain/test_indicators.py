"""Indicator rules: counts in, rates out, a Monday week, each subject and metric once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from domain.indicators.districts import Counts, IndicatorRow, WeeklySubmission, percent
from domain.indicators.projects import (
    GROUP_LABELS,
    METRIC_GROUPS,
    PROJECT_METRIC_LABELS,
    DistrictTotal,
    MetricGroup,
    ProjectMetric,
    ProjectWeeklySubmission,
)

MONDAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("numerator", "denominator", "rate"),
    [(187, 200, Decimal("93.5")), (2, 3, Decimal("66.7")), (1, 8, Decimal("12.5")),
     (0, 5, Decimal("0.0")), (5, 5, Decimal("100.0")), (0, 0, None)],
)  # fmt: skip
def test_rate_is_a_percent_with_one_decimal(
    numerator: int, denominator: int, rate: Decimal | None
) -> None:
    assert percent(numerator, denominator) == rate
    assert Counts(numerator=numerator, denominator=denominator).rate == rate


def test_counts_refuse_a_rate_over_100_and_negative_numbers() -> None:
    with pytest.raises(ValidationError, match="分子 30 大于分母 20"):
        Counts(numerator=30, denominator=20)
    with pytest.raises(ValidationError):
        Counts(numerator=-1, denominator=20)
    with pytest.raises(ValidationError):
        Counts(numerator=1, denominator=10_000_001)


def test_a_week_starts_on_monday_and_names_each_district_metric_once() -> None:
    row = {"district": "tj.hp", "metric": "real_name_update", "numerator": 1, "denominator": 2}
    assert WeeklySubmission(week_start=MONDAY, rows=(IndicatorRow(**row),)).rows[0].rate == 50
    with pytest.raises(ValidationError, match="周报告以周一为起始日"):
        WeeklySubmission.model_validate({"week_start": date(2026, 11, 24), "rows": [row]})
    with pytest.raises(ValidationError, match=r"rows\[1\]: 与 rows\[0\] 重复（同一区同一指标）"):
        WeeklySubmission.model_validate({"week_start": MONDAY, "rows": [row, row]})


def test_project_weeks_follow_the_same_rules() -> None:
    row = {"project": "P-1", "metric": "attendance", "numerator": 30, "denominator": 32}
    other = {**row, "metric": "wage_deposit"}
    week = ProjectWeeklySubmission.model_validate({"week_start": MONDAY, "rows": [row, other]})
    assert [r.rate for r in week.rows] == [Decimal("93.8"), Decimal("93.8")]
    with pytest.raises(ValidationError, match="同一项目同一指标"):
        ProjectWeeklySubmission.model_validate({"week_start": MONDAY, "rows": [row, row]})
    with pytest.raises(ValidationError, match="分子 33 大于分母 32"):
        ProjectWeeklySubmission.model_validate(
            {"week_start": MONDAY, "rows": [{**row, "numerator": 33}]}
        )


def test_one_fund_three_systems_and_eight_full_rates() -> None:
    groups = {
        group: [m for m in ProjectMetric if METRIC_GROUPS[m] is group] for group in MetricGroup
    }
    assert groups[MetricGroup.ONE_FUND_THREE_SYSTEMS] == [
        ProjectMetric.WAGE_DEPOSIT, ProjectMetric.REAL_NAME,
        ProjectMetric.SPECIAL_ACCOUNT, ProjectMetric.BANK_PAYMENT,
    ]  # fmt: skip
    assert len(groups[MetricGroup.EIGHT_FULL_RATES]) == 8
    assert GROUP_LABELS[MetricGroup.EIGHT_FULL_RATES] == "8个100%"
    labels = list(PROJECT_METRIC_LABELS.values())
    assert len(set(labels)) == len(labels) == len(ProjectMetric)  # an upload may name either


def test_district_total_weighs_projects_by_their_size() -> None:
    # 3 of 3 on a small site and 1 500 of 3 000 on a large one: 50.0%, not the 75% of a mean.
    total = DistrictTotal(
        district="tj.hp", metric=ProjectMetric.ATTENDANCE, projects=2,
        numerator=3 + 1500, denominator=3 + 3000,
    )  # fmt: skip
    assert total.rate == Decimal("50.0")
