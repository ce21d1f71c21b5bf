"""The dashboard issue's figure: its calls at 100,000 cases and 20,000 tasks, p95 ≤ 50 ms,
each beside GET /api/v1/me (a trivial authenticated call) timed in the same rounds."""

from __future__ import annotations

from benchmarks import scenarios
from benchmarks.context import Bench
from benchmarks.dashboard_scenarios import CAMPAIGN, DISTRICT_ACCOUNT, Call, Sizes, seed, timings
from benchmarks.figures import Figure, percentile

TARGET_MS = 50.0
BASELINE = "GET /api/v1/me"


def sizes(quick: bool) -> Sizes:
    return Sizes(cases=5_000, tasks=2_000, hazards=200) if quick else Sizes(100_000, 20_000, 2_000)


def calls(office: dict[str, str], district: dict[str, str]) -> list[Call]:
    campaign = {"campaign": CAMPAIGN}
    return [
        Call(BASELINE, "/api/v1/me", {}, office),
        Call("dashboard, office (whole city)", "/api/v1/dashboard", campaign, office),
        Call("dashboard, district account", "/api/v1/dashboard", campaign, district),
        Call("campaign progress list", "/api/v1/dashboard/campaigns", {}, office),
    ]


def figures(measured: dict[str, list[float]], size: Sizes) -> list[Figure]:
    """One figure per dashboard call: p50 and p95, the baseline's p95, their ratio, the target."""
    base = percentile(measured[BASELINE], 95)
    base_text = f"{BASELINE} p50 {percentile(measured[BASELINE], 50):.1f} ms, p95 {base:.1f} ms"
    found = []
    for name, latencies in measured.items():
        if name == BASELINE:
            continue
        p95 = percentile(latencies, 95)
        found.append(
            Figure(
                f"{name} with {size.cases:,} cases and {size.tasks:,} tasks",
                f"p50 {percentile(latencies, 50):.1f} ms, p95 {p95:.1f} ms "
                f"({p95 / base:.1f}× baseline)",
                base_text,
                f"p95 ≤ {TARGET_MS:.0f} ms",
                p95 <= TARGET_MS,
            )
        )
    return found


async def run(bench: Bench) -> None:
    size = sizes(bench.quick)
    await seed(bench.session_factory, size)
    district = await scenarios.token(bench.http, DISTRICT_ACCOUNT[0])
    measured = await timings(bench.http, calls(bench.headers, district), 20 if bench.quick else 100)
    for figure in figures(measured, size):
        bench.report(figure)
