"""The measured scenarios of the campaigns issue, against a running stack."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import yaml
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from documents.units_file import read_units_file
from domain.escalation import EscalationLadder, EscalationStep, Recipient, StepAction
from domain.tasks.model import TaskSpec, TaskState
from domain.units.accounts import AccountCreate
from domain.units.model import UnitKind, UnitLevel, UnitSpec
from domain.units.roles import Role
from ledger.campaigns import service as campaigns
from ledger.tasks import launch as task_launch
from ledger.tasks.tables import Escalation, Task
from ledger.units import accounts
from ledger.units import service as units
from workflows.client import start_task

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "benchmark-password"  # noqa: S105 - a throwaway account in a temporary stack
FIRST_STEP_AT_DEADLINE = EscalationLadder(
    steps=[
        EscalationStep(
            key="warn",
            action=StepAction.WARN,
            label="逾期预警",
            offset_working_days=0,
            recipients=[Recipient.UNIT, Recipient.OFFICE],
        ),
        EscalationStep(
            key="supervise",
            action=StepAction.SUPERVISE,
            label="督办",
            offset_working_days=2,
            recipients=[Recipient.OFFICE, Recipient.LEADER],
        ),
    ]
)


async def seed(session_factory: async_sessionmaker[AsyncSession]) -> None:
    """Tianjin's unit tree and the benchmark's office and leader accounts."""
    tree = read_units_file(REPO / "plans" / "data" / "units-tianjin.yaml").units
    async with session_factory() as session, session.begin():
        await units.upsert_many(session=session, units=tree)
        for name, role, unit in (
            ("bench-office", Role.OFFICE, "tj.office"),
            ("bench-leader", Role.LEADER, "tj"),
        ):
            await accounts.create(
                session=session,
                spec=AccountCreate(username=name, password=PASSWORD, role=role, unit=unit),
            )


async def add_towns(session_factory: async_sessionmaker[AsyncSession], per_district: int) -> None:
    """`per_district` towns under each district, so a campaign owes thousands of tasks."""
    tree = read_units_file(REPO / "plans" / "data" / "units-tianjin.yaml").units
    towns = [
        UnitSpec(code=f"{d.code}.t{n:02d}", name=f"{d.name}第{n}街镇", level=UnitLevel.TOWN,
                 kind=UnitKind.TOWN, parent=d.code)
        for d in tree
        if d.kind is UnitKind.DISTRICT
        for n in range(1, per_district + 1)
    ]  # fmt: skip
    async with session_factory() as session, session.begin():
        await units.upsert_many(session=session, units=towns)


async def token(http: httpx.AsyncClient, username: str = "bench-office") -> dict[str, str]:
    answer = await http.post(
        "/api/v1/auth/token", data={"username": username, "password": PASSWORD}
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def pian1_for_every_town() -> dict[str, Any]:
    """Plan 篇一 with every district measure also owed by each town: thousands of tasks."""
    plan: dict[str, Any] = yaml.safe_load(
        (REPO / "plans" / "pian1-tianjin-winter.yaml").read_text("utf-8")
    )
    for task in plan["tasks"]:
        if "@districts" in task.get("responsible_units", []):
            task["responsible_units"].append("@towns")
    plan["key"] = "bench-pian1-towns"
    as_sent: dict[str, Any] = json.loads(json.dumps(plan, default=str))  # dates as ISO text
    return as_sent


async def launch(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    session_factory: async_sessionmaker[AsyncSession],
) -> tuple[str, int, float]:
    """POST the campaign, then wait until every task workflow has been started."""
    started = time.perf_counter()
    answer = await http.post(
        "/api/v1/campaigns", json={"plan": pian1_for_every_town()}, headers=headers
    )
    answer.raise_for_status()
    campaign_id, expected = answer.json()["id"], answer.json()["task_count"]
    while True:
        async with session_factory() as session:
            done = await session.scalar(
                select(func.count()).where(Task.campaign_id == campaign_id, Task.launched.is_(True))
            )
        if done == expected:
            return campaign_id, expected, time.perf_counter() - started
        await asyncio.sleep(0.2)


async def complete_through_api(
    http: httpx.AsyncClient, headers: dict[str, str], task_ids: list[str], concurrency: int
) -> list[float]:
    latencies: list[float] = []
    queue = list(task_ids)

    async def lane() -> None:
        while queue:
            task_id = queue.pop()
            t = time.perf_counter()
            answer = await http.post(
                f"/api/v1/tasks/{task_id}/complete",
                json={"note": "已完成", "figures": {"检查单位数": 12}},
                headers=headers,
            )
            latencies.append((time.perf_counter() - t) * 1000)
            answer.raise_for_status()

    await asyncio.gather(*(lane() for _ in range(concurrency)))
    return latencies


async def escalation_lag(
    client: Client, session_factory: async_sessionmaker[AsyncSession], count: int, start_rate: float
) -> list[float]:
    """`count` tasks whose first step falls due at one instant; seconds from due to recorded."""
    campaign_id = f"bench-lag-{uuid.uuid4().hex[:6]}"
    async with session_factory() as session, session.begin():
        await campaigns.create(
            session=session,
            campaign_id=campaign_id,
            title="升级时延基准",
            plan_key="bench",
            plan={},
            root_unit="tj",
            period_start=datetime.now(UTC).date(),
            period_end=None,
            created_by="bench",
        )
    # Every task must be running before the instant: allow three times the raw start time.
    margin = timedelta(seconds=count / start_rate * 3 + 30)
    due = (datetime.now(UTC) + margin).replace(microsecond=0)
    specs = [
        TaskSpec(
            task_id=f"task:{campaign_id}:lag{i}:tj.rsj",
            campaign_id=campaign_id,
            task_key=f"lag{i}",
            title="升级时延基准任务",
            unit="tj.rsj",
            unit_ancestors=("tj",),
            deadline=due.date(),
            deadline_time=due,
            ladder=FIRST_STEP_AT_DEADLINE,
        )
        for i in range(count)
    ]
    async with session_factory() as session, session.begin():  # as the campaign launcher does
        await task_launch.insert_pending(
            session=session,
            rows=(
                {
                    "id": s.task_id,
                    "campaign_id": campaign_id,
                    "task_key": s.task_key,
                    "title": s.title,
                    "unit_code": s.unit,
                    "deadline": s.deadline,
                    "deadline_time": s.deadline_time,
                }
                for s in specs
            ),
            actor="bench",
            at=datetime.now(UTC),
        )
    gate = asyncio.Semaphore(32)

    async def start(i: int) -> None:
        async with gate:
            await start_task(client, TaskState.announced(specs[i]))

    await asyncio.gather(*(start(i) for i in range(count)))
    if datetime.now(UTC) > due:
        raise RuntimeError("starting took longer than planned: the instant had already passed")
    while True:
        async with session_factory() as session:
            rows = (
                await session.execute(
                    select(Escalation.due_at, Escalation.created_at).where(
                        Escalation.campaign_id == campaign_id, Escalation.step_key == "warn"
                    )
                )
            ).all()
        if len(rows) == count:
            break
        if datetime.now(UTC) > due + timedelta(minutes=10):
            raise RuntimeError(f"only {len(rows)} of {count} first steps recorded after 10 minutes")
        await asyncio.sleep(1)
    return [(recorded - due_at).total_seconds() for due_at, recorded in rows]


async def history_length(client: Client, workflow_id: str) -> int:
    history = await client.get_workflow_handle(workflow_id).fetch_history()
    return len(history.events)
