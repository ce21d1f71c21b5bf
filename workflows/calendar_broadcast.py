"""After the office loads a year's arrangement, every open task recomputes its timers."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

from domain.calendar.broadcast import BROADCAST_PAGE_SIZE, BroadcastPage
from domain.calendar.workdays import YearArrangement

with workflow.unsafe.imports_passed_through():
    from activities.calendar import CalendarActivities


@workflow.defn(name="CalendarBroadcast")
class CalendarBroadcastWorkflow:
    @workflow.run
    async def run(self, arrangement: YearArrangement) -> int:
        after: str | None = None
        total = 0
        while True:
            result = await workflow.execute_activity_method(
                CalendarActivities.broadcast_page,
                BroadcastPage(arrangement=arrangement, after_id=after),
                start_to_close_timeout=timedelta(minutes=5),
                retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=1)),
            )
            total += result.signalled
            if result.signalled < BROADCAST_PAGE_SIZE or result.last_id is None:
                return total
            after = result.last_id
