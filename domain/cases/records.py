"""What the case workflow asks its activities to write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from domain.cases.intake import Frozen
from domain.cases.settlement import Payment
from domain.cases.state import CaseState


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


class MajorOutcome(Frozen):
    leader: str | None
