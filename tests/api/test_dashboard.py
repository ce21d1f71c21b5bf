"""驾驶舱: each panel's figures equal what the seeded ledger implies, for the office and for a
district (its own territory only); who may not look is refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from tests import scenario_dates as sd
from tests.api.conftest import Login
from tests.api.dashboard_data import CAMPAIGN, seed_dashboard

LADDER = ["reminded", "warned", "supervised", "accountability"]


def _by(rows: list[dict[str, Any]], key: str, *fields: str) -> dict[str, tuple[Any, ...]]:
    return {row[key]: tuple(row[f] for f in fields) for row in rows}


async def _office_board(client: httpx.AsyncClient, login: Login, session_factory) -> Any:
    office = await login("office", Role.OFFICE, "tj.office")
    await seed_dashboard(session_factory)
    answer = await client.get("/api/v1/dashboard", params={"campaign": CAMPAIGN}, headers=office)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_the_office_sees_the_campaign_panels(
    client: httpx.AsyncClient, login: Login, session_factory
) -> None:
    board = await _office_board(client, login, session_factory)
    today = sd.machine_today()
    assert board["as_of"] == today.isoformat()
    assert (board["scope_unit"], board["scope_name"]) == (None, "天津市")
    panels = board["campaign"]
    assert panels["campaign"]["title"] == "冬季专项行动"
    assert _by(panels["phases"], "key", "total", "completed", "overdue") == {
        "publicity": (4, 2, 1),  # the cancelled task is left out
        "screening": (2, 0, 1),
    }
    assert [
        (u["unit"], u["name"], u["total"], u["completed"], u["overdue"]) for u in panels["units"]
    ] == [
        ("tj.rsj", "市人社局", 1, 0, 0),  # the least complete first
        ("tj.hp", "和平区", 3, 1, 1),
        ("tj.hx", "河西区", 2, 1, 1),
    ]
    assert panels["overdue_total"] == 2
    assert [(o["task_id"].split(":")[2], o["days_overdue"]) for o in panels["overdue"]] == [
        ("b2", 8),
        ("a2", 3),
    ]
    assert [(s["state"], s["tasks"]) for s in panels["escalations"]] == list(
        zip(LADDER, [1, 1, 1, 0], strict=True)
    )
    assert panels["escalations"][2]["label"] == "挂牌督办"  # as the plan's ladder names it
    supervision = panels["supervision"]
    assert supervision["total"] == 1 and supervision["major_cases"] == 1
    assert [(i["task_id"].split(":")[2], i["leader"]) for i in supervision["items"]] == [
        ("a2", "wang")
    ]
    ranking = panels["ranking"]
    assert len(ranking) == 16  # every district of the city
    assert [
        (r["code"], r["rank"], r["on_time_rate"], r["clearance_rate"]) for r in ranking[:3]
    ] == [
        ("tj.hp", 1, "50.0", "33.3"),
        ("tj.hx", 2, "0.0", "50.0"),
        (ranking[2]["code"], 3, None, None),
    ]
    hp = ranking[0]
    assert (hp["indicator_rate"], hp["fund_rate"], hp["full_rate"]) == ("85.0", "50.0", "75.0")
    calendar = WorkingCalendar()
    deadline = calendar.add_working_days(sd.next_spring_festival(today), -1)
    assert [
        (g["key"], g["subject"], g["total"], g["cleared"], g["open"], g["rate"])
        for g in panels["goals"]
    ] == [
        ("hazards-cleared", "hazards", 3, 1, 2, "33.3"),
        ("cases-cleared", "cases", 5, 2, 3, "40.0"),
    ]
    assert {g["deadline"] for g in panels["goals"]} == {deadline.isoformat()}
    assert panels["goals"][0]["working_days_left"] == calendar.working_days_between(today, deadline)


async def test_the_office_sees_the_territory_panels(
    client: httpx.AsyncClient, login: Login, session_factory
) -> None:
    board = await _office_board(client, login, session_factory)
    cases = board["cases"]
    assert (cases["total"], cases["open"], cases["workers"]) == (5, 3, 20)
    assert (cases["owed"], cases["paid"]) == ("1235800.50", "325000.50")
    assert [(s["key"], s["label"], s["count"]) for s in cases["by_status"]] == [
        ("registered", "已登记", 1), ("verifying", "核实中", 1), ("resolving", "化解中", 1),
        ("closed", "已办结", 1), ("finished", "已销号", 1),
    ]  # fmt: skip
    assert _by(cases["by_district"], "key", "cases", "owed", "paid") == {
        "tj.hp": (3, "1230000.00", "320000.00"),
        "tj.hx": (2, "5800.50", "5000.50"),
    }
    assert _by(cases["by_sector"], "key", "count") == {"工程建设": (3,), "餐饮服务": (2,)}
    hazards = board["hazards"]
    assert (hazards["total"], hazards["open"]) == (3, 2)
    assert _by(hazards["by_district"], "key", "open", "total") == {"tj.hp": (1, 2), "tj.hx": (1, 1)}
    week = board["indicators"]
    assert week["week_start"] == sd.monday_of(sd.machine_today()).isoformat()
    assert _by(
        week["rows"], "district", "real_name_update", "manager_on_site", "supervisor_on_site",
        "fund_rate", "full_rate",
    ) == {
        "tj.hp": ("90.0", "80.0", None, "50.0", "75.0"),
        "tj.hx": (None, None, "33.3", None, None),
    }  # fmt: skip


async def test_a_district_sees_its_own_territory_ranked_among_all(
    client: httpx.AsyncClient, login: Login, session_factory
) -> None:
    district = await login("hp", Role.DISTRICT, "tj.hp")
    await seed_dashboard(session_factory)
    board = (
        await client.get("/api/v1/dashboard", params={"campaign": CAMPAIGN}, headers=district)
    ).json()
    assert (board["scope_unit"], board["scope_name"]) == ("tj.hp", "和平区")
    panels = board["campaign"]
    assert _by(panels["phases"], "key", "total", "completed", "overdue") == {
        "publicity": (2, 1, 1),
        "screening": (1, 0, 0),
    }
    assert [u["unit"] for u in panels["units"]] == ["tj.hp"]
    assert [o["task_id"].split(":")[2] for o in panels["overdue"]] == ["a2"]
    assert [(r["code"], r["rank"]) for r in panels["ranking"]] == [("tj.hp", 1)]
    assert [(g["total"], g["open"]) for g in panels["goals"]] == [(2, 1), (3, 2)]
    assert (board["cases"]["total"], board["cases"]["owed"]) == (3, "1230000.00")
    assert [row["district"] for row in board["indicators"]["rows"]] == ["tj.hp"]
    assert board["hazards"]["total"] == 2
    progress = (await client.get("/api/v1/dashboard/campaigns", headers=district)).json()
    assert progress == {
        "items": [{"campaign_id": CAMPAIGN, "total": 3, "completed": 1, "overdue": 1}],
        "total": 1,
        "limit": 50,
        "offset": 0,
    }


async def test_without_a_campaign_the_territory_panels_remain(
    client: httpx.AsyncClient, login: Login, session_factory
) -> None:
    leader = await login("wang", Role.LEADER, "tj")
    await seed_dashboard(session_factory)
    board = (await client.get("/api/v1/dashboard", headers=leader)).json()
    assert board["campaign"] is None
    assert (board["scope_name"], board["cases"]["total"], board["hazards"]["open"]) == (
        "全部单位",
        5,
        2,
    )
    progress = (await client.get("/api/v1/dashboard/campaigns", headers=leader)).json()
    assert progress["items"] == [
        {"campaign_id": CAMPAIGN, "total": 6, "completed": 2, "overdue": 2}
    ]


async def test_who_may_not_look_is_refused(
    client: httpx.AsyncClient, login: Login, session_factory
) -> None:
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    for path in ("/api/v1/dashboard", "/api/v1/dashboard/campaigns"):
        assert (await client.get(path)).status_code == 401
        refused = await client.get(path, headers=unit)
        assert refused.status_code == 403
        assert refused.json()["error"]["message"] == "驾驶舱仅限领导小组办公室、领导和区级账号查看"
    missing = await client.get("/api/v1/dashboard", params={"campaign": "nope"}, headers=office)
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "专项行动 nope 不存在"


async def test_an_empty_ledger_gives_zeros_not_errors(
    client: httpx.AsyncClient, login: Login
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    board = (await client.get("/api/v1/dashboard", headers=office)).json()
    assert (board["cases"]["total"], board["cases"]["owed"], board["hazards"]["total"]) == (
        0,
        "0.00",
        0,
    )
    monday = sd.monday_of(sd.machine_today())
    assert board["indicators"] == {"week_start": monday.isoformat(), "rows": []}
    assert monday + timedelta(days=6) >= sd.machine_today()
