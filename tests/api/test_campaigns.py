"""Campaigns from the five templates, end to end on the dev server, and the campaign API's 4xx."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from temporalio.client import Client, WorkflowExecutionStatus

from documents.units_file import read_units_file
from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.campaigns.tables import CampaignPhase
from ledger.tasks.tables import Task
from tests import scenario_dates as sd
from tests.api.campaign_helpers import (
    DATA,
    default_start,
    load_units,
    start_campaign,
    wait_until_launched,
)
from tests.api.conftest import Login
from tests.polling import eventually

DISTRICTS = (
    "hp", "hd", "hx", "nk", "hb", "hq", "dl", "xq",
    "jn", "bc", "wq", "bd", "bh", "nh", "jh", "jz",
)  # fmt: skip
TEMPLATE_UNITS = {
    "pian1-tianjin-winter": "units-tianjin.yaml",
    "pian2-banzhu-standing": "units-banzhu.yaml",
    "pian3-mulaoyuan-special": "units-mulaoyuan.yaml",
    "pian4-shuanggang-winter": "units-shuanggang.yaml",
    "pian5-hongqiao-winter": "units-hongqiao.yaml",
}


async def test_pian1_gives_every_district_its_nine_measures_and_two_reports(
    client: httpx.AsyncClient, login: Login, dev_worker: None, dev_client: Client, session_factory
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    created = await start_campaign(client, office, "pian1-tianjin-winter")
    assert created["task_count"] == 160 + 2 * 16  # measures, and each district's two reports
    rows = await wait_until_launched(session_factory, created["id"], 192)
    per_unit = Counter(r.unit_code for r in rows)
    districts = [f"tj.{d}" for d in DISTRICTS]
    assert all(per_unit[d] == 9 + 2 for d in districts)
    assert {r.task_key for r in rows if r.unit_code == "tj.gaj"} == {
        "m07-enforcement",
        "m10-harmony",
    }
    start = default_start("pian1-tianjin-winter")
    calendar = WorkingCalendar()
    before_festival = calendar.add_working_days(sd.next_spring_festival(start), -1)
    progress = sd.working_day_on_or_after(sd.first_month_day_on_or_after(start, 12, 30))
    summary = sd.working_day_on_or_after(sd.first_month_day_on_or_after(start, 1, 30))
    assert {r.deadline for r in rows if not r.task_key.startswith("report.")} == {before_festival}
    assert {r.deadline for r in rows if r.task_key == "report.phase-progress"} == {progress}
    assert {r.deadline for r in rows if r.task_key == "report.summary"} == {summary}
    page = (
        await client.get(f"/api/v1/campaigns/{created['id']}/report-schedules", headers=office)
    ).json()
    schedules = page["items"]
    assert page["total"] == len(schedules)
    assert {s["duty_key"]: s["on_day_off"] for s in schedules} == {
        "weekly-report": "next_working_day",
        "weekly-bulletin": "next_working_day",
        "monthly-bulletin": "next_working_day",
    }
    for schedule in schedules:  # a morning that is a day off is produced on the next working day
        assert "顺延至下一工作日" in schedule["note"]
        fires = [datetime.fromisoformat(t) for t in schedule["next_runs"]]
        assert [datetime.fromisoformat(t) for t in schedule["next_productions"]] == [
            datetime.combine(sd.working_day_on_or_after(t.date()), t.timetz()) for t in fires
        ]
    one = rows[0]
    description = await dev_client.get_workflow_handle(one.id).describe()
    assert description.status is WorkflowExecutionStatus.RUNNING
    campaign = await dev_client.get_workflow_handle(f"campaign:{created['id']}").describe()
    assert campaign.status is WorkflowExecutionStatus.RUNNING
    # A district account sees its own tasks in the inbox, with the deadline of the plan.
    district = await login("hp", Role.DISTRICT, "tj.hp")
    inbox = (
        await client.get("/api/v1/tasks", params={"campaign": created["id"]}, headers=district)
    ).json()
    assert inbox["total"] == 9 + 2
    detail = (await client.get(f"/api/v1/campaigns/{created['id']}", headers=office)).json()
    assert detail["status"] == "running"
    assert detail["task_count"] == 192
    assert sum(r["total"] for r in detail["progress"]) == 192
    mine = (await client.get(f"/api/v1/campaigns/{created['id']}", headers=district)).json()
    assert {r["unit"] for r in mine["progress"]} == {"tj.hp"}


@pytest.mark.parametrize("template", list(TEMPLATE_UNITS)[1:])
async def test_each_town_template_starts_end_to_end(
    template: str, client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    await load_units(session_factory, TEMPLATE_UNITS[template])
    office = await login("office", Role.OFFICE, "tj.office")
    created = await start_campaign(client, office, template)
    rows = await wait_until_launched(session_factory, created["id"], created["task_count"])
    tree = {u.code for u in read_units_file(DATA / TEMPLATE_UNITS[template]).units}
    assert {r.unit_code for r in rows} <= tree
    assert len({r.id for r in rows}) == created["task_count"] > 0

    async def phases_recorded() -> bool:
        async with session_factory() as session:
            phases = (
                await session.scalars(
                    select(CampaignPhase).where(CampaignPhase.campaign_id == created["id"])
                )
            ).all()
        today = today_in_beijing()
        return all(
            p.status == ("closed" if p.end < today else "open" if p.start <= today else "pending")
            for p in phases
        )

    await eventually(phases_recorded)
    if template == "pian2-banzhu-standing":
        occurrences = {r.occurrence for r in rows if r.occurrence}
        assert occurrences and all(len(o) == 7 for o in occurrences)  # YYYY-MM, a month ahead only
        async with session_factory() as session:
            one_off = await session.scalar(
                select(func.count()).where(
                    Task.campaign_id == created["id"], Task.occurrence.is_(None)
                )
            )
        assert one_off == 5 + 5 + 5 + 7  # credit, punishment, funds, emergency


async def test_campaign_refusals(client: httpx.AsyncClient, login: Login) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    assert (
        await client.post(
            "/api/v1/campaigns", json={"template": "pian1-tianjin-winter"}, headers=unit
        )
    ).status_code == 403
    assert (
        await client.post("/api/v1/campaigns", json={"template": "pian1-tianjin-winter"})
    ).status_code == 401
    today = sd.machine_today()
    for start in (today - timedelta(days=32), today + timedelta(days=367)):
        far = await client.post(
            "/api/v1/campaigns",
            json={"template": "pian1-tianjin-winter", "start": start.isoformat()},
            headers=office,
        )
        assert far.status_code == 422, far.text
        assert far.json()["error"]["details"][0]["path"] == "start"
        assert str(start) in far.json()["error"]["message"]
    missing = await client.post("/api/v1/campaigns", json={"template": "nope"}, headers=office)
    assert missing.status_code == 404
    both = await client.post("/api/v1/campaigns", json={}, headers=office)
    assert both.status_code == 422
    assert both.json()["error"]["details"][0]["message"] == "template 与 plan 须且只能提供一个"

    def day(n: int) -> str:  # the plan's own dates, from today: its third phase is inverted
        return (today + timedelta(days=n)).isoformat()

    bad_plan: dict[str, Any] = {
        "key": "bad",
        "title": "坏方案",
        "level": "city",
        "region": "天津市",
        "root_unit": "tj",
        "period": {"start": day(0), "end": day(61)},
        "phases": [
            {"key": "a", "name": "宣传", "kind": "publicity", "start": day(0), "end": day(19)},
            {"key": "b", "name": "排查", "kind": "screening", "start": day(9), "end": day(30)},
            {"key": "c", "name": "执法", "kind": "enforcement", "start": day(40), "end": day(35)},
        ],
        "tasks": [
            {
                "key": "t1",
                "title": "宣传",
                "lead_unit": "tj.rsj",
                "responsible_units": ["@districts"],
                "deadline": "phase.a.end",
            }
        ],
    }
    invalid = await client.post("/api/v1/campaigns", json={"plan": bad_plan}, headers=office)
    assert invalid.status_code == 422
    errors = invalid.json()["error"]["details"]
    assert {
        "path": "phases[2].end",
        "code": "before_start",
        "message": f"结束日期 {day(35)} 早于开始日期 {day(40)}",
    } in errors
    unknown_unit = {
        **bad_plan,
        "phases": bad_plan["phases"][:2],
        "tasks": [{**bad_plan["tasks"][0], "responsible_units": ["tj.nowhere"]}],
    }
    unknown = await client.post("/api/v1/campaigns", json={"plan": unknown_unit}, headers=office)
    assert unknown.status_code == 422
    assert any(
        e["path"] == "tasks[0].responsible_units[0]" for e in unknown.json()["error"]["details"]
    )
    not_leader = await client.post(
        "/api/v1/campaigns",
        json={"template": "pian1-tianjin-winter", "supervising_leader": "rsj"},
        headers=office,
    )
    assert not_leader.status_code == 422
    assert (await client.get("/api/v1/campaigns/none", headers=office)).status_code == 404
    assert (
        await client.post("/api/v1/campaigns/none/close", json={"reason": "结束"}, headers=office)
    ).status_code == 404
    assert (
        await client.post("/api/v1/campaigns/none/close", json={"reason": "结束"}, headers=unit)
    ).status_code == 403


async def test_plans_endpoints(client: httpx.AsyncClient, login: Login) -> None:
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    listed = (await client.get("/api/v1/plans", headers=unit)).json()
    assert [p["key"] for p in listed["items"]] == list(TEMPLATE_UNITS)
    assert listed["total"] == len(TEMPLATE_UNITS)
    rest = (await client.get("/api/v1/plans", params={"offset": 1}, headers=unit)).json()
    assert rest["items"] == listed["items"][1:]
    schema = (await client.get("/api/v1/plans/schema", headers=unit)).json()
    assert "phases" in schema["properties"] and "tasks" in schema["properties"]
    one = (await client.get("/api/v1/plans/pian5-hongqiao-winter", headers=unit)).json()
    assert len(one["phases"]) == 3
    assert (await client.get("/api/v1/plans/nope", headers=unit)).status_code == 404
    assert (await client.get("/api/v1/plans")).status_code == 401


async def test_office_lists_and_closes_a_campaign(
    client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    await load_units(session_factory, TEMPLATE_UNITS["pian3-mulaoyuan-special"])
    office = await login("office", Role.OFFICE, "tj.office")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    created = await start_campaign(client, office, "pian3-mulaoyuan-special")
    await wait_until_launched(session_factory, created["id"], created["task_count"])
    listed = (await client.get("/api/v1/campaigns", headers=unit)).json()
    assert [(c["id"], c["status"]) for c in listed["items"]] == [(created["id"], "running")]
    closing = await client.post(
        f"/api/v1/campaigns/{created['id']}/close", json={"reason": "上级部署调整"}, headers=office
    )
    assert closing.status_code == 202
    assert (
        await client.post(
            f"/api/v1/campaigns/{created['id']}/close", json={"reason": "x"}, headers=office
        )
    ).status_code == 422

    async def closed() -> bool:
        detail = (await client.get(f"/api/v1/campaigns/{created['id']}", headers=office)).json()
        return detail["status"] == "closed"

    await eventually(closed)
    detail = (await client.get(f"/api/v1/campaigns/{created['id']}", headers=office)).json()
    assert (
        detail["summary"]
        == f"专项行动结束：共 {created['task_count']} 项任务，已完成 0 项，逾期未完成 0 项。（上级部署调整）"
    )
    again = await client.post(
        f"/api/v1/campaigns/{created['id']}/close", json={"reason": "再次结束"}, headers=office
    )
    assert again.status_code == 409
