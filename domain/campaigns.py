"""What the campaign workflow carries: its input, its state, and what its activities answer."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from domain.escalation import beijing_date
from domain.plan.resolve import ResolvedReporting
from domain.tasks.model import Frozen

LAUNCH_PAGE_SIZE = 200
STANDING_HORIZON = timedelta(days=35)  # a standing plan's recurring tasks are made a month ahead


def resolution_horizon(standing: bool, now: datetime) -> date | None:
    """How far ahead tasks are made: a dated campaign all at once, a standing plan monthly."""
    return beijing_date(now) + STANDING_HORIZON if standing else None


class CampaignStart(Frozen):
    campaign_id: str
    plan: dict[str, Any]  # the validated plan, as JSON
    created_by: str
    created_at: datetime  # "now" for the plan's date expressions, fixed at creation
    title: str | None = None
    supervising_leader: str | None = None


class PhaseWindow(Frozen):
    key: str
    name: str
    start: date
    end: date


class PreparedCampaign(Frozen):
    task_count: int
    phases: tuple[PhaseWindow, ...]
    period_end: date | None
    standing: bool
    period_start: date | None = None  # None in states prepared before reports existed
    reporting: tuple[ResolvedReporting, ...] = ()


class LaunchResult(Frozen):
    started: int
    remaining: bool


class PhaseChange(Frozen):
    campaign_id: str
    phase_key: str
    status: str  # open | closed
    at: datetime


class ExtendInput(Frozen):
    campaign_id: str
    horizon: date
    at: datetime


class CloseInput(Frozen):
    campaign_id: str
    at: datetime
    reason: str = ""


class CampaignSummary(Frozen):
    campaign_id: str
    task_count: int
    completed: int
    overdue: int
    text: str


class CampaignState(BaseModel):
    """Carried whole through continue-as-new."""

    start: CampaignStart
    prepared: PreparedCampaign | None = None
    launched: int = 0
    applied_phase_events: list[str] = Field(default_factory=list)
    extended_until: date | None = None
    close_requested: str | None = None
