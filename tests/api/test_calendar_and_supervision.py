"""The working-day calendar endpoints (and the reload reaching running tasks), the supervision
list, and unit webhooks with their signed deliveries."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import date, timedelta

import chinese_calendar
import httpx
from sqlalchemy import select
from temporalio.client import Client

from domain.calendar import festivals
from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from ledger.notifications.tables import WebhookDelivery
from tests.api.conftest import Login, Receiver, StartTask
from tests.polling import eventually
from tests.scenario_dates import MONDAY, machine_today, next_new_year, next_weekday
from workflows.department_task import DepartmentTaskWorkflow

SATURDAY = 5


def published(year: int) -> bool:
    """Whether the installed chinese_calendar ships the State Council's arrangement of `year`
    (asked of the library itself, not of the calendar code under test)."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


async def test_calendar_read_is_provisional_for_unknown_years(
    client: httpx.AsyncClient, login: Login
) -> None:
    # the first year from this one that nobody has published yet, and the last one published
    guessed_year = machine_today().year
    while published(guessed_year):
        guessed_year += 1
    known_year = guessed_year - 1
    while not published(known_year):
        known_year -= 1
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    known = (await client.get(f"/api/v1/calendar/{known_year}", headers=unit)).json()
    assert (known["source"], known["provisional"]) == ("official", False)
    guessed = (await client.get(f"/api/v1/calendar/{guessed_year}", headers=unit)).json()
    assert (guessed["source"], guessed["provisional"]) == ("provisional", True)
    assert (await client.get("/api/v1/calendar/1999", headers=unit)).status_code == 422
    assert (await client.get(f"/api/v1/calendar/{guessed_year}")).status_code == 401


async def test_office_loads_a_year_and_running_tasks_move(
    client: httpx.AsyncClient, login: Login, start_task: StartTask, dev_client: Client
) -> None:
    # a task due in the first week of next year, and next year's arrangement as the State
    # Council would publish it: New Year's days, the Spring Festival week, one 调休 Saturday
    new_year = next_new_year(machine_today())
    year = new_year.year
    task_id = await start_task("tj.rsj", deadline=next_weekday(new_year, MONDAY))
    office = await login("office", Role.OFFICE, "tj.office")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    spring = festivals.spring_festival(year)
    spring_week = (spring - timedelta(days=1), spring + timedelta(days=5))
    body = {
        "holidays": [
            {"start": str(new_year), "end": str(new_year + timedelta(days=2))},
            {"start": str(spring_week[0]), "end": str(spring_week[1])},
        ],
        "makeup_workdays": [str(next_weekday(spring_week[1], SATURDAY))],
        "note": f"{year} 年部分节假日安排（测试）",
    }
    before = (await client.get(f"/api/v1/tasks/{task_id}", headers=unit)).json()
    assert before["deadline_provisional"] is WorkingCalendar().is_provisional(year)
    url = f"/api/v1/calendar/{year}"
    assert (await client.put(url, json=body, headers=unit)).status_code == 403
    loaded = await client.put(url, json=body, headers=office)
    assert loaded.status_code == 200
    assert (loaded.json()["source"], loaded.json()["provisional"]) == ("loaded", False)
    after = (await client.get(f"/api/v1/tasks/{task_id}", headers=unit)).json()
    assert after["deadline_provisional"] is False
    handle = dev_client.get_workflow_handle(task_id)

    async def received() -> bool:
        state = await handle.query(DepartmentTaskWorkflow.current)
        return any(a.year == year for a in state.calendar)

    await eventually(received)
    both = {**body, "makeup_workdays": [str(new_year + timedelta(days=1))]}  # a day off, too
    clash = await client.put(url, json=both, headers=office)
    assert clash.status_code == 422
    assert "makeup_workdays[0]" in clash.json()["error"]["message"]
    next_years_saturday = next_weekday(next_new_year(new_year), SATURDAY)
    wrong_year = {**body, "makeup_workdays": [str(next_years_saturday)]}
    assert (await client.put(url, json=wrong_year, headers=office)).status_code == 422


async def test_supervision_list_is_for_office_and_leaders(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    leader = await login("leader", Role.LEADER, "tj")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    # due 7 working days ago: even accountability (5 working days past it) has lapsed
    overdue = WorkingCalendar().add_working_days(machine_today(), -7)
    task_id = await start_task("tj.rsj", deadline=overdue)

    async def supervised() -> bool:
        rows = (await client.get("/api/v1/supervision", headers=office)).json()["items"]
        return {r["action"] for r in rows} == {"supervise", "accountability"}

    await eventually(supervised)
    page = (await client.get("/api/v1/supervision", headers=leader)).json()
    rows = page["items"]
    assert {r["task_id"] for r in rows} == {task_id}
    assert page["total"] == len(rows)
    assert all(r["leader"] == "leader" for r in rows)
    assert all(r["leader_name"] == "leader" for r in rows)  # no display name: the login name
    assert (await client.get("/api/v1/supervision", headers=unit)).status_code == 403
    detail = (await client.get(f"/api/v1/tasks/{task_id}", headers=unit)).json()
    assert detail["escalation"] == "accountability"
    assert detail["supervising_leader"] == "leader"
    assert [e["step_key"] for e in detail["escalations"]] == [
        "remind",
        "warn",
        "supervise",
        "accountability",
    ]


async def test_escalations_reach_the_units_webhook_signed_and_retried(
    client: httpx.AsyncClient, login: Login, start_task: StartTask, gateway: str, session_factory
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    secret = "a-shared-secret-of-the-gateway"
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    assert (
        await client.put(
            "/api/v1/units/tj.rsj/webhook", json={"url": gateway, "secret": secret}, headers=unit
        )
    ).status_code == 403
    bad = await client.put(
        "/api/v1/units/tj.rsj/webhook", json={"url": "ftp://x", "secret": secret}, headers=office
    )
    assert bad.status_code == 422
    assert (
        await client.put(
            "/api/v1/units/none/webhook", json={"url": gateway, "secret": secret}, headers=office
        )
    ).status_code == 404
    assert (
        await client.put(
            "/api/v1/units/tj.rsj/webhook", json={"url": gateway, "secret": secret}, headers=office
        )
    ).status_code == 200
    # due tomorrow: its reminder (3 working days before) is due now, its warning not yet
    await start_task("tj.rsj", deadline=machine_today() + timedelta(days=1))
    await eventually(lambda: len(Receiver.received) >= 1)
    headers, body = Receiver.received[0]
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Qingling-Signature"] == expected
    payload = json.loads(body)
    assert (payload["event"], payload["unit"], payload["step"]) == (
        "escalation.remind",
        "tj.rsj",
        "remind",
    )

    async def recorded() -> bool:
        async with session_factory() as session:
            rows = (await session.scalars(select(WebhookDelivery))).all()
        return len(rows) == 1 and rows[0].status == "delivered" and rows[0].attempts == 2

    await eventually(recorded)
    listed = (await client.get("/api/v1/webhook-deliveries", headers=office)).json()
    assert ([d["status"] for d in listed["items"]], listed["total"]) == (["delivered"], 1)
    assert (await client.get("/api/v1/webhook-deliveries", headers=unit)).status_code == 403
