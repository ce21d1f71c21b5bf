"""Project indicators (一金三制, 8个100%): JSON and .xlsx, all rows or none, district totals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login
from tests.scenario_dates import machine_today, monday_of
from tests.spreadsheets import xlsx_bytes

# Last week's figures, as they are filed; the ledger's own indicator test keeps off this week
MONDAY = monday_of(machine_today()) - timedelta(days=7)
WEEK = f"/api/v1/indicators/projects/{MONDAY}"
TUESDAY = f"/api/v1/indicators/projects/{MONDAY + timedelta(days=1)}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ("项目编码", "项目名称", "指标", "分子", "分母")


async def register(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    for code, district in (("HP-1", "tj.hp"), ("HP-2", "tj.hp"), ("HX-1", "tj.hx")):
        spec = {"name": f"{code} 工地", "district": district, "project_type": "government"}
        answer = await client.put(f"/api/v1/projects/{code}", json=spec, headers=headers)
        assert answer.status_code == 201, answer.text


def upload(rows: Sequence[Sequence[object]]) -> dict[str, tuple[str, bytes, str]]:
    return {"file": ("项目周指标.xlsx", xlsx_bytes([HEADER, *rows]), XLSX)}


async def test_submit_read_and_district_totals(client: httpx.AsyncClient, login: Login) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    hp = await login("hp", Role.DISTRICT, "tj.hp")
    await register(client, office)
    rows = [
        {"project": "HP-1", "metric": "attendance", "numerator": 3, "denominator": 3},
        {"project": "HP-2", "metric": "attendance", "numerator": 1500, "denominator": 3000},
        {"project": "HP-1", "metric": "wage_deposit", "numerator": 1, "denominator": 1},
    ]
    assert (await client.put(WEEK, json={"rows": rows}, headers=hp)).json() == {"saved": 3}
    hx_row = {"project": "HX-1", "metric": "notice_board", "numerator": 0, "denominator": 0}
    assert (await client.put(WEEK, json={"rows": [hx_row]}, headers=office)).json() == {"saved": 1}

    listed = (await client.get(WEEK, headers=office)).json()["items"]
    assert [(r["project"], r["metric"], r["rate"]) for r in listed] == [
        ("HP-1", "attendance", "100.0"), ("HP-1", "wage_deposit", "100.0"),
        ("HP-2", "attendance", "50.0"), ("HX-1", "notice_board", None),
    ]  # fmt: skip
    first = listed[0]
    assert (first["metric_label"], first["group_label"], first["project_name"]) == (
        "实名制考勤率", "8个100%", "HP-1 工地",
    )  # fmt: skip
    assert listed[1]["group_label"] == "一金三制"
    own = (await client.get(WEEK, headers=hp)).json()["items"]
    assert {r["district"] for r in own} == {"tj.hp"}
    assert (await client.get(WEEK, params={"district": "tj.hx"}, headers=hp)).status_code == 403

    totals = (await client.get(f"{WEEK}/districts", headers=hp)).json()["items"]
    summary = {(t["district"], t["metric"]): (t["projects"], t["numerator"], t["denominator"],
                                              t["rate"]) for t in totals}  # fmt: skip
    assert summary == {
        ("tj.hp", "attendance"): (2, 1503, 3003, "50.0"),  # summed, not the 75% of a mean
        ("tj.hp", "wage_deposit"): (1, 1, 1, "100.0"),
        ("tj.hx", "notice_board"): (1, 0, 0, None),
    }
    hx_only = await client.get(f"{WEEK}/districts", params={"district": "tj.hx"}, headers=office)
    assert [t["district"] for t in hx_only.json()["items"]] == ["tj.hx"]

    again = {**rows[1], "numerator": 3000}
    await client.put(WEEK, json={"rows": [again]}, headers=hp)
    replaced = (await client.get(WEEK, params={"district": "tj.hp"}, headers=office)).json()[
        "items"
    ]
    assert [r["rate"] for r in replaced if r["project"] == "HP-2"] == ["100.0"]
    in_use = await client.delete("/api/v1/projects/HP-2", headers=office)
    assert in_use.status_code == 409


async def test_refusals_name_every_row(client: httpx.AsyncClient, login: Login) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    hp = await login("hp", Role.DISTRICT, "tj.hp")
    unit = await login("zjw", Role.UNIT, "tj.zjw")
    await register(client, office)
    good = {"project": "HP-1", "metric": "bank_paid", "numerator": 1, "denominator": 2}
    bad = [
        good,
        {"project": "HP-2", "metric": "bank_paid", "numerator": 3, "denominator": 2},
        {"project": "HP-2", "metric": "overtime", "numerator": 1, "denominator": 2},
    ]
    refused = await client.put(WEEK, json={"rows": bad}, headers=office)
    assert refused.status_code == 422
    details = {(d["field"], d["message"]) for d in refused.json()["error"]["details"]}
    assert ("rows[1]", "分子 3 大于分母 2") in details
    assert any(field == "rows[2].metric" for field, _ in details)

    unknown = [good, {**good, "project": "NOPE-1"}, {**good, "project": "NOPE-2"}]
    named = await client.put(WEEK, json={"rows": unknown}, headers=office)
    assert named.status_code == 422
    assert named.json()["error"]["details"] == [
        {"field": "rows[1].project", "message": "未知的项目：NOPE-1"},
        {"field": "rows[2].project", "message": "未知的项目：NOPE-2"},
    ]
    tuesday = await client.put(TUESDAY, json={"rows": [good]}, headers=office)
    assert tuesday.json()["error"]["details"][0]["message"] == "周报告以周一为起始日"
    assert (await client.get(TUESDAY, headers=office)).status_code == 422

    foreign = await client.put(WEEK, json={"rows": [good, {**good, "project": "HX-1"}]}, headers=hp)
    assert foreign.status_code == 403
    assert foreign.json()["error"]["details"] == [
        {"field": "rows[1].project", "message": "只能报送本区（tj.hp）项目的指标"}
    ]
    assert (await client.put(WEEK, json={"rows": [good]}, headers=unit)).status_code == 403
    assert (await client.post(f"{WEEK}/upload", files=upload([]), headers=unit)).status_code == 403
    assert (await client.get(WEEK)).status_code == 401
    assert (await client.get(WEEK, headers=office)).json()["items"] == []  # nothing half-saved


async def test_upload_with_bad_rows_saves_nothing(client: httpx.AsyncClient, login: Login) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    await register(client, office)
    rows: list[tuple[object, ...]] = [
        ("HP-1", "工地", "实名制考勤率", 30, 32),
        ("HP-9", "工地", "实名制考勤率", 30, 32),
        ("HP-2", "工地", "银行代发率", 33, 32),
        (None, None, None, None, None),
        ("HX-1", "工地", "加班率", "三十", 32),
        ("HP-1", "工地", "attendance", 1, 1),
    ]
    refused = await client.post(f"{WEEK}/upload", files=upload(rows), headers=office)
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert [(d["row"], d["column"]) for d in error["details"]] == [
        (3, "项目编码"), (4, "分子"), (6, "指标"), (6, "分子"), (7, "指标"),
    ]  # fmt: skip
    assert error["details"][0]["message"] == "未知的项目编码：「HP-9」"
    assert error["details"][4]["message"] == "与第 2 行重复（同一项目同一指标）"
    assert error["message"].startswith("上传的指标有误，未保存任何数据：第 3 行「项目编码」")
    assert (await client.get(WEEK, headers=office)).json()["items"] == []

    fixed = [
        rows[0],
        ("hx-1", "工地", "维权告示牌设立率", 1, 1),
        ("HP-2", "", "wage_deposit", 0, 1),
    ]
    saved = await client.post(f"{WEEK}/upload", files=upload(fixed), headers=office)
    assert saved.json() == {"saved": 3}, saved.text
    listed = (await client.get(WEEK, headers=office)).json()["items"]
    assert [(r["project"], r["metric"], r["rate"]) for r in listed] == [
        ("HP-1", "attendance", "93.8"), ("HP-2", "wage_deposit", "0.0"),
        ("HX-1", "notice_board", "100.0"),
    ]  # fmt: skip


async def test_district_uploads_only_its_own_projects(
    client: httpx.AsyncClient, login: Login
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    hp = await login("hp", Role.DISTRICT, "tj.hp")
    await register(client, office)
    mixed = [("HP-1", "", "实名制管理", 5, 5), ("HX-1", "", "实名制管理", 5, 5)]
    refused = await client.post(f"{WEEK}/upload", files=upload(mixed), headers=hp)
    assert refused.status_code == 403
    assert refused.json()["error"]["details"] == [
        {"row": 3, "column": "项目编码", "message": "只能报送本区（tj.hp）项目的指标"}
    ]
    assert (await client.get(WEEK, headers=office)).json()["items"] == []
    own = await client.post(f"{WEEK}/upload", files=upload(mixed[:1]), headers=hp)
    assert own.json() == {"saved": 1}
