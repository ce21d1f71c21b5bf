"""A department task (one unit's part of a measure): its data and the rules of its actions.

These models travel through Temporal (workflow input, update bodies, state carried across
continue-as-new) and are checked here, in pure code, so the workflow's update validators
and the tests share one rule book.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from domain.calendar.workdays import YearArrangement
from domain.escalation import DEFAULT_LADDER, EscalationLadder
from domain.tasks.figures import FigureField
from domain.units.roles import Role


class TaskStatus(StrEnum):
    OPEN = "open"  # 待办
    IN_PROGRESS = "in_progress"  # 办理中
    COMPLETED = "completed"  # 已完成
    CANCELLED = "cancelled"  # 已撤销


STATUS_LABELS = {
    TaskStatus.OPEN: "待办",
    TaskStatus.IN_PROGRESS: "办理中",
    TaskStatus.COMPLETED: "已完成",
    TaskStatus.CANCELLED: "已撤销",
}

TERMINAL = frozenset({TaskStatus.COMPLETED, TaskStatus.CANCELLED})


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActorRef(Frozen):
    """Who asks, as the API authenticated them."""

    username: str
    role: Role
    unit: str | None = None


class TaskSpec(Frozen):
    """What a task workflow starts with; everything else it learns through updates."""

    task_id: str  # also the workflow id: task:{campaign}:{task_key}[@occurrence]:{unit}
    campaign_id: str
    task_key: str
    occurrence: str | None = None
    title: str
    description: str = ""
    phase_key: str | None = None
    lead_unit: str | None = None
    unit: str
    unit_ancestors: tuple[str, ...] = ()
    deadline: date
    deadline_time: datetime | None = None  # only for deadlines given to the minute (demos)
    deliverables: tuple[Literal["note", "figures", "files", "report"], ...] = ("note",)
    figure_fields: tuple[FigureField, ...] = ()  # the figures the plan names, if it names them
    ladder: EscalationLadder = DEFAULT_LADDER
    calendar: tuple[YearArrangement, ...] = ()
    calendar_sealed: bool = False  # True: `calendar` holds every year (WorkingCalendar sealed)


class ProgressInput(Frozen):
    actor: ActorRef
    percent: int = Field(ge=0, le=100)
    note: str = Field(default="", max_length=2000)


class AttachmentRef(Frozen):
    attachment_id: str
    filename: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)


class CompleteInput(Frozen):
    actor: ActorRef
    note: str = Field(default="", max_length=5000)
    figures: dict[str, Decimal] = Field(default_factory=dict)
    attachments: tuple[AttachmentRef, ...] = ()
    nil_report: bool = False  # 零报告: an explicit "nothing to report", allowed for reports


class ExtensionRequestInput(Frozen):
    actor: ActorRef
    request_id: str
    new_deadline: date
    reason: str = Field(min_length=2, max_length=2000)


class ExtensionDecisionInput(Frozen):
    actor: ActorRef
    request_id: str
    approve: bool
    reason: str = Field(default="", max_length=2000)


class ReassignInput(Frozen):
    actor: ActorRef
    unit: str
    unit_ancestors: tuple[str, ...] = ()
    reason: str = Field(min_length=2, max_length=2000)


class CancelInput(Frozen):
    actor: ActorRef
    reason: str = Field(min_length=2, max_length=2000)


class CalendarChanged(Frozen):
    arrangement: YearArrangement


class ExtensionRequest(BaseModel):
    request_id: str
    requested_by: str
    requested_at: datetime
    new_deadline: date
    reason: str
    status: Literal["pending", "approved", "refused"] = "pending"
    decided_by: str | None = None
    decision_reason: str | None = None


class TaskState(BaseModel):
    """Everything the task workflow knows; carried whole through continue-as-new."""

    spec: TaskSpec
    status: TaskStatus = TaskStatus.OPEN
    unit: str
    unit_ancestors: tuple[str, ...] = ()
    deadline: date
    deadline_time: datetime | None = None
    deadline_version: int = 0
    progress: int = 0
    fired_steps: list[str] = Field(default_factory=list)
    extensions: list[ExtensionRequest] = Field(default_factory=list)
    calendar: list[YearArrangement] = Field(default_factory=list)
    calendar_sealed: bool = False
    completed_at: datetime | None = None
    event_seq: int = 0

    @classmethod
    def start(cls, spec: TaskSpec) -> TaskState:
        return cls(
            spec=spec,
            unit=spec.unit,
            unit_ancestors=spec.unit_ancestors,
            deadline=spec.deadline,
            deadline_time=spec.deadline_time,
            calendar=list(spec.calendar),
            calendar_sealed=spec.calendar_sealed,
        )

    @classmethod
    def announced(cls, spec: TaskSpec) -> TaskState:
        """A task whose "created" event the launcher already wrote (event 1)."""
        return cls.start(spec).model_copy(update={"event_seq": 1})

    def pending_extension(self) -> ExtensionRequest | None:
        return next((r for r in self.extensions if r.status == "pending"), None)
