"""The dashboard benchmark's seeding and timing, on a small ledger: what it writes is what the
dashboard then counts, and every call it times answers 200 with a figure per dashboard call."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from benchmarks import dashboard_bench, scenarios
from benchmarks.dashboard_scenarios import CAMPAIGN, DISTRICT_ACCOUNT, Sizes, seed, timings
from ledger.tasks.tables import Task

SMALL = Sizes(cases=200, tasks=300, hazards=40)


async def test_the_dashboard_benchmark_on_a_small_ledger(
    client: httpx.AsyncClient, session_factory
) -> None:
    await scenarios.seed(session_factory)
    await seed(session_factory, SMALL)
    await seed(session_factory, SMALL)  # a second run writes nothing twice
    office = await scenarios.token(client)
    district = await scenarios.token(client, DISTRICT_ACCOUNT[0])
    board = (
        await client.get("/api/v1/dashboard", params={"campaign": CAMPAIGN}, headers=office)
    ).json()
    async with session_factory() as session:
        counted = await session.scalar(
            select(func.count()).where(Task.campaign_id == CAMPAIGN, Task.status != "cancelled")
        )
    assert counted == SMALL.tasks - SMALL.tasks // 20  # every twentieth is cancelled
    assert sum(p["total"] for p in board["campaign"]["phases"]) == counted
    assert board["cases"]["total"] == SMALL.cases
    assert board["hazards"]["total"] == SMALL.hazards
    assert len(board["indicators"]["rows"]) == 16
    assert board["campaign"]["overdue_total"] > 0
    assert board["campaign"]["supervision"]["total"] > 0
    measured = await timings(client, dashboard_bench.calls(office, district), rounds=3)
    assert {name: len(values) for name, values in measured.items()} == {
        dashboard_bench.BASELINE: 3,
        "dashboard, office (whole city)": 3,
        "dashboard, district account": 3,
        "campaign progress list": 3,
    }
    found = dashboard_bench.figures(measured, SMALL)
    assert [f.name for f in found] == [
        "dashboard, office (whole city) with 200 cases and 300 tasks",
        "dashboard, district account with 200 cases and 300 tasks",
        "campaign progress list with 200 cases and 300 tasks",
    ]
    assert all("× baseline" in f.value and f.target == "p95 ≤ 50 ms" for f in found)
    assert all(f.baseline.startswith("GET /api/v1/me p50 ") for f in found)
