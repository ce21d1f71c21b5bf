"""限时办结: how long each stage may take, in working days, and campaign goals as deadlines."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from domain.calendar.workdays import WorkingCalendar
from domain.cases.intake import CaseSource, ProjectType


class TimeLimits(BaseModel):
    """Defaults from the rules; configurable per source and per campaign."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    accept_working_days: int = Field(default=5, ge=1, le=60)  # 决定受理
    close_working_days: int = Field(default=60, ge=1, le=365)  # 办结
    extension_working_days: int = Field(default=30, ge=1, le=120)  # 经批准可延长一次
    follow_up_days: int = Field(default=30, ge=1, le=365)  # 回头看（自然日）
    per_source: dict[CaseSource, int] = Field(
        default_factory=dict, description="某些来源的办结时限（工作日），覆盖 close_working_days"
    )


DEFAULT_LIMITS = TimeLimits()


class CampaignGoal(BaseModel):
    """A goal that becomes a deadline on matching cases (两清零)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    deadline: date
    project_types: tuple[ProjectType, ...] = ()  # empty: every case


def accept_deadline(received: date, limits: TimeLimits, calendar: WorkingCalendar) -> date:
    return calendar.add_working_days(received, limits.accept_working_days)


def close_deadline(
    received: date,
    source: CaseSource,
    project_type: ProjectType | None,
    limits: TimeLimits,
    goals: tuple[CampaignGoal, ...],
    calendar: WorkingCalendar,
) -> tuple[date, str]:
    """The earlier of the time limit and any campaign goal that covers the case, and why."""
    days = limits.per_source.get(source, limits.close_working_days)
    deadline = calendar.add_working_days(received, days)
    reason = f"限时办结（{days} 个工作日）"
    for goal in goals:
        covers = not goal.project_types or project_type in goal.project_types
        if covers and goal.deadline < deadline:
            deadline, reason = goal.deadline, f"专项行动目标：{goal.name}"
    return deadline, reason
