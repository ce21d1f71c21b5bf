"""Reports end to end on the dev server: Schedules made and removed with the campaign, a report
produced now and by a Schedule, both files downloaded, 专报 for a major case, 零报告, the 4xx."""

from __future__ import annotations

import io
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import docx
import httpx
import openpyxl
import pytest
import yaml
from temporalio.client import Client, ScheduleBackfill, ScheduleOverlapPolicy
from temporalio.service import RPCError, RPCStatusCode

from domain.escalation import SHANGHAI
from domain.units.roles import Role
from tests import scenario_dates as sd
from tests.api.campaign_helpers import load_units, start_campaign, wait_until_launched
from tests.api.cases_data import PIAN1_TEXT, clue
from tests.api.conftest import Login
from tests.polling import eventually

PIAN1 = "pian1-tianjin-winter"


@dataclass(frozen=True)
class Running:
    office: dict[str, str]  # the office's auth headers
    campaign: dict[str, Any]  # as POST /campaigns answered


START = sd.working_day_before(sd.machine_today(), 14)  # so last Monday lies inside the period


def pian1_running_through_today() -> dict[str, Any]:
    """篇一 as a plan that began two weeks ago and still runs whatever today is (its own end,
    春节前, may fall inside those weeks); its Schedules report on holidays too, so a run
    triggered today is produced today even on a day off (the day-off wait is tested in
    tests/workflows/test_report_workflow.py)."""
    plan: dict[str, Any] = yaml.safe_load(PIAN1_TEXT)
    plan["period"]["end"] = "campaign.start + 120 days"
    for duty in plan["reporting"]:
        if duty["kind"] in ("weekly", "monthly"):
            duty["on_day_off"] = "keep"
    return plan


@pytest.fixture
async def pian1(
    client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> Running:
    """篇一 started by the office two weeks ago, every task launched."""
    office = await login("office", Role.OFFICE, "tj.office")
    answer = await client.post(
        "/api/v1/campaigns",
        json={"plan": pian1_running_through_today(), "start": START.isoformat()},
        headers=office,
    )
    assert answer.status_code == 201, answer.text
    created = answer.json()
    await wait_until_launched(session_factory, created["id"], created["task_count"])
    return Running(office=office, campaign=created)


async def _nonempty(found: Awaitable[list[dict[str, Any]]]) -> bool:
    return bool(await found)


SCHEDULED = ["weekly-report", "weekly-bulletin", "monthly-bulletin"]


async def reports_of(
    client: httpx.AsyncClient, headers: dict[str, str], **query: Any
) -> list[dict[str, Any]]:
    answer = await client.get("/api/v1/reports", params=query, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


async def test_schedules_live_and_die_with_the_campaign(
    client: httpx.AsyncClient, pian1: Running, login: Login, dev_client: Client
) -> None:
    office, created = pian1.office, pian1.campaign
    url = f"/api/v1/campaigns/{created['id']}/report-schedules"
    page = (await client.get(url, headers=office)).json()
    listed = page["items"]
    assert [s["duty_key"] for s in listed] == SCHEDULED
    assert page["total"] == len(SCHEDULED)
    last = (await client.get(url, params={"offset": len(SCHEDULED) - 1}, headers=office)).json()
    assert (last["items"], last["total"]) == (listed[-1:], len(SCHEDULED))
    runs = {
        s["duty_key"]: datetime.fromisoformat(s["next_runs"][0]).astimezone(SHANGHAI)
        for s in listed
    }
    assert {r.hour for r in runs.values()} == {8}
    assert {(s["on_day_off"], s["note"]) for s in listed} == {("keep", "节假日照常报送")}
    assert [s["next_productions"] for s in listed] == [s["next_runs"] for s in listed]
    assert runs["weekly-report"].isoweekday() == 5 and runs["weekly-bulletin"].isoweekday() == 1
    assert runs["monthly-bulletin"].day == 5
    described = await dev_client.get_schedule_handle(listed[0]["id"]).describe()
    assert described.schedule.action.workflow == "Report"  # type: ignore[attr-defined]

    await dev_client.get_schedule_handle(f"reports:{created['id']}:weekly-bulletin").trigger()

    async def scheduled_report() -> list[dict[str, Any]]:
        return await reports_of(client, office, campaign_id=created["id"])

    await eventually(lambda: _nonempty(scheduled_report()))
    [made] = await scheduled_report()
    midnight = datetime.now(SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    assert (made["duty_key"], made["requested_by"]) == ("weekly-bulletin", "system")
    assert datetime.fromisoformat(made["period_end"]) == midnight  # as of the last midnight
    # a run the Schedule owed last Monday at 08:00 and makes only now (worker down, backfill)
    # reports as of that Monday's midnight, not today's
    monday = midnight - timedelta(days=midnight.weekday())
    if monday == midnight or monday + timedelta(hours=8) > datetime.now(SHANGHAI):
        monday -= timedelta(days=7)  # a Monday before today, after the plan's START
    await dev_client.get_schedule_handle(f"reports:{created['id']}:weekly-bulletin").backfill(
        ScheduleBackfill(
            start_at=monday + timedelta(hours=7),
            end_at=monday + timedelta(hours=9),
            overlap=ScheduleOverlapPolicy.ALLOW_ALL,
        )
    )

    async def backfilled() -> bool:
        return len(await scheduled_report()) == 2

    await eventually(backfilled)
    ends = sorted(datetime.fromisoformat(r["period_end"]) for r in await scheduled_report())
    assert ends == [monday, midnight]

    closing = await client.post(
        f"/api/v1/campaigns/{created['id']}/close", json={"reason": "测试结束"}, headers=office
    )
    assert closing.status_code == 202

    async def gone() -> bool:
        return (await client.get(url, headers=office)).json()["items"] == []

    await eventually(gone)
    with pytest.raises(RPCError) as gone_for_good:
        await dev_client.get_schedule_handle(listed[0]["id"]).describe()
    assert gone_for_good.value.status is RPCStatusCode.NOT_FOUND


async def test_the_office_produces_a_report_now_and_everyone_downloads_it(
    client: httpx.AsyncClient, pian1: Running, login: Login
) -> None:
    office, created = pian1.office, pian1.campaign
    district = await login("hp", Role.DISTRICT, "tj.hp")
    url = f"/api/v1/campaigns/{created['id']}/reports"
    answer = await client.post(url, json={"duty_key": "weekly-bulletin"}, headers=office)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["status"] == "done" and body["report"]["requested_by"] == "office"
    report_id = body["id"]
    again = await client.post(url, json={"duty_key": "weekly-bulletin"}, headers=office)
    assert again.status_code == 201 and again.json()["id"] != report_id  # a later instant
    [listed] = [r for r in await reports_of(client, district) if r["id"] == report_id]
    end = datetime.fromisoformat(listed["period_end"]).astimezone(SHANGHAI)  # the request's now
    assert timedelta(0) < datetime.now(SHANGHAI) - end < timedelta(minutes=1)
    assert listed["period_label"].endswith(f"{end.month}月{end.day}日（截至{end:%H:%M}）")
    detail = (await client.get(f"/api/v1/reports/{report_id}", headers=district)).json()
    assert detail["figures"]["tasks"]["total"] == created["task_count"]
    assert len(detail["figures"]["districts"]) == 16

    xlsx = await client.get(f"/api/v1/reports/{report_id}/xlsx", headers=district)
    assert xlsx.status_code == 200
    assert "filename*=UTF-8''" in xlsx.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[:2] == ["总体情况", "各区排名"]
    assert book["各区排名"]["B1"].value == "区"
    year = sd.machine_today().year  # 成文日期 is the day it was made
    for produced, number in ((report_id, 1), (again.json()["id"], 2)):  # 文号 without gaps
        word = await client.get(f"/api/v1/reports/{produced}/docx", headers=office)
        paragraphs = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs]
        assert paragraphs[:2] == [
            "市根治欠薪工作领导小组办公室",
            f"市根治欠薪工作领导小组办公室〔{year}〕{number}号",
        ]
        assert paragraphs[2].startswith("各区建筑工人管理服务平台三率每周通报（")
        assert "五、下步工作" in paragraphs
    rerun = await client.post(
        url, json={"duty_key": "weekly-bulletin", "as_of": end.isoformat()}, headers=office
    )
    assert rerun.json()["id"] == report_id  # the same instant: the same report and 文号
    word = await client.get(f"/api/v1/reports/{report_id}/docx", headers=office)
    kept = [p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs][1]
    assert kept == f"市根治欠薪工作领导小组办公室〔{year}〕1号"

    inbox = (await client.get("/api/v1/notifications", headers=district)).json()
    assert any(n["kind"] == "report" for n in inbox["items"])


async def test_report_refusals(client: httpx.AsyncClient, pian1: Running, login: Login) -> None:
    office, created = pian1.office, pian1.campaign
    district = await login("hp", Role.DISTRICT, "tj.hp")
    url = f"/api/v1/campaigns/{created['id']}/reports"

    async def post(
        body: dict[str, Any], headers: dict[str, str] = office, to: str = url
    ) -> httpx.Response:
        return await client.post(to, json=body, headers=headers)

    assert (await post({"duty_key": "weekly-bulletin"}, district)).status_code == 403
    assert (await client.post(url, json={"duty_key": "weekly-bulletin"})).status_code == 401
    missing = await post({"duty_key": "weekly-bulletin"}, to="/api/v1/campaigns/nope/reports")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "campaign_not_found"
    tomorrow = sd.beijing_time(sd.machine_today() + timedelta(days=1))
    before = sd.beijing_time(START - timedelta(days=1))
    cases: list[tuple[dict[str, Any], str]] = [
        ({"duty_key": "nope"}, "unknown_duty"),
        ({"duty_key": "summary"}, "owed_by_units"),
        ({"duty_key": "weekly-bulletin", "as_of": tomorrow.isoformat()}, "as_of_in_future"),
        ({"duty_key": "weekly-bulletin", "as_of": before.isoformat()}, "as_of_before_start"),
        ({"duty_key": "weekly-bulletin", "as_of": f"{START}T00:00:00"}, "naive_time"),
        ({"duty_key": "special-info", "case_id": "case:none"}, "unknown_case"),
        ({"duty_key": "weekly-bulletin", "extra": 1}, "invalid_input"),
    ]
    for body, code in cases:
        answer = await post(body)
        assert (answer.status_code, answer.json()["error"]["code"]) == (422, code), (
            body,
            answer.text,
        )
        assert answer.json()["error"]["message"]
    for query in ({"kind": "bogus"}, {"limit": "0"}, {"offset": "-1"}):
        bad = await client.get("/api/v1/reports", params=query, headers=office)
        assert (bad.status_code, bad.json()["error"]["code"]) == (422, "invalid_input"), query
    assert (await client.get("/api/v1/reports/none", headers=office)).status_code == 404
    assert (await client.get("/api/v1/reports/none/pdf", headers=office)).status_code == 404
    assert (await client.get("/api/v1/reports")).status_code == 401
    unknown = await client.get("/api/v1/campaigns/nope/report-schedules", headers=office)
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "campaign_not_found")
    assert (
        await client.get(f"/api/v1/campaigns/{created['id']}/report-schedules")
    ).status_code == 401


async def test_a_major_case_brings_a_special_report(
    client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    created = await start_campaign(client, office, PIAN1)
    receiver = await login("hotline", Role.UNIT, "tj.rsj")
    answer = await client.post(
        "/api/v1/cases", json=clue("GJ-MAJOR", workers_affected=45), headers=receiver
    )
    assert answer.status_code == 201, answer.text

    async def special() -> list[dict[str, Any]]:
        return [
            r
            for r in await reports_of(client, office, kind="special")
            if r["campaign_id"] == created["id"]
        ]

    await eventually(lambda: _nonempty(special()))
    [made] = await special()
    assert made["duty_key"] == "special-info"
    detail = (await client.get(f"/api/v1/reports/{made['id']}", headers=office)).json()
    figures = detail["figures"]
    assert figures["case"]["workers"] == 45 and figures["case_id"] == answer.json()["id"]
    assert figures["cases_total"]["major"] == 1  # as of a moment after it became major
    assert [m["case_number"] for m in figures["major_cases"]] == [figures["case"]["case_number"]]
    paragraphs = [
        p.text
        for p in docx.Document(
            io.BytesIO(
                (await client.get(f"/api/v1/reports/{made['id']}/docx", headers=office)).content
            )
        ).paragraphs
    ]
    assert "一、案件基本情况" in paragraphs


async def test_a_district_owes_phase_reports_and_may_file_a_nil_report(
    client: httpx.AsyncClient, pian1: Running, login: Login
) -> None:
    office, created = pian1.office, pian1.campaign
    district = await login("hp", Role.DISTRICT, "tj.hp")
    task_id = f"task:{created['id']}:report.phase-progress:tj.hp"
    detail = (await client.get(f"/api/v1/tasks/{task_id}", headers=district)).json()
    due = sd.working_day_on_or_after(sd.first_month_day_on_or_after(START, 12, 30))
    assert (detail["deadline"], detail["deliverables"]) == (due.isoformat(), ["report"])
    empty = await client.post(f"/api/v1/tasks/{task_id}/complete", json={}, headers=district)
    assert (empty.status_code, empty.json()["error"]["code"]) == (422, "deliverables_missing")
    assert "零报告" in empty.json()["error"]["message"]
    nil = await client.post(
        f"/api/v1/tasks/{task_id}/complete", json={"nil_report": True}, headers=district
    )
    assert nil.status_code == 200, nil.text

    async def recorded() -> bool:
        return (await client.get(f"/api/v1/tasks/{task_id}", headers=district)).json()["nil_report"]

    await eventually(recorded)
    made = await client.post(
        f"/api/v1/campaigns/{created['id']}/reports",
        json={"duty_key": "weekly-bulletin"},
        headers=office,
    )
    assert made.json()["report"] is not None
    figures = (await client.get(f"/api/v1/reports/{made.json()['id']}", headers=office)).json()[
        "figures"
    ]
    assert (figures["tasks"]["completed"], figures["tasks"]["nil_reports"]) == (1, 1)
    assert (
        timedelta(0)
        <= datetime.now(SHANGHAI) - datetime.fromisoformat(figures["period"]["end"])
        < timedelta(minutes=2)
    )


async def test_the_same_instant_gives_the_same_report_and_a_foreign_case_is_refused(
    client: httpx.AsyncClient, pian1: Running, login: Login, session_factory
) -> None:
    office, created = pian1.office, pian1.campaign
    url = f"/api/v1/campaigns/{created['id']}/reports"
    last = START + timedelta(days=4)
    as_of = sd.beijing_time(last + timedelta(days=1))
    at = {"duty_key": "monthly-bulletin", "as_of": as_of.isoformat()}
    first = (await client.post(url, json=at, headers=office)).json()
    again = (await client.post(url, json=at, headers=office)).json()
    # a monthly bulletin covers the last whole month: as of the first of the month asked in,
    # unless that is the campaign's first month (then the month so far, from its start)
    month = (last + timedelta(days=1)).replace(day=1)
    covers_last_month = month > START
    instant = month if covers_last_month else last + timedelta(days=1)
    stamp = f"{instant:%Y%m%d}T0000"
    assert first["id"] == again["id"] == f"report:{created['id']}:monthly-bulletin:{stamp}"
    figures = [
        (await client.get(f"/api/v1/reports/{r['id']}", headers=office)).json()["figures"]
        for r in (first, again)
    ]
    assert figures[0] == figures[1]
    until = month - timedelta(days=1) if covers_last_month else last
    since = max(START, until.replace(day=1))
    assert figures[0]["period"]["label"] == (
        f"{since.year}年{since.month}月{since.day}日—{until.month}月{until.day}日"
        if since != until
        else f"{until.year}年{until.month}月{until.day}日"
    )
    await load_units(session_factory, "units-banzhu.yaml")
    town = await login("bz-hotline", Role.UNIT, "bz.rszx")
    foreign = await client.post(
        "/api/v1/cases", json=clue("GJ-BZ", district="bz", workers_affected=45), headers=town
    )
    assert foreign.status_code == 201, foreign.text
    refused = await client.post(
        url, json={"duty_key": "special-info", "case_id": foreign.json()["id"]}, headers=office
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "case_outside_campaign")
