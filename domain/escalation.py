"""The escalation ladder (提醒 → 预警 → 督办 → 问责) as data.

Plans differ in how hard and how fast they push, so the ladder is a value a plan can override;
one interpreter in the workflows walks it for tasks and cases alike. Offsets count working days
because that is how the offices count limits.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Self
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from domain.calendar.workdays import WorkingCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
REMINDER_TIME = time(9, 0)
KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"


class StepAction(StrEnum):
    REMIND = "remind"
    WARN = "warn"
    SUPERVISE = "supervise"
    ACCOUNTABILITY = "accountability"


class Recipient(StrEnum):
    UNIT = "unit"
    UNIT_HEAD = "unit_head"
    OFFICE = "office"
    LEADER = "leader"


class EscalationStep(BaseModel):
    """One rung; recipients are roles, not accounts, so one ladder serves every unit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=KEY_PATTERN)
    action: StepAction
    label: str = Field(min_length=1, max_length=50)
    offset_working_days: int = Field(ge=-60, le=60)
    recipients: list[Recipient] = Field(min_length=1)


class EscalationLadder(BaseModel):
    """Steps in firing order; the order must follow the offsets, or a workflow walking the list
    would fire a later rung before an earlier one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    steps: list[EscalationStep] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered_and_unique(self) -> Self:
        problems: list[InitErrorDetails] = []
        seen: dict[str, int] = {}
        for index, step in enumerate(self.steps):
            if step.key in seen:
                problems.append(
                    InitErrorDetails(
                        type=PydanticCustomError(
                            "duplicate_key",
                            "键 {key} 重复（与 steps[{first}] 相同）",
                            {"key": step.key, "first": seen[step.key]},
                        ),
                        loc=("steps", index, "key"),
                        input=step.key,
                    )
                )
            seen.setdefault(step.key, index)
            if index and step.offset_working_days <= self.steps[index - 1].offset_working_days:
                problems.append(
                    InitErrorDetails(
                        type=PydanticCustomError(
                            "not_increasing",
                            "偏移工作日须严格大于上一步（{previous}）",
                            {"previous": self.steps[index - 1].offset_working_days},
                        ),
                        loc=("steps", index, "offset_working_days"),
                        input=step.offset_working_days,
                    )
                )
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self


DEFAULT_LADDER = EscalationLadder(
    steps=[
        EscalationStep(
            key="remind",
            action=StepAction.REMIND,
            label="到期前提醒",
            offset_working_days=-3,
            recipients=[Recipient.UNIT],
        ),
        EscalationStep(
            key="warn",
            action=StepAction.WARN,
            label="逾期预警",
            offset_working_days=0,
            recipients=[Recipient.UNIT, Recipient.UNIT_HEAD, Recipient.OFFICE],
        ),
        EscalationStep(
            key="supervise",
            action=StepAction.SUPERVISE,
            label="挂牌督办",
            offset_working_days=2,
            recipients=[Recipient.OFFICE, Recipient.LEADER],
        ),
        EscalationStep(
            key="accountability",
            action=StepAction.ACCOUNTABILITY,
            label="问责记录（约谈、通报候选）",
            offset_working_days=5,
            recipients=[Recipient.OFFICE, Recipient.LEADER],
        ),
    ]
)


def beijing_date(instant: datetime) -> date:
    """The Beijing calendar day of an instant: offices, deadlines and phases count Beijing days,
    and at 00:30 Beijing the UTC date is still yesterday's."""
    return instant.astimezone(SHANGHAI).date()


def start_of_day(day: date) -> datetime:
    """Beijing midnight at the start of `day`, as the UTC instant timers and the ledger use."""
    return datetime.combine(day, time(0), tzinfo=SHANGHAI).astimezone(UTC)


def end_of_day(day: date) -> datetime:
    return start_of_day(day + timedelta(days=1))


def deadline_at(deadline: date) -> datetime:
    """A deadline date gives the unit the whole of that day in Beijing time, so it lapses at the
    following midnight +08:00; returned in UTC because timers and the ledger run on UTC."""
    return end_of_day(deadline)


def step_due_at_instant(
    deadline: datetime, step: EscalationStep, calendar: WorkingCalendar
) -> datetime:
    """A deadline given to the minute (a demo plan's `now + PT10M`): the step moves by working
    days and keeps the deadline's Beijing time of day."""
    if step.offset_working_days == 0:
        return deadline
    local = deadline.astimezone(SHANGHAI)
    day = calendar.add_working_days(local.date(), step.offset_working_days)
    return datetime.combine(day, local.timetz()).astimezone(UTC)


def step_due_at(deadline: date, step: EscalationStep, calendar: WorkingCalendar) -> datetime:
    """Reminders go out at the start of an office morning so someone reads them; the other rungs
    fire when the day they are counted to has fully lapsed. Offset 0 is the deadline itself, even
    on a day off, so a warning is never later than the deadline it warns about."""
    if step.offset_working_days == 0:
        return end_of_day(deadline)
    day = calendar.add_working_days(deadline, step.offset_working_days)
    if step.offset_working_days < 0:
        return datetime.combine(day, REMINDER_TIME, tzinfo=SHANGHAI).astimezone(UTC)
    return end_of_day(day)
