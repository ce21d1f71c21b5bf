"""The request id and actor bound in the API reach workflow-started activities' log context."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import structlog
from temporalio import activity, workflow
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from workers.main import sandbox_runner


@activity.defn(name="test.context")
async def bound_context() -> dict[str, Any]:
    return {k: str(v) for k, v in structlog.contextvars.get_contextvars().items()}


@workflow.defn(name="ContextProbe", sandboxed=False)  # defined beside test imports
class ContextProbe:
    @workflow.run
    async def run(self) -> dict[str, Any]:
        return await workflow.execute_activity(
            bound_context, start_to_close_timeout=timedelta(seconds=10)
        )


async def test_request_id_and_actor_reach_the_activity(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    queue = f"context-{uuid.uuid4().hex[:8]}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=[ContextProbe],
        activities=[bound_context],
        workflow_runner=sandbox_runner(),
    ):
        with structlog.contextvars.bound_contextvars(request_id="req-42", actor="office"):
            seen = await time_skipping_env.client.execute_workflow(
                ContextProbe.run, id="probe-1", task_queue=queue
            )
    assert seen["request_id"] == "req-42"
    assert seen["actor"] == "office"
    assert seen["workflow_id"] == "probe-1"
    assert seen["activity"] == "test.context"
    assert seen["run_id"]
