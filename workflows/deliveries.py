"""Webhook deliveries a workflow starts after an escalation and settles before it ends.

Each delivery is its own retried activity, so a slow or failing gateway never holds the
ledger write; the run waits for them (and for its handlers) before it completes or
continues as new, so none is cancelled half way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

from domain.task_records import WebhookInput

with workflow.unsafe.imports_passed_through():
    from activities.webhooks import WebhookActivities

DELIVERY_TIMEOUT = timedelta(seconds=30)
DELIVERY_RETRY = RetryPolicy(maximum_attempts=8, maximum_interval=timedelta(minutes=10))


class Deliveries:
    def __init__(self) -> None:
        self._pending: list[workflow.ActivityHandle[None]] = []

    def start(self, hooks: Iterable[WebhookInput]) -> None:
        for hook in hooks:
            self._pending.append(
                workflow.start_activity_method(
                    WebhookActivities.deliver,
                    hook,
                    start_to_close_timeout=DELIVERY_TIMEOUT,
                    retry_policy=DELIVERY_RETRY,
                )
            )

    async def settle(self) -> None:
        """Finish handlers and deliveries before the run ends."""
        await workflow.wait_condition(workflow.all_handlers_finished)
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
            self._pending.clear()
