"""Hazards end to end: registration, 五个一/四包, resolution, listing and export, refusals."""

from __future__ import annotations

import io
import json
from typing import Any

import httpx
from openpyxl import load_workbook
from sqlalchemy import select

from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from ledger.notifications.tables import WebhookDelivery
from tests.api.conftest import Login, Receiver
from tests.polling import eventually
from tests.scenario_dates import machine_today

INTAKE = {
    "employer": {"name": "天津某建筑劳务有限公司"},
    "project": "和平区某安置房",
    "risk": "high",
    "description": "总包拖欠工程款，11 月工资可能无法按时发放",
    "district": "tj.hp",
}


def plan() -> dict[str, Any]:
    """五个一 due in 10 working days: its ladder's first step (a reminder 3 working days
    before) is a week away, so nothing but the hazard's own changes is recorded meanwhile."""
    deadline = WorkingCalendar().add_working_days(machine_today(), 10)
    return {
        "five_ones": {
            "plan": "约谈建设单位，督促拨付人工费",
            "leader": "副区长",
            "team": ["区人社局", "区住建委"],
            "deadline": deadline.isoformat(),
        },
        "four_packages": {
            "investigate": "区人社局",
            "handle": "区住建委",
            "stabilise": "小白楼街道",
            "consolidate": "区人社局",
        },
    }


async def test_hazard_lifecycle(client: httpx.AsyncClient, login: Login, dev_worker: None) -> None:
    unit = await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    other = await login("hx-rsj", Role.UNIT, "tj.hx.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    created = await client.post("/api/v1/hazards", json=INTAKE, headers=unit)
    assert created.status_code == 201
    hazard_id = created.json()["id"]

    async def recorded() -> bool:
        return (await client.get(f"/api/v1/hazards/{hazard_id}", headers=unit)).status_code == 200

    await eventually(recorded)
    five_ones = plan()
    assert (
        await client.post(f"/api/v1/hazards/{hazard_id}/plan", json=five_ones, headers=other)
    ).status_code == 403
    early = await client.post(
        f"/api/v1/hazards/{hazard_id}/resolve", json={"note": "已化解"}, headers=unit
    )
    assert early.status_code == 409
    planned = await client.post(f"/api/v1/hazards/{hazard_id}/plan", json=five_ones, headers=unit)
    assert planned.json()["status"] == "resolving"
    resolved = await client.post(
        f"/api/v1/hazards/{hazard_id}/resolve", json={"note": "人工费已拨付"}, headers=unit
    )
    assert resolved.json()["status"] == "resolved"
    detail = (await client.get(f"/api/v1/hazards/{hazard_id}", headers=unit)).json()
    assert detail["five_ones"]["leader"] == "副区长"
    assert detail["five_ones"]["deadline"] == five_ones["five_ones"]["deadline"]
    assert detail["four_packages"]["stabilise"] == "小白楼街道"
    assert [e["kind"] for e in detail["events"]] == ["registered", "planned", "resolved"]
    closed = await client.post(
        f"/api/v1/hazards/{hazard_id}/follow-ups",
        json={"passed": True, "note": "回访工资已发"},
        headers=unit,
    )
    assert (closed.status_code, closed.json()["status"]) == (201, "closed")
    late = await client.post(
        f"/api/v1/hazards/{hazard_id}/follow-ups",
        json={"passed": True, "note": "再次回访"},
        headers=unit,
    )
    assert late.status_code == 409
    listed = (await client.get("/api/v1/hazards", params={"risk": "high"}, headers=office)).json()
    assert ([h["id"] for h in listed["items"]], listed["total"]) == ([hazard_id], 1)
    assert (await client.get("/api/v1/hazards", headers=other)).json()["items"] == []
    exported = await client.get("/api/v1/hazards/export.xlsx", headers=office)
    rows = list(load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "状态", "风险等级")
    assert rows[1][1:3] == ("已销号", "高")


async def test_hazard_refusals(client: httpx.AsyncClient, login: Login) -> None:
    unit = await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    assert (
        await client.post("/api/v1/hazards", json={**INTAKE, "risk": "extreme"}, headers=unit)
    ).status_code == 422
    nowhere = await client.post(
        "/api/v1/hazards", json={**INTAKE, "district": "mars"}, headers=unit
    )
    assert nowhere.status_code == 422
    assert (await client.get("/api/v1/hazards/hazard:none", headers=unit)).status_code == 404
    assert (await client.post("/api/v1/hazards", json=INTAKE)).status_code == 401


async def test_an_overdue_hazard_climbs_the_ladder_to_the_units_webhook(
    client: httpx.AsyncClient, login: Login, dev_worker: None, gateway: str, session_factory
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    unit = await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    hooked = await client.put(
        "/api/v1/units/tj.hp.rsj/webhook",
        json={"url": gateway, "secret": "s" * 24},
        headers=office,
    )
    assert hooked.status_code == 200
    created = await client.post("/api/v1/hazards", json=INTAKE, headers=unit)
    assert created.status_code == 201
    hazard_id = created.json()["id"]

    async def recorded() -> bool:
        return (await client.get(f"/api/v1/hazards/{hazard_id}", headers=unit)).status_code == 200

    await eventually(recorded)
    # due 7 working days ago: accountability (5 working days past it) has lapsed too
    overdue = plan()
    overdue["five_ones"]["deadline"] = (
        WorkingCalendar().add_working_days(machine_today(), -7).isoformat()
    )
    planned = await client.post(f"/api/v1/hazards/{hazard_id}/plan", json=overdue, headers=unit)
    assert planned.status_code == 200, planned.text

    async def delivered() -> bool:
        async with session_factory() as session:
            rows = (await session.scalars(select(WebhookDelivery))).all()
        return len(rows) == 4 and all(r.status == "delivered" for r in rows)

    await eventually(delivered)
    bodies = [json.loads(body) for _, body in Receiver.received]
    assert sorted(b["event"] for b in bodies) == sorted(
        f"hazard.escalation_{s}" for s in ("remind", "warn", "supervise", "accountability")
    )
    assert {(b["hazard_id"], b["unit"]) for b in bodies} == {(hazard_id, "tj.hp.rsj")}
    detail = (await client.get(f"/api/v1/hazards/{hazard_id}", headers=unit)).json()
    assert [e["kind"] for e in detail["events"]][-4:] == [
        "escalation_remind",
        "escalation_warn",
        "escalation_supervise",
        "escalation_accountability",
    ]
