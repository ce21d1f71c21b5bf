"""The reports issue's figure: producing a bulletin from a year of a big city's cases."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import text

from benchmarks import case_scenarios
from benchmarks.baseline import summary_ms
from benchmarks.context import Bench
from benchmarks.figures import Figure
from benchmarks.scenarios import REPO
from documents.plan_file import load_plan_file
from infra.clock import today_in_beijing
from ledger.campaigns.tables import Campaign

CAMPAIGN = "bench-report"


async def _seed(bench: Bench, count: int) -> None:
    """Cases with their dated events and payments, and a campaign over the whole year."""
    await case_scenarios.seed_cases(bench.session_factory, count)
    async with bench.session_factory() as session, session.begin():
        await session.execute(
            text(
                """
                INSERT INTO case_events (case_id, event_key, kind, actor, at, detail)
                SELECT id, id || ':' || kind, kind, 'seed', at, '{}'::jsonb FROM (
                    SELECT id, 'registered' AS kind, received_at AS at FROM cases
                    UNION ALL SELECT id, 'closed', closed_at FROM cases WHERE closed_at IS NOT NULL
                    UNION ALL SELECT id, 'major', received_at FROM cases WHERE major
                ) AS e WHERE id LIKE 'case:seed:%'
                ON CONFLICT DO NOTHING;
                INSERT INTO case_payments (case_id, payment_id, amount, payer, workers, note,
                    recorded_by, at)
                SELECT id, 'seed', paid_amount, 'employer', 0, '', 'seed', closed_at FROM cases
                WHERE id LIKE 'case:seed:%' AND paid_amount > 0
                ON CONFLICT DO NOTHING;
                ANALYZE case_events; ANALYZE case_payments;
                """
            )
        )
        plan = load_plan_file(REPO / "plans" / "pian1-tianjin-winter.yaml")
        await session.merge(
            Campaign(
                id=CAMPAIGN, title="报告基准", plan_key=plan.key, plan=plan.model_dump(mode="json"),
                root_unit="tj", status="running", created_by="bench-office",
                period_start=today_in_beijing() - timedelta(days=366), period_end=None,
            )
        )  # fmt: skip


async def run(bench: Bench) -> None:
    count = 5_000 if bench.quick else 100_000
    await _seed(bench, count)
    latencies = await case_scenarios.query_latencies(
        bench.http, bench.headers, case_scenarios.FIGURE_QUERIES[:1], 10
    )
    seconds = []
    for _ in range(1 if bench.quick else 3):
        started = time.perf_counter()
        answer = await bench.http.post(
            f"/api/v1/campaigns/{CAMPAIGN}/reports",
            json={"duty_key": "weekly-bulletin"},
            headers=bench.headers,
        )
        answer.raise_for_status()
        assert answer.json()["status"] == "done", answer.text
        seconds.append(time.perf_counter() - started)
    bench.report(Figure(
        f"produce a weekly bulletin (figures, .xlsx, .docx, stored) over {count:,} cases",
        f"best {min(seconds):.2f} s, worst {max(seconds):.2f} s",
        f"case figures query over the same rows: {summary_ms(latencies)}",
        "— (none set)", True,
    ))  # fmt: skip
