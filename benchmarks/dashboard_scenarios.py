"""The dashboard's figures: a ledger of 100,000 cases and 20,000 tasks written with SQL, then
the dashboard's calls timed beside GET /api/v1/me in the same rounds."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import ARRAY, BindParameter, String, bindparam, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmarks import case_scenarios
from benchmarks.scenarios import PASSWORD, REPO
from documents.plan_file import load_plan_file
from domain.units.accounts import AccountCreate
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.campaigns.tables import Campaign, CampaignPhase
from ledger.units import accounts
from ledger.units.tables import Unit

CAMPAIGN = "bench-dash"
DISTRICT_ACCOUNT = ("bench-district", "tj.hp")
PHASES = ("publicity", "screening", "enforcement")
# Tasks over every unit with a dozen deadlines in 90 days, as plans set them (a measure's tasks
# share a phase's end or the campaign's; monthly duties add one a month), 5 % cancelled, 40 %
# completed, the unfinished half of those past their deadline on some rung of the ladder.
TASKS_SQL = """
INSERT INTO tasks (id, campaign_id, task_key, title, description, phase_key, lead_unit,
    unit_code, deadline, deliverables, launched, status, progress, escalation,
    supervising_leader, pending_extension, nil_report, completed_at)
SELECT 'task:bench-dash:k' || g, 'bench-dash', 'k' || g, '基准任务' || g, '',
    (:phases)[1 + g % cardinality(:phases)], 'tj.office', (:units)[1 + g % cardinality(:units)],
    current_date - 45 + (g % 12) * 8, '["note"]', true,
    CASE WHEN g % 20 = 0 THEN 'cancelled' WHEN g % 10 < 4 THEN 'completed'
         WHEN g % 10 < 6 THEN 'in_progress' ELSE 'open' END, 0,
    CASE WHEN g % 10 >= 4 AND g % 12 < 6
         THEN (ARRAY['reminded', 'warned', 'supervised', 'accountability'])[1 + g % 4] END,
    CASE WHEN g % 10 >= 4 AND g % 12 < 6 AND g % 4 >= 2 THEN 'bench-leader' END, false, false,
    CASE WHEN g % 10 < 4 AND g % 20 <> 0 THEN now() - (g % 30) * interval '1 day' END
FROM generate_series(1, :count) AS g
ON CONFLICT DO NOTHING
"""
ESCALATIONS_SQL = """
INSERT INTO escalations (escalation_key, task_id, campaign_id, unit_code, step_key, action, label,
    deadline, due_at, recorded_at, reason, recipients, leader)
SELECT id || ':' || escalation, id, campaign_id, unit_code, escalation,
    CASE escalation WHEN 'reminded' THEN 'remind' WHEN 'warned' THEN 'warn'
         WHEN 'supervised' THEN 'supervise' ELSE 'accountability' END,
    CASE escalation WHEN 'reminded' THEN '提醒' WHEN 'warned' THEN '预警'
         WHEN 'supervised' THEN '督办' ELSE '问责' END,
    deadline, now(), now() - (length(id) % 9) * interval '1 hour', '逾期', '[]',
    supervising_leader
FROM tasks WHERE campaign_id = 'bench-dash' AND escalation IS NOT NULL
ON CONFLICT DO NOTHING
"""
HAZARDS_SQL = """
INSERT INTO hazards (id, number, status, unit_code, district, risk, employer_name, description,
    reopened)
SELECT 'hazard:bench:' || g, 'BH-' || g,
    (ARRAY['registered', 'resolving', 'resolved', 'closed'])[1 + g % 4],
    (:districts)[1 + g % cardinality(:districts)], (:districts)[1 + g % cardinality(:districts)],
    (ARRAY['high', 'medium', 'low'])[1 + g % 3], '某公司' || g % 300, '可能欠薪', 0
FROM generate_series(1, :count) AS g
ON CONFLICT DO NOTHING
"""
INDICATORS_SQL = """
INSERT INTO district_indicators (week_start, metric, numerator, denominator, submitted_by,
    district)
SELECT date_trunc('week', current_date)::date, m, 70 + length(d) % 30, 100, 'bench', d
FROM unnest(CAST(:districts AS varchar[])) AS d,
    unnest(ARRAY['real_name_update', 'manager_on_site', 'supervisor_on_site']) AS m
ON CONFLICT DO NOTHING
"""


@dataclass(frozen=True)
class Sizes:
    cases: int
    tasks: int
    hazards: int


def _codes(name: str, values: list[str]) -> BindParameter[Any]:
    return bindparam(name, values, type_=ARRAY(String))


async def _campaign(session: AsyncSession) -> None:
    """A running 篇一 over the whole city, with three phases around today."""
    today = today_in_beijing()
    plan = load_plan_file(REPO / "plans" / "pian1-tianjin-winter.yaml", start=today)
    await session.merge(
        Campaign(
            id=CAMPAIGN, title="驾驶舱基准", plan_key=plan.key, plan=plan.model_dump(mode="json"),
            root_unit="tj", status="running", created_by="bench-office", period_start=today,
            period_end=today + timedelta(days=70), created_at=datetime.now(UTC),
        )
    )  # fmt: skip
    for index, key in enumerate(PHASES):
        start = today + timedelta(days=30 * index - 40)
        await session.merge(
            CampaignPhase(
                campaign_id=CAMPAIGN, key=key, name=f"第{index + 1}阶段", kind=key,
                start=start, end=start + timedelta(days=45),
            )
        )  # fmt: skip


async def seed(session_factory: async_sessionmaker[AsyncSession], sizes: Sizes) -> None:
    """Cases (the cases part's rows), the campaign's tasks and their ladder records, hazards,
    this week's district figures and a district account; then VACUUM ANALYZE, as autovacuum
    does after a bulk insert (statistics, and the visibility map index-only scans need)."""
    await case_scenarios.seed_cases(session_factory, sizes.cases)
    async with session_factory() as session, session.begin():
        units = list((await session.scalars(select(Unit.code).order_by(Unit.code))).all())
        districts = list(
            (await session.scalars(select(Unit.code).where(Unit.kind == "district"))).all()
        )
        await _campaign(session)
        await session.flush()
        tasks = text(TASKS_SQL).bindparams(_codes("phases", list(PHASES)), _codes("units", units))
        await session.execute(tasks, {"count": sizes.tasks})
        await session.execute(text(ESCALATIONS_SQL))
        hazards = text(HAZARDS_SQL).bindparams(_codes("districts", districts))
        await session.execute(hazards, {"count": sizes.hazards})
        await session.execute(text(INDICATORS_SQL).bindparams(_codes("districts", districts)))
        if await accounts.get_by_username(session=session, username=DISTRICT_ACCOUNT[0]) is None:
            await accounts.create(
                session=session,
                spec=AccountCreate(
                    username=DISTRICT_ACCOUNT[0], password=PASSWORD, role=Role.DISTRICT,
                    unit=DISTRICT_ACCOUNT[1],
                ),
            )  # fmt: skip
    async with session_factory() as session:  # VACUUM runs outside a transaction
        connection = await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        for table in ("cases", "case_tallies", "tasks", "task_tallies", "escalations", "hazards"):
            await connection.execute(text(f"VACUUM ANALYZE {table}"))


@dataclass(frozen=True)
class Call:
    name: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]


async def timings(
    http: httpx.AsyncClient, calls: list[Call], rounds: int
) -> dict[str, list[float]]:
    """Milliseconds per call, the calls interleaved in every round so that the baseline and the
    dashboard see the same load; one warm-up round first (connections, plan caches)."""
    found: dict[str, list[float]] = {call.name: [] for call in calls}
    for round_number in range(rounds + 1):
        for call in calls:
            started = time.perf_counter()
            answer = await http.get(call.path, params=call.params, headers=call.headers)
            elapsed = (time.perf_counter() - started) * 1000
            answer.raise_for_status()
            if round_number:
                found[call.name].append(elapsed)
    return found
