"""`make bench`: the campaigns issue's figures, each beside a baseline measured in the same run.

python -m benchmarks            # full sizes (several minutes)
python -m benchmarks --quick    # small sizes, to check the harness works
"""

from __future__ import annotations

import argparse
import asyncio
import random

import httpx
from temporalio.worker import Worker

from benchmarks import baseline, scenarios
from benchmarks.figures import Figure, percentile, table
from benchmarks.noop import BASELINE_QUEUE, NoopWorkflow, TimerWorkflow, clock
from benchmarks.stack import Stack, embedded_stack
from infra.database import build_engine, build_session_factory
from infra.temporal_client import connect_temporal

CONCURRENCY = 32


def spread(seconds: list[float]) -> str:
    return (
        f"p50 {percentile(seconds, 50):.1f} s, p99 {percentile(seconds, 99):.1f} s, "
        f"max {max(seconds):.1f} s"
    )


def report(figures: list[Figure], figure: Figure) -> None:
    """Keep the figure for the table and show it at once: a long run shows progress."""
    figures.append(figure)
    print(
        f"{figure.name}: {figure.value} (baseline {figure.baseline}; target {figure.target})",
        flush=True,
    )  # the campaign launcher's start concurrency, used for the baseline too


async def run(stack: Stack, quick: bool) -> str:
    towns = 2 if quick else 20
    starts = 200 if quick else 2000
    completes = 40 if quick else 400
    lag_tasks = 200 if quick else 5000
    figures: list[Figure] = []
    engine = build_engine(stack.database_url)
    session_factory = build_session_factory(engine)
    client = await connect_temporal(stack.temporal_address)
    await scenarios.seed(session_factory, towns)
    async with (
        Worker(
            client,
            task_queue=BASELINE_QUEUE,
            workflows=[NoopWorkflow, TimerWorkflow],
            activities=[clock],
            max_cached_workflows=10_000,
        ),
        httpx.AsyncClient(base_url=stack.api_url, timeout=60) as http,
    ):
        raw_rate = await baseline.start_rate(client, starts, CONCURRENCY)
        headers = await scenarios.token(http)
        campaign_id, tasks, seconds = await scenarios.launch(http, headers, session_factory)
        launch_rate = tasks / seconds
        report(
            figures,
            Figure(
                f"launch 篇一 with {towns} towns per district ({tasks} tasks)",
                f"{launch_rate:.0f} tasks/s ({seconds:.1f} s)",
                f"{raw_rate:.0f} raw starts/s at {CONCURRENCY}",
                "≥ 0.8× baseline",
                launch_rate >= 0.8 * raw_rate,
            ),
        )
        updates = await baseline.update_latencies(client, completes, 1)
        sample = random.Random(7).sample(  # noqa: S311 - picking tasks, not secrets
            await _task_ids(session_factory, campaign_id), completes
        )
        api = await scenarios.complete_through_api(http, headers, sample, 1)
        report(
            figures,
            Figure(
                "complete a task through the API (one at a time)",
                baseline.summary_ms(api),
                "raw update " + baseline.summary_ms(updates),
                "p95 ≤ 100 ms",
                percentile(api, 95) <= 100,
            ),
        )
        raw_lags = await baseline.timer_lags(client, lag_tasks, raw_rate)
        lags = await scenarios.escalation_lag(client, session_factory, lag_tasks, raw_rate)
        report(
            figures,
            Figure(
                f"escalation lag, {lag_tasks} deadlines at one instant",
                spread(lags),
                f"trivial timers + local activity: {spread(raw_lags)}",
                "p99 ≤ 30 s",
                percentile(lags, 99) <= 30,
            ),
        )
        campaign_events = await scenarios.history_length(client, f"campaign:{campaign_id}")
        task_events = await scenarios.history_length(client, sample[0])
        largest = max(campaign_events, task_events)
        report(
            figures,
            Figure(
                "largest workflow history",
                f"{largest} events (campaign {campaign_events}, completed task {task_events})",
                "—",
                "≤ 2,000 events",
                largest <= 2000,
            ),
        )
    await engine.dispose()
    return table(figures)


async def _task_ids(session_factory, campaign_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from ledger.tasks_table import Task

    async with session_factory() as session:
        rows = await session.scalars(select(Task).where(Task.campaign_id == campaign_id))
        return [t.id for t in rows if "files" not in t.deliverables]  # no upload round trip


def main() -> None:
    parser = argparse.ArgumentParser(description="qingling benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes: check the harness")
    quick = parser.parse_args().quick
    with embedded_stack() as stack:
        print(asyncio.run(run(stack, quick)), flush=True)


if __name__ == "__main__":
    main()
