"""Activities a workflow starts without waiting, and settles before it ends.

Webhook deliveries after an escalation and the 专报 a newly major case asks for: neither may
hold the ledger write or the update that caused it, and neither may be cancelled half way,
so the run waits for them (and for its handlers) before it completes or continues as new.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

from domain.reports.requests import SpecialInput
from domain.tasks.records import WebhookInput

with workflow.unsafe.imports_passed_through():
    from activities.reports import ReportActivities
    from activities.webhooks import WebhookActivities

DELIVERY_TIMEOUT = timedelta(seconds=30)
DELIVERY_RETRY = RetryPolicy(maximum_attempts=8, maximum_interval=timedelta(minutes=10))
SPECIAL_TIMEOUT = timedelta(minutes=2)
SPECIAL_RETRY = RetryPolicy(maximum_interval=timedelta(minutes=5))


class Background:
    def __init__(self) -> None:
        self._pending: list[workflow.ActivityHandle[Any]] = []

    def deliver(self, hooks: Iterable[WebhookInput]) -> None:
        for hook in hooks:
            self._pending.append(
                workflow.start_activity_method(
                    WebhookActivities.deliver,
                    hook,
                    start_to_close_timeout=DELIVERY_TIMEOUT,
                    retry_policy=DELIVERY_RETRY,
                )
            )

    def special_reports(self, body: SpecialInput) -> None:
        self._pending.append(
            workflow.start_activity_method(
                ReportActivities.special_for_case,
                body,
                start_to_close_timeout=SPECIAL_TIMEOUT,
                retry_policy=SPECIAL_RETRY,
            )
        )

    async def settle(self) -> None:
        """Finish handlers and what was started before the run ends or continues as new: until
        no handler runs and nothing is pending, since a handler that runs meanwhile may start
        more (its webhooks, a 专报)."""
        while True:
            await workflow.wait_condition(workflow.all_handlers_finished)
            if not self._pending:
                return
            batch, self._pending = self._pending, []
            await asyncio.gather(*batch, return_exceptions=True)
