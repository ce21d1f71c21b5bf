"""What the report workflow and its activities take and answer."""

from __future__ import annotations

from datetime import date, datetime

from domain.plan.model import DayOffRule, ReportKind, report_day_off_rule
from domain.plan.resolve import ResolvedReporting
from domain.tasks.model import Frozen

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
    on_day_off: DayOffRule | None = None  # a scheduled morning that is a day off; None: by kind

    def day_off_rule(self) -> DayOffRule:
        return report_day_off_rule(self.kind, self.on_day_off)


class GatherInput(Frozen):
    report_id: str
    campaign_id: str
    duty_key: str
    as_of: datetime
    case_id: str | None = None
    requested_by: str = "system"
    deferred_from: date | None = None  # the day off it was due on, when produced later


class ProductionDay(Frozen):
    """The Beijing day a scheduled report was due, and what a day off means for it."""

    due: date
    rule: DayOffRule


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
