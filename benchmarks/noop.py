"""The baseline: trivial workflows on the same server as the real ones.

`NoopWorkflow` gives the raw start rate and update round trip; `TimerWorkflow` the raw lag
of many timers firing at one instant, each followed by one local activity, the same shape
as an escalation step without its ledger write.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from temporalio import activity, workflow

BASELINE_QUEUE = "bench-baseline"


@workflow.defn(name="BenchNoop")
class NoopWorkflow:
    def __init__(self) -> None:
        self.done = False

    @workflow.run
    async def run(self, hold: bool) -> None:
        if hold:
            await workflow.wait_condition(lambda: self.done)

    @workflow.update
    async def touch(self, value: int) -> int:
        return value

    @workflow.signal
    def finish(self) -> None:
        self.done = True


@activity.defn(name="bench.clock")
async def clock() -> float:
    """When the step ran, as wall-clock seconds."""
    return time.time()


@workflow.defn(name="BenchTimer")
class TimerWorkflow:
    @workflow.run
    async def run(self, due: datetime) -> float:
        await workflow.sleep(max((due - workflow.now()).total_seconds(), 0))
        return await workflow.execute_local_activity(
            clock, start_to_close_timeout=timedelta(seconds=30)
        )
