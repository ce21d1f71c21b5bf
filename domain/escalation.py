"""The escalation ladder as data, and when each step falls due.

A deadline date means the end of that day in Beijing time. A step before the deadline
fires at 09:00 on its working day (a reminder in office hours); a step at or after the
deadline fires at the end of its working day, so a unit always has the whole day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from domain.workdays import WorkingCalendar

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving in China
REMINDER_TIME = time(9, 0)


class StepAction(StrEnum):
    REMIND = "remind"  # 提醒
    WARN = "warn"  # 预警
    SUPERVISE = "supervise"  # 督办
    ACCOUNTABILITY = "accountability"  # 问责


class Recipient(StrEnum):
    UNIT = "unit"  # the responsible unit's accounts
    UNIT_HEAD = "unit_head"  # 单位负责人: the unit and the district above it
    OFFICE = "office"  # 领导小组办公室
    LEADER = "leader"  # the named leader (领导包案)


class EscalationStep(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")
    action: StepAction
    label: str = Field(min_length=1, max_length=50)
    offset_working_days: int = Field(ge=-30, le=60)
    recipients: tuple[Recipient, ...] = Field(min_length=1)


class EscalationLadder(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    steps: tuple[EscalationStep, ...] = Field(min_length=1)

    @field_validator("steps")
    @classmethod
    def _ordered_and_unique(cls, steps: tuple[EscalationStep, ...]) -> tuple[EscalationStep, ...]:
        keys: set[str] = set()
        for index, step in enumerate(steps):
            if step.key in keys:
                raise ValueError(f"steps[{index}].key: 步骤 {step.key} 重复")
            keys.add(step.key)
            if index and step.offset_working_days <= steps[index - 1].offset_working_days:
                raise ValueError(
                    f"steps[{index}].offset_working_days: 各步骤须按时间先后排列（偏移量递增）"
                )
        return steps


DEFAULT_LADDER = EscalationLadder(
    steps=(
        EscalationStep(
            key="remind",
            action=StepAction.REMIND,
            label="到期前提醒",
            offset_working_days=-3,
            recipients=(Recipient.UNIT,),
        ),
        EscalationStep(
            key="warn",
            action=StepAction.WARN,
            label="逾期预警",
            offset_working_days=0,
            recipients=(Recipient.UNIT, Recipient.UNIT_HEAD, Recipient.OFFICE),
        ),
        EscalationStep(
            key="supervise",
            action=StepAction.SUPERVISE,
            label="督办（领导包案）",
            offset_working_days=2,
            recipients=(Recipient.OFFICE, Recipient.LEADER),
        ),
        EscalationStep(
            key="accountability",
            action=StepAction.ACCOUNTABILITY,
            label="问责（约谈/通报）",
            offset_working_days=5,
            recipients=(Recipient.OFFICE, Recipient.LEADER),
        ),
    )
)


def end_of_day(day: date) -> datetime:
    """24:00 Beijing time of `day`, in UTC."""
    return datetime.combine(day + timedelta(days=1), time(0), BEIJING).astimezone(UTC)


def deadline_at(deadline: date) -> datetime:
    """The instant a deadline date passes."""
    return end_of_day(deadline)


def step_due_at(deadline: date, step: EscalationStep, calendar: WorkingCalendar) -> datetime:
    """When `step` fires for `deadline`, counting working days on `calendar`."""
    day = calendar.add_working_days(deadline, step.offset_working_days)
    if step.offset_working_days < 0:
        return datetime.combine(day, REMINDER_TIME, BEIJING).astimezone(UTC)
    return end_of_day(day)
