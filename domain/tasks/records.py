"""What the task workflow asks its activities to write: changes and escalation steps."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field

from domain.escalation import EscalationStep
from domain.tasks.model import Frozen, TaskSpec, TaskStatus


class TaskSnapshot(Frozen):
    """The task row as it must read after a change."""

    spec: TaskSpec
    unit: str
    status: TaskStatus
    progress: int
    deadline: date
    deadline_time: datetime | None = None
    pending_extension: bool
    note: str | None = None
    figures: dict[str, Decimal] | None = None
    completed_at: datetime | None = None
    nil_report: bool = False


class TaskChange(Frozen):
    """One append-only event plus the new row, written in one transaction."""

    event_key: str
    kind: str
    actor: str
    at: datetime
    from_status: TaskStatus | None
    to_status: TaskStatus | None
    detail: dict[str, Any] = Field(default_factory=dict)
    snapshot: TaskSnapshot
    notify_units: tuple[str, ...] = ()
    notify_office: bool = False
    message: str | None = None


class EscalationInput(Frozen):
    escalation_key: str
    snapshot: TaskSnapshot
    step: EscalationStep
    due_at: datetime
    at: datetime
    reason: str


class WebhookInput(Frozen):
    delivery_key: str
    unit: str


class EscalationOutcome(Frozen):
    recorded: bool
    leader: str | None = None
    webhooks: tuple[WebhookInput, ...] = ()
