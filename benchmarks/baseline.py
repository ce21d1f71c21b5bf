"""Raw Temporal figures of a trivial workflow at a given concurrency: the yardstick."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

from temporalio.client import Client, WithStartWorkflowOperation, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy

from benchmarks.figures import percentile
from benchmarks.noop import BASELINE_QUEUE, NoopWorkflow, TimerWorkflow


async def start_rate(client: Client, count: int, concurrency: int) -> float:
    """Workflow starts per second, `concurrency` start calls in flight."""
    gate = asyncio.Semaphore(concurrency)
    prefix = uuid.uuid4().hex[:8]

    async def one(i: int) -> None:
        async with gate:
            await client.start_workflow(
                NoopWorkflow.run, False, id=f"noop-{prefix}-{i}", task_queue=BASELINE_QUEUE
            )

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(count)))
    return count / (time.perf_counter() - started)


async def update_latencies(client: Client, count: int, concurrency: int) -> list[float]:
    """Round trips (ms) of an update on running trivial workflows."""
    handles = [
        await client.start_workflow(
            NoopWorkflow.run,
            True,
            id=f"noop-upd-{uuid.uuid4().hex[:8]}-{i}",
            task_queue=BASELINE_QUEUE,
        )
        for i in range(concurrency)
    ]
    latencies: list[float] = []

    async def lane(handle_index: int) -> None:
        handle = handles[handle_index]
        for i in range(count // concurrency):
            t = time.perf_counter()
            await handle.execute_update(NoopWorkflow.touch, i)
            latencies.append((time.perf_counter() - t) * 1000)

    await asyncio.gather(*(lane(i) for i in range(concurrency)))
    for handle in handles:
        await handle.signal(NoopWorkflow.finish)
    return latencies


def summary_ms(latencies: list[float]) -> str:
    return f"p50 {percentile(latencies, 50):.0f} ms, p95 {percentile(latencies, 95):.0f} ms"


async def timer_lags(client: Client, count: int, start_rate: float) -> list[float]:
    """Seconds from one shared instant to each trivial workflow's step after its timer."""
    due = datetime.now(UTC) + timedelta(seconds=count / start_rate * 3 + 30)
    gate = asyncio.Semaphore(32)
    prefix = uuid.uuid4().hex[:8]

    async def one(i: int) -> WorkflowHandle[TimerWorkflow, float]:
        async with gate:
            return await client.start_workflow(
                TimerWorkflow.run, due, id=f"timer-{prefix}-{i}", task_queue=BASELINE_QUEUE
            )

    handles = await asyncio.gather(*(one(i) for i in range(count)))

    async def fired_at(handle: WorkflowHandle[TimerWorkflow, float]) -> float:
        async with gate:  # results are long polls: the namespace allows only so many at once
            return await handle.result()

    fired = await asyncio.gather(*(fired_at(h) for h in handles))
    return [at - due.timestamp() for at in fired]


async def update_with_start_rate(client: Client, count: int, concurrency: int) -> float:
    """Update-With-Start calls per second on a trivial workflow: the floor of case intake."""
    gate = asyncio.Semaphore(concurrency)
    prefix = uuid.uuid4().hex[:8]

    async def one(i: int) -> None:
        async with gate:
            await client.execute_update_with_start_workflow(
                NoopWorkflow.touch,
                i,
                start_workflow_operation=WithStartWorkflowOperation(
                    NoopWorkflow.run,
                    True,
                    id=f"uws-{prefix}-{i}",
                    task_queue=BASELINE_QUEUE,
                    id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
                ),
            )

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(count)))
    return count / (time.perf_counter() - started)
