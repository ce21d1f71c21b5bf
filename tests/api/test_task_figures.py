"""A task that asks for named figures: the detail lists them, the completion is refused field by
field until each is given, and the figures are kept as decimal strings."""

from __future__ import annotations

import httpx

from domain.tasks.figures import FigureField
from domain.units.roles import Role
from tests.api.conftest import Login, StartTask

FIELDS = (
    FigureField(key="enterprises-screened", label="排查企业", unit="家"),
    FigureField(key="arrears-cleared", label="清偿拖欠工程款", unit="万元"),
)


async def test_the_detail_lists_the_figures_and_what_the_caller_may_do(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj", deliverables=("note", "figures"), figure_fields=FIELDS)
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    leader = await login("leader", Role.LEADER, "tj")
    mine = (await client.get(f"/api/v1/tasks/{task_id}", headers=unit)).json()
    assert mine["figure_fields"] == [f.model_dump() for f in FIELDS]
    assert mine["campaign_title"] == "测试行动"
    assert mine["events"][0]["actor_name"] == "系统"
    assert mine["actions"] == ["progress", "complete", "request_extension"]
    by_office = (await client.get(f"/api/v1/tasks/{task_id}", headers=office)).json()
    assert by_office["actions"] == [
        "progress", "complete", "request_extension", "reassign", "cancel", "urge"
    ]  # fmt: skip
    assert (await client.get(f"/api/v1/tasks/{task_id}", headers=leader)).json()["actions"] == []


async def test_each_missing_or_wrong_figure_is_named(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj", deliverables=("note", "figures"), figure_fields=FIELDS)
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    url = f"/api/v1/tasks/{task_id}/complete"
    nothing = await client.post(url, json={}, headers=headers)
    assert nothing.status_code == 422
    assert nothing.json()["error"] == {
        "code": "deliverables_missing",
        "message": "缺少应交内容：办理情况说明（note）、数据（figures）",
        "details": [
            {"field": "note", "message": "缺少办理情况说明（note）"},
            {"field": "figures", "message": "缺少数据（figures）"},
        ],
    }
    wrong = await client.post(
        url,
        json={"note": "已排查", "figures": {"enterprises-screened": "-1", "visits": "3"}},
        headers=headers,
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["code"] == "figures_invalid"
    assert wrong.json()["error"]["details"] == [
        {"field": "figures.arrears-cleared", "message": "请填写清偿拖欠工程款"},
        {"field": "figures.enterprises-screened", "message": "排查企业不能为负数"},
        {"field": "figures.visits", "message": "本任务没有数据项 visits"},
    ]
    assert wrong.json()["error"]["message"].startswith("数据有误：请填写清偿拖欠工程款；")
    not_a_number = await client.post(
        url, json={"note": "x", "figures": {"arrears-cleared": "很多"}}, headers=headers
    )
    assert not_a_number.status_code == 422
    assert not_a_number.json()["error"]["details"][0]["field"] == "figures.arrears-cleared"
    done = await client.post(
        url,
        json={
            "note": "已排查",
            "figures": {"enterprises-screened": "12", "arrears-cleared": "3.50"},
        },
        headers=headers,
    )
    assert done.status_code == 200, done.text
    detail = (await client.get(f"/api/v1/tasks/{task_id}", headers=headers)).json()
    assert detail["figures"] == {"enterprises-screened": "12", "arrears-cleared": "3.50"}
    assert (detail["status"], detail["actions"]) == ("completed", [])


async def test_a_task_without_named_figures_takes_any(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj", deliverables=("figures",))
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    assert (await client.get(f"/api/v1/tasks/{task_id}", headers=headers)).json()[
        "figure_fields"
    ] == []
    done = await client.post(
        f"/api/v1/tasks/{task_id}/complete", json={"figures": {"宣传场次": "12"}}, headers=headers
    )
    assert done.status_code == 200, done.text
