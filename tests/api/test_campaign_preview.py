"""The start's preview: the phases with their dates and the task count a start would make, from
the same resolution (a start afterwards makes exactly that), or the plan's errors with paths."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import func, select

from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from ledger.campaigns.tables import Campaign
from tests import scenario_dates as sd
from tests.api.campaign_helpers import default_start, wait_until_launched
from tests.api.conftest import Login

TEMPLATE = "pian1-tianjin-winter"


async def test_the_preview_shows_what_the_start_makes(
    client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    start = default_start(TEMPLATE)
    body = {"template": TEMPLATE, "start": start.isoformat()}
    answer = await client.post("/api/v1/campaigns/preview", json=body, headers=office)
    assert answer.status_code == 200, answer.text
    preview = answer.json()
    festival_eve = WorkingCalendar().add_working_days(sd.next_spring_festival(start), -1)
    assert (preview["period_start"], preview["period_end"]) == (
        start.isoformat(),
        festival_eve.isoformat(),
    )
    assert preview["task_count"] == 160 + 2 * 16  # as test_campaigns counts a start of 篇一
    assert sum(p["task_count"] for p in preview["phases"]) + preview["unphased_task_count"] == 192
    assert all(p["start"] <= p["end"] for p in preview["phases"])
    assert {g["date"] for g in preview["goals"]} == {festival_eve.isoformat()}
    async with session_factory() as session:  # nothing started
        assert await session.scalar(select(func.count()).select_from(Campaign)) == 0
    created = await client.post("/api/v1/campaigns", json=body, headers=office)
    assert created.status_code == 201, created.text
    assert created.json()["task_count"] == preview["task_count"]
    assert created.json()["title"] == preview["title"]
    rows = await wait_until_launched(session_factory, created.json()["id"], preview["task_count"])
    assert len({r.unit_code for r in rows}) == preview["unit_count"]
    for phase in preview["phases"]:
        assert sum(r.phase_key == phase["key"] for r in rows) == phase["task_count"]
    detail = (await client.get(f"/api/v1/campaigns/{created.json()['id']}", headers=office)).json()
    assert [(p["key"], p["start"], p["end"]) for p in detail["phases"]] == [
        (p["key"], p["start"], p["end"]) for p in preview["phases"]
    ]


async def test_the_preview_refuses_as_the_start_does(
    client: httpx.AsyncClient, login: Login
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    body = {"template": TEMPLATE}
    assert (await client.post("/api/v1/campaigns/preview", json=body)).status_code == 401
    assert (
        await client.post("/api/v1/campaigns/preview", json=body, headers=unit)
    ).status_code == 403
    far = (sd.machine_today() + timedelta(days=400)).isoformat()
    late = await client.post(
        "/api/v1/campaigns/preview", json={**body, "start": far}, headers=office
    )
    assert late.status_code == 422
    assert late.json()["error"]["details"][0]["path"] == "start"
    missing = await client.post(
        "/api/v1/campaigns/preview", json={"template": "nope"}, headers=office
    )
    assert missing.status_code == 404
    today = sd.machine_today()

    def day(n: int) -> str:
        return (today + timedelta(days=n)).isoformat()

    inverted = {
        "key": "bad", "title": "坏方案", "level": "city", "region": "天津市", "root_unit": "tj",
        "period": {"start": day(0), "end": day(60)},
        "phases": [{"key": "a", "name": "执法", "start": day(30), "end": day(20)}],
        "tasks": [{"key": "t", "title": "宣传", "lead_unit": "tj.nowhere", "deadline": day(10)}],
    }  # fmt: skip
    invalid = await client.post(
        "/api/v1/campaigns/preview", json={"plan": inverted}, headers=office
    )
    assert invalid.status_code == 422
    paths = {e["path"] for e in invalid.json()["error"]["details"]}
    assert "phases[0].end" in paths
