"""The inbox's search, order and the measures a unit leads: GET /api/v1/tasks with q, sort,
order, due_from and led, their 4xx answers and who sees what."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login, StartTask
from tests.scenario_dates import machine_today


async def ids(client: httpx.AsyncClient, headers: dict[str, str], **query: Any) -> list[str]:
    answer = await client.get("/api/v1/tasks", params=query, headers=headers)
    assert answer.status_code == 200, answer.text
    return [t["id"] for t in answer.json()["items"]]


async def test_search_words_in_the_title(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    publicity = await start_task("tj.rsj", title="广泛宣传《保障农民工工资支付条例》")
    screening = await start_task("tj.rsj", title="严密排查欠薪隐患")
    literal = await start_task("tj.rsj", title="排查 100% 覆盖_项目")
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    assert await ids(client, headers, q="宣传") == [publicity]
    assert sorted(await ids(client, headers, q="排查")) == sorted([screening, literal])
    assert await ids(client, headers, q="排查 隐患") == [screening]  # every word
    assert await ids(client, headers, q="100%") == [literal]  # LIKE's wildcards taken literally
    assert await ids(client, headers, q="_") == [literal]
    assert await ids(client, headers, q="督办") == []
    too_long = await client.get("/api/v1/tasks", params={"q": "字" * 101}, headers=headers)
    assert too_long.status_code == 422
    assert too_long.json()["error"]["details"][0]["field"] == "q"


async def test_sort_and_order(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    today = machine_today()
    late = await start_task("tj.rsj", title="丙 任务", deadline=today + timedelta(days=20))
    soon = await start_task("tj.rsj", title="甲 任务", deadline=today + timedelta(days=5))
    middle = await start_task("tj.rsj", title="乙 任务", deadline=today + timedelta(days=10))
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    await client.post(f"/api/v1/tasks/{late}/progress-reports", json={"percent": 30}, headers=headers)
    await client.post(f"/api/v1/tasks/{middle}/complete", json={"note": "完成"}, headers=headers)
    assert await ids(client, headers) == [soon, middle, late]  # soonest deadline first
    assert await ids(client, headers, sort="deadline", order="desc") == [late, middle, soon]
    by_title = await ids(client, headers, sort="title")
    assert by_title == sorted(by_title, key=lambda i: {soon: "甲", middle: "乙", late: "丙"}[i])
    assert len(by_title) == 3
    # 待办, 办理中, 已完成: the order work goes, not the codes' alphabet
    assert await ids(client, headers, sort="status") == [soon, late, middle]
    assert await ids(client, headers, sort="status", order="desc") == [middle, late, soon]
    # pages follow the order and never overlap
    first = await ids(client, headers, sort="deadline", order="desc", limit=2)
    second = await ids(client, headers, sort="deadline", order="desc", limit=2, offset=2)
    assert first + second == [late, middle, soon]
    for bad in ({"sort": "unit"}, {"order": "up"}):
        refused = await client.get("/api/v1/tasks", params=bad, headers=headers)
        assert refused.status_code == 422
        assert refused.json()["error"]["details"][0]["field"] == next(iter(bad))


async def test_a_due_range(client: httpx.AsyncClient, login: Login, start_task: StartTask) -> None:
    today = machine_today()
    early = await start_task("tj.rsj", deadline=today + timedelta(days=3))
    inside = await start_task("tj.rsj", deadline=today + timedelta(days=10))
    await start_task("tj.rsj", deadline=today + timedelta(days=30))
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    window = {
        "due_from": str(today + timedelta(days=10)),
        "due_before": str(today + timedelta(days=11)),
    }
    assert await ids(client, headers, **window) == [inside]
    assert early not in await ids(client, headers, due_from=str(today + timedelta(days=4)))
    bad = await client.get("/api/v1/tasks", params={"due_from": "明天"}, headers=headers)
    assert bad.status_code == 422


async def test_a_lead_unit_follows_the_units_of_its_measure(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    hp = await start_task("tj.hp", lead_unit="tj.rsj", title="强化预警")
    hx = await start_task("tj.hx", lead_unit="tj.rsj", title="强化预警")
    other = await start_task("tj.hx", lead_unit="tj.zjw", title="源头治理")
    lead = await login("rsj", Role.UNIT, "tj.rsj")
    assert await ids(client, lead) == []  # its own inbox holds none of them
    assert sorted(await ids(client, lead, led="true")) == sorted([hp, hx])
    assert await ids(client, lead, led="true", unit="tj.hx") == [hx]
    detail = await client.get(f"/api/v1/tasks/{hx}", headers=lead)
    assert detail.status_code == 200
    assert detail.json()["actions"] == ["urge"]  # it follows and urges; it does not act
    refused = await client.get(f"/api/v1/tasks/{other}", headers=lead)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "此任务由河西区办理，您无权查看或操作"
    acting = await client.post(f"/api/v1/tasks/{hx}/progress-reports", json={"percent": 5}, headers=lead)
    assert acting.status_code == 403
    stranger = await login("zjw", Role.UNIT, "tj.zjw")
    assert await ids(client, stranger, led="true") == [other]
