"""A report (周报告, 月通报, 日报告, 专报): figures as of one instant, two files, recipients told.

Started by a campaign's Schedule, by the office through the API, or for a newly major case. The
one activity gathers, renders and stores in one go, so large figures never travel through
history; it is idempotent on the report id, which the instant determines.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeKey

from domain.reports.periods import report_id, scheduled_as_of
from domain.reports.requests import REPORT_WORKFLOW, GatherInput, ReportRef, ReportRequest

with workflow.unsafe.imports_passed_through():
    from activities.reports import ReportActivities

PRODUCE_TIMEOUT = timedelta(minutes=5)
RETRY = RetryPolicy(maximum_interval=timedelta(minutes=10))  # a bulletin is owed: never give up
SCHEDULED_AT = SearchAttributeKey.for_datetime("TemporalScheduledStartTime")  # set by Schedules


@workflow.defn(name=REPORT_WORKFLOW)
class ReportWorkflow:
    @workflow.run
    async def run(self, request: ReportRequest) -> ReportRef:
        # the time the Schedule meant, not when a delayed run (worker down, catch-up) began
        fired = workflow.info().typed_search_attributes.get(SCHEDULED_AT) or workflow.now()
        as_of = request.as_of or scheduled_as_of(request.kind, fired)
        return await workflow.execute_activity_method(
            ReportActivities.produce,
            GatherInput(
                report_id=report_id(request.campaign_id, request.duty_key, as_of, request.case_id),
                campaign_id=request.campaign_id,
                duty_key=request.duty_key,
                as_of=as_of,
                case_id=request.case_id,
                requested_by=request.requested_by,
            ),
            start_to_close_timeout=PRODUCE_TIMEOUT,
            retry_policy=RETRY,
        )
