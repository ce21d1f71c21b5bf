"""What the hazard workflow asks its activity to write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from domain.cases.intake import Frozen
from domain.escalation import EscalationStep
from domain.hazards.model import HazardState
from domain.tasks.records import WebhookInput


class HazardChange(Frozen):
    event_key: str
    kind: str
    actor: str
    at: datetime
    detail: dict[str, Any] = Field(default_factory=dict)
    state: HazardState
    notify_office: bool = False
    message: str | None = None
    step: EscalationStep | None = None  # a rung of the ladder: the unit's webhooks are told


class HazardOutcome(Frozen):
    """What the write queued for the workflow to deliver."""

    webhooks: tuple[WebhookInput, ...] = ()
