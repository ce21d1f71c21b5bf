"""Bulk import end to end: valid rows registered, invalid ones reported, nothing registered twice."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login
from tests.polling import eventually
from tests.scenario_dates import beijing_time, machine_today
from tests.workflows.case_fixtures import VALID_USCC

HEADER = (
    "线索编号,反映时间,反映人,联系电话,涉及人数,欠薪金额,用人单位,统一社会信用代码,行业,所属区,问题描述"
)  # fmt: skip
# Clues of the last fortnight (a 反映时间 later than now is refused), each written the way
# some platform export writes its dates.
DAY_1, DAY_2, DAY_3, DAY_4 = (machine_today() - timedelta(days=n) for n in (11, 10, 9, 8))
ROWS = [
    f"GJ-IMP-1,{DAY_1:%Y-%m-%d} 09:30,张三,13812345678,5,50000.00,天津某公司,{VALID_USCC},工程建设,和平区,五人工资未发",
    f"GJ-IMP-2,{DAY_2:%Y/%m/%d},李四、王五,,2,12.345,天津某公司,{VALID_USCC},餐饮服务,tj.hx,两人工资未发",
    f"GJ-IMP-3,{DAY_3.year}年{DAY_3.month}月{DAY_3.day}日,赵六,,40,1500000,天津某集团,,工程建设,河西,四十人工资未发",
    f"GJ-IMP-4,{DAY_4.isoformat()},钱七,,1,800,天津某公司,{VALID_USCC[:-1]}0,快递物流,火星区,一人工资未发",
]


def csv_file(encoding: str = "utf-8-sig") -> bytes:
    return ("\n".join([HEADER, *ROWS]) + "\n").encode(encoding)


async def finished(
    client: httpx.AsyncClient, headers: dict[str, str], import_id: str
) -> dict[str, Any]:
    result: dict[str, Any] = {}

    async def done() -> bool:
        result.update(
            (await client.get(f"/api/v1/cases/imports/{import_id}", headers=headers)).json()
        )
        return result.get("status") == "done"

    await eventually(done)
    return result


async def test_import_registers_valid_rows_and_reports_the_rest(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    started = await client.post(
        "/api/v1/cases/imports",
        files={"file": ("线索导出.csv", csv_file("gb18030"), "text/csv")},
        headers=office,
    )
    assert started.status_code == 202, started.text
    job = await finished(client, office, started.json()["id"])
    assert (job["total_rows"], job["valid_rows"], job["registered"], job["existing"]) == (
        4,
        2,
        2,
        0,
    )
    errors = {(e["row"], e["column"]) for e in job["errors"]}
    assert errors == {(3, "欠薪金额"), (5, "统一社会信用代码"), (5, "所属区")}
    listed = (await client.get("/api/v1/cases", headers=office)).json()
    assert sorted(c["external_id"] for c in listed["items"]) == ["GJ-IMP-1", "GJ-IMP-3"]
    received = {c["external_id"]: datetime.fromisoformat(c["received_at"]) for c in listed["items"]}
    # Beijing time without an offset; a date alone is that day's Beijing midnight
    assert received == {"GJ-IMP-1": beijing_time(DAY_1, 9, 30), "GJ-IMP-3": beijing_time(DAY_3)}
    major = next(c for c in listed["items"] if c["external_id"] == "GJ-IMP-3")
    assert (major["district"], major["major"]) == ("tj.hx", True)

    again = await client.post(
        "/api/v1/cases/imports",
        files={"file": ("线索导出.csv", csv_file(), "text/csv")},
        headers=office,
    )
    second = await finished(client, office, again.json()["id"])
    assert (second["registered"], second["existing"]) == (0, 2)
    assert (await client.get("/api/v1/cases", headers=office)).json()["total"] == 2


async def test_import_refusals(client: httpx.AsyncClient, login: Login) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    other = await login("rsj", Role.UNIT, "tj.rsj")
    wrong_type = await client.post(
        "/api/v1/cases/imports",
        files={"file": ("a.pdf", b"%PDF", "application/pdf")},
        headers=office,
    )
    assert wrong_type.status_code == 422
    assert wrong_type.json()["error"]["message"] == "仅支持 .xlsx 或 .csv 文件"
    no_header = await client.post(
        "/api/v1/cases/imports",
        files={"file": ("a.csv", f"线索编号,反映时间\nX,{DAY_1}\n".encode(), "text/csv")},
        headers=office,
    )
    assert no_header.status_code == 422
    assert "反映人" in no_header.json()["error"]["message"]
    empty_ok = await client.post(
        "/api/v1/cases/imports",
        files={"file": ("a.csv", (HEADER + "\n" + ROWS[3] + "\n").encode(), "text/csv")},
        headers=office,
    )
    assert (empty_ok.status_code, empty_ok.json()["status"], empty_ok.json()["valid_rows"]) == (
        202,
        "done",
        0,
    )
    assert (
        await client.get(f"/api/v1/cases/imports/{empty_ok.json()['id']}", headers=other)
    ).status_code == 403
    assert (await client.get("/api/v1/cases/imports/none", headers=office)).status_code == 404
    assert (
        await client.post("/api/v1/cases/imports", files={"file": ("a.csv", b"x", "text/csv")})
    ).status_code == 401
