"""What the hazard workflow asks its activity to write."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from domain.cases.intake import Frozen
from domain.hazards import HazardState


class HazardChange(Frozen):
    event_key: str
    kind: str
    actor: str
    at: datetime
    detail: dict[str, Any] = Field(default_factory=dict)
    state: HazardState
    notify_office: bool = False
    message: str | None = None
