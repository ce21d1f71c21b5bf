"""The cases issue's figures."""

from __future__ import annotations

from benchmarks import case_scenarios
from benchmarks.baseline import summary_ms, update_with_start_rate
from benchmarks.context import CONCURRENCY, Bench
from benchmarks.figures import Figure, percentile


async def run(bench: Bench) -> None:
    registrations = 200 if bench.quick else 2000
    import_rows = 500 if bench.quick else 10_000
    ledger_rows = 5_000 if bench.quick else 100_000
    uws = await update_with_start_rate(bench.client, registrations, CONCURRENCY)
    baseline = f"{bench.raw_rate:.0f} raw starts/s at {CONCURRENCY}"
    rate = await case_scenarios.register_rate(bench.http, bench.headers, registrations, CONCURRENCY)
    bench.report(Figure(
        f"register cases through the API ({registrations}, {CONCURRENCY} in flight)",
        f"{rate:.0f} cases/s",
        f"{baseline}; raw Update-With-Start {uws:.0f}/s",
        "≥ 0.8× raw starts", rate >= 0.8 * bench.raw_rate,
    ))  # fmt: skip
    rate, seconds = await case_scenarios.import_rate(bench.http, bench.headers, import_rows)
    bench.report(Figure(
        f"import a {import_rows:,}-row clue file", f"{rate:.0f} rows/s ({seconds:.1f} s)",
        baseline, "≥ 0.7× baseline", rate >= 0.7 * bench.raw_rate,
    ))  # fmt: skip
    await case_scenarios.seed_cases(bench.session_factory, ledger_rows)
    for name, queries in (
        ("list", case_scenarios.LIST_QUERIES),
        ("figures", case_scenarios.FIGURE_QUERIES),
    ):
        latencies = await case_scenarios.query_latencies(bench.http, bench.headers, queries, 20)
        bench.report(Figure(
            f"case {name} queries with {ledger_rows:,} cases (office, all districts)",
            summary_ms(latencies), "—", "p95 ≤ 50 ms", percentile(latencies, 95) <= 50,
        ))  # fmt: skip
