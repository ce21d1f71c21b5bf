"""The campaigns issue's figures."""

from __future__ import annotations

import random

from sqlalchemy import select

from benchmarks import baseline, scenarios
from benchmarks.context import CONCURRENCY, Bench, spread
from benchmarks.figures import Figure, percentile
from ledger.tasks.tables import Task


async def _completable(bench: Bench, campaign_id: str) -> list[str]:
    async with bench.session_factory() as session:
        rows = await session.scalars(select(Task).where(Task.campaign_id == campaign_id))
        return [t.id for t in rows if "files" not in t.deliverables]  # no upload round trip


async def run(bench: Bench) -> None:
    towns = 2 if bench.quick else 20
    completes = 40 if bench.quick else 400
    lag_tasks = 200 if bench.quick else 5000
    await scenarios.add_towns(bench.session_factory, towns)
    campaign_id, tasks, seconds = await scenarios.launch(
        bench.http, bench.headers, bench.session_factory
    )
    rate = tasks / seconds
    bench.report(Figure(
        f"launch 篇一 with {towns} towns per district ({tasks} tasks)",
        f"{rate:.0f} tasks/s ({seconds:.1f} s)",
        f"{bench.raw_rate:.0f} raw starts/s at {CONCURRENCY}",
        "≥ 0.8× baseline", rate >= 0.8 * bench.raw_rate,
    ))  # fmt: skip
    updates = await baseline.update_latencies(bench.client, completes, 1)
    sample = random.Random(7).sample(await _completable(bench, campaign_id), completes)  # noqa: S311
    api = await scenarios.complete_through_api(bench.http, bench.headers, sample, 1)
    bench.report(Figure(
        "complete a task through the API (one at a time)", baseline.summary_ms(api),
        "raw update " + baseline.summary_ms(updates), "p95 ≤ 100 ms", percentile(api, 95) <= 100,
    ))  # fmt: skip
    raw_lags = await baseline.timer_lags(bench.client, lag_tasks, bench.raw_rate)
    lags = await scenarios.escalation_lag(
        bench.client, bench.session_factory, lag_tasks, bench.raw_rate
    )
    bench.report(Figure(
        f"escalation lag, {lag_tasks} deadlines at one instant", spread(lags),
        f"trivial timers + local activity: {spread(raw_lags)}", "p99 ≤ 30 s",
        percentile(lags, 99) <= 30,
    ))  # fmt: skip
    campaign_events = await scenarios.history_length(bench.client, f"campaign:{campaign_id}")
    task_events = await scenarios.history_length(bench.client, sample[0])
    largest = max(campaign_events, task_events)
    bench.report(Figure(
        "largest workflow history",
        f"{largest} events (campaign {campaign_events}, completed task {task_events})",
        "—", "≤ 2,000 events", largest <= 2000,
    ))  # fmt: skip
