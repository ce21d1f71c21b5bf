"""What the case workflow asks its activities to write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from domain.cases.intake import Frozen
from domain.cases.settlement import Payment
from domain.cases.state import CaseState
from domain.escalation import EscalationStep
from domain.tasks.records import WebhookInput


class CaseChange(Frozen):
    """One event and the case row after it, written together."""

    event_key: str
    kind: str
    actor: str
    at: datetime
    detail: dict[str, Any] = Field(default_factory=dict)
    state: CaseState
    payment: Payment | None = None
    notify_units: tuple[str, ...] = ()
    notify_office: bool = False
    notify_leader: bool = False
    message: str | None = None
    step: EscalationStep | None = None  # a ladder step: its recipients are told, webhooks sent


class RecordOutcome(Frozen):
    """What the write decided: the named leader (领导包案) and webhooks to deliver."""

    leader: str | None
    webhooks: tuple[WebhookInput, ...] = ()
