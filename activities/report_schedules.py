"""Temporal Schedules of a campaign's reports: one per weekly, monthly or daily duty.

Each fires at 08:00 Beijing time and starts the report workflow, which reports as of the last
midnight (see domain.reports.periods). They are visible and pausable in the Temporal UI; the
campaign workflow creates them when it starts and deletes them when it ends.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from temporalio.client import (
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleCalendarSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleRange,
    ScheduleSpec,
    ScheduleState,
)

from domain.escalation import end_of_day, start_of_day
from domain.plan.model import ReportKind
from domain.plan.resolve import ResolvedReporting
from domain.reports.periods import SCHEDULED_KINDS
from domain.reports.requests import REPORT_WORKFLOW, ReportRequest, SchedulesInput
from infra.task_queues import MAIN_TASK_QUEUE

FIRE_HOUR = 8
CATCHUP_WINDOW = timedelta(days=10)
ZONE = "Asia/Shanghai"


def _calendar(duty: ResolvedReporting) -> ScheduleCalendarSpec:
    hour = (ScheduleRange(FIRE_HOUR),)
    if duty.kind is ReportKind.WEEKLY and duty.weekday is not None:
        return ScheduleCalendarSpec(hour=hour, day_of_week=(ScheduleRange(duty.weekday % 7),))
    if duty.kind is ReportKind.MONTHLY and duty.day_of_month is not None:
        return ScheduleCalendarSpec(hour=hour, day_of_month=(ScheduleRange(duty.day_of_month),))
    return ScheduleCalendarSpec(hour=hour)


def report_schedule(body: SchedulesInput, duty: ResolvedReporting) -> Schedule:
    """Daily reports fire on the mornings after each day of their range; the others from the
    campaign's first day to its last (a standing plan has no last day)."""
    start_at: datetime
    end_at: datetime | None
    if duty.kind is ReportKind.DAILY and duty.start is not None and duty.end is not None:
        start_at = start_of_day(duty.start + timedelta(days=1))
        end_at = end_of_day(duty.end + timedelta(days=1))
    else:
        start_at = start_of_day(body.period_start)
        end_at = None if body.period_end is None else end_of_day(body.period_end)
    request = ReportRequest(
        campaign_id=body.campaign_id, duty_key=duty.key, kind=duty.kind, on_day_off=duty.on_day_off
    )
    return Schedule(
        action=ScheduleActionStartWorkflow(
            REPORT_WORKFLOW,
            request,
            id=f"report-scheduled:{body.campaign_id}:{duty.key}",
            task_queue=MAIN_TASK_QUEUE,
        ),
        spec=ScheduleSpec(
            calendars=[_calendar(duty)], start_at=start_at, end_at=end_at, time_zone_name=ZONE
        ),
        # a run may wait out a long holiday (produced on the next working day), so the next
        # firing must not be skipped; each has its own id, and a Temporal outage of up to ten
        # days is caught up
        policy=SchedulePolicy(
            overlap=ScheduleOverlapPolicy.ALLOW_ALL, catchup_window=CATCHUP_WINDOW
        ),
        state=ScheduleState(note=f"{duty.title}（专项行动 {body.campaign_id}）"),
    )


def scheduled_duties(body: SchedulesInput) -> list[ResolvedReporting]:
    return [duty for duty in body.reporting if duty.kind in SCHEDULED_KINDS]
