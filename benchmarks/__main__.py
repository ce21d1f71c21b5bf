"""`make bench`: each figure beside a baseline measured in the same run on the same server.

python -m benchmarks                  # every part, full sizes (about ten minutes)
python -m benchmarks --part cases     # one part (campaigns, cases, reports, dashboard)
python -m benchmarks --quick          # small sizes, to check the harness
"""

from __future__ import annotations

import argparse
import asyncio

import httpx
from temporalio.worker import Worker

from benchmarks import (
    baseline,
    campaign_bench,
    case_bench,
    dashboard_bench,
    report_bench,
    scenarios,
)
from benchmarks.context import CONCURRENCY, Bench
from benchmarks.figures import table
from benchmarks.noop import BASELINE_QUEUE, NoopWorkflow, TimerWorkflow, clock
from benchmarks.stack import Stack, embedded_stack
from infra.database import build_engine, build_session_factory
from infra.temporal_client import connect_temporal

PARTS = {
    "campaigns": campaign_bench.run,
    "cases": case_bench.run,
    "reports": report_bench.run,
    "dashboard": dashboard_bench.run,
}


async def run(stack: Stack, quick: bool, parts: list[str]) -> str:
    engine = build_engine(stack.database_url)
    session_factory = build_session_factory(engine)
    client = await connect_temporal(stack.temporal_address)
    await scenarios.seed(session_factory)
    worker = Worker(
        client,
        task_queue=BASELINE_QUEUE,
        workflows=[NoopWorkflow, TimerWorkflow],
        activities=[clock],
        max_cached_workflows=10_000,
    )
    async with worker, httpx.AsyncClient(base_url=stack.api_url, timeout=60) as http:
        raw_rate = await baseline.start_rate(client, 200 if quick else 2000, CONCURRENCY)
        bench = Bench(
            http=http,
            headers=await scenarios.token(http),
            client=client,
            session_factory=session_factory,
            raw_rate=raw_rate,
            quick=quick,
        )
        for part in parts:
            await PARTS[part](bench)
    await engine.dispose()
    return table(bench.figures)


def main() -> None:
    parser = argparse.ArgumentParser(description="qingling benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes: check the harness")
    parser.add_argument("--part", choices=sorted(PARTS), action="append", help="run only this part")
    args = parser.parse_args()
    with embedded_stack() as stack:
        print(asyncio.run(run(stack, args.quick, args.part or list(PARTS))), flush=True)


if __name__ == "__main__":
    main()
