"""The baseline: a trivial workflow with a trivial update, on the same server as the real ones."""

from __future__ import annotations

from temporalio import workflow

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
