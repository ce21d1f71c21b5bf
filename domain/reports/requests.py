"""What the report workflow and its activities take and answer."""

from __future__ import annotations

from datetime import date, datetime

from domain.plan.model import ReportKind
from domain.plan.resolve import ResolvedReporting
from domain.tasks import Frozen

REPORT_WORKFLOW = "Report"  # by name, so activities can start it without importing the workflow


def schedule_id(campaign_id: str, duty_key: str) -> str:
    """The Temporal Schedule of one recurring duty of one campaign."""
    return f"reports:{campaign_id}:{duty_key}"


class ReportRequest(Frozen):
    """`as_of` is None for a scheduled run: the workflow derives it from when it fires."""

    campaign_id: str
    duty_key: str
    kind: ReportKind
    as_of: datetime | None = None
    case_id: str | None = None  # a 专报 about one major case
    requested_by: str = "system"


class GatherInput(Frozen):
    report_id: str
    campaign_id: str
    duty_key: str
    as_of: datetime
    case_id: str | None = None
    requested_by: str = "system"


class ReportRef(Frozen):
    report_id: str
    title: str
    recipients: int


class SchedulesInput(Frozen):
    """A campaign's reporting duties; those the system produces on a rhythm get a Schedule."""

    campaign_id: str
    reporting: tuple[ResolvedReporting, ...] = ()
    period_start: date
    period_end: date | None = None


class SpecialInput(Frozen):
    """A case that just became major: each running campaign over its district owes a 专报."""

    case_id: str
    at: datetime
