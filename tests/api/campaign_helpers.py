"""Starting a campaign from a template through the API and waiting for its tasks, for the
campaign, report and web-page tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from documents.units_file import read_units_file
from ledger.tasks.tables import Task
from ledger.units import service as units
from tests import scenario_dates as sd
from tests.polling import eventually

DATA = Path(__file__).resolve().parents[2] / "plans" / "data"


async def load_units(session_factory: async_sessionmaker[AsyncSession], file: str) -> None:
    async with session_factory() as session, session.begin():
        await units.upsert_many(session=session, units=read_units_file(DATA / file).units)


def default_start(template: str) -> date:
    """A start each template accepts whatever today is: a winter plan today (or after the
    holiday today falls in), a town's winter plan on the next 1 November (its first phase
    opens then), the others today."""
    today = sd.machine_today()
    if template in ("pian4-shuanggang-winter", "pian5-hongqiao-winter"):
        return sd.first_month_day_on_or_after(today, 11, 1)
    return sd.working_day_on_or_after(today)


async def start_campaign(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    template: str,
    start: date | None = None,
) -> dict[str, Any]:
    body = {"template": template, "start": (start or default_start(template)).isoformat()}
    answer = await client.post("/api/v1/campaigns", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()


async def launched_rows(session_factory, campaign_id: str) -> list[Task]:
    async with session_factory() as session:
        return list(
            (await session.scalars(select(Task).where(Task.campaign_id == campaign_id))).all()
        )


async def wait_until_launched(session_factory, campaign_id: str, expected: int) -> list[Task]:
    async def done() -> bool:
        rows = await launched_rows(session_factory, campaign_id)
        return len(rows) == expected and all(r.launched for r in rows)

    await eventually(done)
    return await launched_rows(session_factory, campaign_id)
