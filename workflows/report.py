"""A report (周报告, 月通报, 日报告, 专报): figures as of one instant, two files, recipients told.

Started by a campaign's Schedule, by the office through the API, or for a newly major case. The
one activity gathers, renders and stores in one go, so large figures never travel through
history; it is idempotent on the report id, which the instant determines.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeKey

from domain.escalation import beijing_date, start_of_day
from domain.plan.model import DayOffRule
from domain.reports.periods import report_id, scheduled_as_of
from domain.reports.requests import (
    REPORT_WORKFLOW,
    GatherInput,
    ProductionDay,
    ReportRef,
    ReportRequest,
)

with workflow.unsafe.imports_passed_through():
    from activities.reports import ReportActivities

PRODUCE_TIMEOUT = timedelta(minutes=5)
RETRY = RetryPolicy(maximum_interval=timedelta(minutes=10))  # a bulletin is owed: never give up
SCHEDULED_AT = SearchAttributeKey.for_datetime("TemporalScheduledStartTime")  # set by Schedules
DAYS_OFF = "report-days-off"  # runs from before waited for no working day
LOOKUP_TIMEOUT = timedelta(seconds=30)


@workflow.defn(name=REPORT_WORKFLOW)
class ReportWorkflow:
    @workflow.run
    async def run(self, request: ReportRequest) -> ReportRef:
        # the time the Schedule meant, not when a delayed run (worker down, catch-up) began
        scheduled = workflow.info().typed_search_attributes.get(SCHEDULED_AT)
        fired = scheduled or workflow.now()
        as_of = request.as_of or scheduled_as_of(request.kind, fired)
        deferred_from = None
        if (  # a run of the Schedule (only those leave `as_of` to the workflow)
            request.as_of is None
            and request.day_off_rule() is not DayOffRule.KEEP
            and workflow.patched(DAYS_OFF)
        ):
            deferred_from = await self._wait_for_working_day(fired, request.day_off_rule())
        return await workflow.execute_activity_method(
            ReportActivities.produce,
            GatherInput(
                report_id=report_id(request.campaign_id, request.duty_key, as_of, request.case_id),
                campaign_id=request.campaign_id,
                duty_key=request.duty_key,
                as_of=as_of,
                case_id=request.case_id,
                requested_by=request.requested_by,
                deferred_from=deferred_from,
            ),
            start_to_close_timeout=PRODUCE_TIMEOUT,
            retry_policy=RETRY,
        )

    async def _wait_for_working_day(self, fired: datetime, rule: DayOffRule) -> date | None:
        """A morning that is a day off: wait for the same hour of the next working day (民法典
        第二百零三条). The report keeps its instant, so every week's span stays the same; the
        day it was due is returned for the document to say so."""
        due = beijing_date(fired)
        day = await workflow.execute_local_activity_method(
            ReportActivities.production_day,
            ProductionDay(due=due, rule=rule),
            start_to_close_timeout=LOOKUP_TIMEOUT,
            retry_policy=RETRY,
        )
        if day == due:
            return None
        wait = start_of_day(day) + (fired - start_of_day(due)) - workflow.now()
        if wait > timedelta():
            await workflow.sleep(wait)
        return due
