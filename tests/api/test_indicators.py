"""Weekly district indicators: validated row by row, saved whole or not at all, rates computed."""

from __future__ import annotations

from datetime import timedelta

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login
from tests.scenario_dates import machine_today, monday_of
from tests.spreadsheets import xlsx_bytes

# Last week's figures, as they are filed; the ledger's own indicator test keeps off this week
MONDAY = monday_of(machine_today()) - timedelta(days=7)
WEEK = f"/api/v1/indicators/districts/{MONDAY}"
TUESDAY = f"/api/v1/indicators/districts/{MONDAY + timedelta(days=1)}"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet(*rows: tuple[object, ...]) -> dict[str, tuple[str, bytes, str]]:
    content = xlsx_bytes([("区", "指标", "分子", "分母"), *rows])
    return {"file": ("周指标.xlsx", content, XLSX)}


async def test_district_and_office_submit_and_rates_come_back(
    client: httpx.AsyncClient, login: Login
) -> None:
    district = await login("hp", Role.DISTRICT, "tj.hp")
    office = await login("office", Role.OFFICE, "tj.office")
    own = {"rows": [
        {"district": "tj.hp", "metric": "real_name_update", "numerator": 187, "denominator": 200},
        {"district": "tj.hp", "metric": "manager_on_site", "numerator": 2, "denominator": 3},
    ]}  # fmt: skip
    assert (await client.put(WEEK, json=own, headers=district)).json() == {"saved": 2}
    other = {
        "rows": [
            {"district": "tj.hx", "metric": "supervisor_on_site", "numerator": 0, "denominator": 0}
        ]
    }
    assert (await client.put(WEEK, json=other, headers=office)).json() == {"saved": 1}
    rows = (await client.get(WEEK, headers=district)).json()["items"]
    assert [(r["district"], r["metric_label"], r["rate"]) for r in rows] == [
        ("tj.hp", "项目经理到岗率", "66.7"),
        ("tj.hp", "实名制更新率", "93.5"),
        ("tj.hx", "监理总监到岗率", None),
    ]
    again = {
        "rows": [
            {"district": "tj.hp", "metric": "manager_on_site", "numerator": 3, "denominator": 3}
        ]
    }
    await client.put(WEEK, json=again, headers=district)
    rates = {
        (r["district"], r["metric"]): r["rate"]
        for r in (await client.get(WEEK, headers=office)).json()["items"]
    }
    assert rates[("tj.hp", "manager_on_site")] == "100.0"


async def test_a_bad_row_saves_nothing_and_is_named(
    client: httpx.AsyncClient, login: Login
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    rows = [
        {"district": "tj.hp", "metric": "real_name_update", "numerator": 10, "denominator": 20},
        {"district": "tj.hx", "metric": "real_name_update", "numerator": 30, "denominator": 20},
        {"district": "tj.nk", "metric": "attendance", "numerator": 1, "denominator": 2},
    ]
    refused = await client.put(WEEK, json={"rows": rows}, headers=office)
    assert refused.status_code == 422
    details = {(d["field"], d["message"]) for d in refused.json()["error"]["details"]}
    assert ("rows[1]", "分子 30 大于分母 20") in details
    assert any(field == "rows[2].metric" for field, _ in details)
    assert (await client.get(WEEK, headers=office)).json()["items"] == []
    mars = await client.put(
        WEEK, json={"rows": [{**rows[0], "district": "tj.mars"}]}, headers=office
    )
    assert mars.status_code == 422
    assert mars.json()["error"]["details"] == [
        {"field": "rows[0].district", "message": "未知的区：tj.mars"}
    ]
    tuesday = await client.put(TUESDAY, json={"rows": rows[:1]}, headers=office)
    assert tuesday.status_code == 422
    assert tuesday.json()["error"]["details"][0]["message"] == "周报告以周一为起始日"


async def test_who_may_submit(client: httpx.AsyncClient, login: Login) -> None:
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    district = await login("hp", Role.DISTRICT, "tj.hp")
    row = {"district": "tj.hx", "metric": "real_name_update", "numerator": 1, "denominator": 2}
    assert (await client.put(WEEK, json={"rows": [row]}, headers=unit)).status_code == 403
    foreign = await client.put(WEEK, json={"rows": [row]}, headers=district)
    assert foreign.status_code == 403
    assert foreign.json()["error"]["message"] == "rows[0].district：只能报送本区（tj.hp）的指标"
    assert (await client.get(WEEK)).status_code == 401


async def test_upload_lists_every_bad_row_and_saves_nothing(
    client: httpx.AsyncClient, login: Login
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    rows = [
        ("和平区", "实名制更新率", 187, 200),
        ("火星区", "实名制更新率", 1, 2),
        ("河西", "项目经理到岗率", 4, 3),
        ("tj.nk", "出勤率", 1, "两"),
        ("和平区", "real_name_update", 1, 1),
    ]
    refused = await client.post(f"{WEEK}/upload", files=sheet(*rows), headers=office)
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "invalid_rows"
    assert [(d["row"], d["column"], d["message"]) for d in refused.json()["error"]["details"]] == [
        (3, "区", "未知的区：「火星区」"),
        (4, "分子", "分子 4 大于分母 3"),
        (
            5,
            "指标",
            "无法识别的指标：「出勤率」（可填：实名制更新率、项目经理到岗率、监理总监到岗率，或其编码）",
        ),
        (5, "分母", "应为整数：「两」"),
        (6, "指标", "与第 2 行重复（同一区同一指标）"),
    ]
    assert (await client.get(WEEK, headers=office)).json()["items"] == []

    saved = await client.post(
        f"{WEEK}/upload", files=sheet(rows[0], ("河西", "项目经理到岗率", 3, 4)), headers=office
    )
    assert saved.json() == {"saved": 2}
    rates = [
        (r["district"], r["metric"], r["rate"])
        for r in (await client.get(WEEK, headers=office)).json()["items"]
    ]
    assert rates == [("tj.hp", "real_name_update", "93.5"), ("tj.hx", "manager_on_site", "75.0")]


async def test_upload_refusals(client: httpx.AsyncClient, login: Login) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    hp = await login("hp", Role.DISTRICT, "tj.hp")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    row = ("和平区", "实名制更新率", 1, 2)
    csv = await client.post(
        f"{WEEK}/upload", files={"file": ("周指标.csv", b"a,b", "text/csv")}, headers=office
    )
    assert (csv.status_code, csv.json()["error"]["message"]) == (415, "仅支持 .xlsx 文件")
    empty = await client.post(
        f"{WEEK}/upload", files={"file": ("周指标.xlsx", b"", XLSX)}, headers=office
    )
    assert (empty.status_code, empty.json()["error"]["details"]) == (
        422, [{"row": 0, "column": "", "message": "文件是空的"}],
    )  # fmt: skip
    broken = await client.post(
        f"{WEEK}/upload", files={"file": ("周指标.xlsx", b"PK??", XLSX)}, headers=office
    )
    assert broken.status_code == 422
    no_file = await client.post(f"{WEEK}/upload", headers=office)
    assert no_file.status_code == 422
    headers_only = await client.post(
        f"{WEEK}/upload",
        files={"file": ("周指标.xlsx", xlsx_bytes([("区", "指标", "分子")]), XLSX)},
        headers=office,
    )
    assert headers_only.json()["error"]["details"] == [
        {"row": 1, "column": "", "message": "缺少必填列「分母」"}
    ]
    tuesday = await client.post(f"{TUESDAY}/upload", files=sheet(row), headers=office)
    assert (tuesday.status_code, tuesday.json()["error"]["details"][0]["message"]) == (
        422,
        "周报告以周一为起始日",
    )
    assert (await client.post(f"{WEEK}/upload", files=sheet(row), headers=unit)).status_code == 403
    foreign = await client.post(
        f"{WEEK}/upload", files=sheet(row, ("河西区", "实名制更新率", 1, 2)), headers=hp
    )
    assert foreign.status_code == 403
    assert foreign.json()["error"]["details"] == [
        {"row": 3, "column": "区", "message": "只能报送本区（tj.hp）的指标"}
    ]
    assert (await client.get(WEEK, headers=office)).json()["items"] == []
    assert (await client.post(f"{WEEK}/upload", files=sheet(row), headers=hp)).json() == {
        "saved": 1
    }
