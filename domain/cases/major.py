"""Which cases are major (重大案件): they get a special team, listed supervision and a leader."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from domain.cases.intake import PROJECT_TYPE_LABELS, ProjectType


class MajorCaseRule(BaseModel):
    """Thresholds, configurable per campaign; defaults from the plans."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_workers: int = Field(default=30, ge=1)
    min_amount: Decimal = Field(default=Decimal("1000000.00"), ge=0)
    project_types: tuple[ProjectType, ...] = (ProjectType.GOVERNMENT, ProjectType.SOE)


DEFAULT_MAJOR_RULE = MajorCaseRule()


def major_reasons(
    rule: MajorCaseRule,
    *,
    workers: int,
    amount: Decimal,
    project_type: ProjectType | None,
    group_incident: bool,
    extreme_incident: bool,
) -> list[str]:
    """Why a case is major, in Chinese; empty when it is not. Called at intake and on change."""
    reasons = []
    if workers >= rule.min_workers:
        reasons.append(f"涉及 {workers} 人（≥{rule.min_workers} 人）")
    if amount >= rule.min_amount:
        reasons.append(f"金额 {amount:,.2f} 元（≥{rule.min_amount:,.2f} 元）")
    if project_type in rule.project_types:
        reasons.append(PROJECT_TYPE_LABELS[project_type])
    if group_incident:
        reasons.append("群体性事件")
    if extreme_incident:
        reasons.append("极端事件")
    return reasons
