"""催办: POST /api/v1/tasks/{id}/urge by the office or the measure's lead unit — a dated event in
the task's history and a notification to each of the unit's accounts, read with unit names."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login, StartTask


async def test_the_office_urges_a_unit(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.hp", lead_unit="tj.rsj", title="强化预警")
    office = await login("office", Role.OFFICE, "tj.office")
    first = await login("hp-1", Role.DISTRICT, "tj.hp")
    await login("hp-2", Role.DISTRICT, "tj.hp")
    urged = await client.post(
        f"/api/v1/tasks/{task_id}/urge", json={"message": "请于本周内报送"}, headers=office
    )
    assert urged.status_code == 201, urged.text
    assert urged.json() == {"id": task_id, "told": 2}
    detail = (await client.get(f"/api/v1/tasks/{task_id}", headers=first)).json()
    event = detail["events"][-1]
    assert (event["kind"], event["actor"]) == ("urged", "office")
    assert event["detail"] == {"message": "请于本周内报送", "unit": "tj.hp", "by_unit": "tj.office"}
    news = (await client.get("/api/v1/notifications", headers=first)).json()
    assert (news["total"], news["unread"]) == (1, 1)
    [note] = news["items"]
    assert (note["kind"], note["task_id"], note["title"]) == ("urge", task_id, "【催办】强化预警")
    assert note["body"].startswith("请于本周内报送（期限 ")
    default = await client.post(f"/api/v1/tasks/{task_id}/urge", json={}, headers=office)
    assert default.status_code == 201
    news = (await client.get("/api/v1/notifications", headers=first)).json()
    assert news["items"][0]["body"].startswith("请抓紧办理，按期完成。")


async def test_the_lead_unit_urges_and_others_may_not(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.hp", lead_unit="tj.rsj")
    own_task = await start_task("tj.rsj", lead_unit="tj.rsj")
    lead = await login("rsj", Role.UNIT, "tj.rsj")
    district = await login("hp", Role.DISTRICT, "tj.hp")
    stranger = await login("zjw", Role.UNIT, "tj.zjw")
    leader = await login("leader", Role.LEADER, "tj")
    assert (await client.post(f"/api/v1/tasks/{task_id}/urge", json={}, headers=lead)).json()[
        "told"
    ] == 1
    for headers in (district, leader):  # the unit itself; a leader follows, the office urges
        refused = await client.post(f"/api/v1/tasks/{task_id}/urge", json={}, headers=headers)
        assert refused.status_code == 403
        assert (
            refused.json()["error"]["message"] == "只有领导小组办公室或本项措施的牵头单位可以催办"
        )
    hidden = await client.post(f"/api/v1/tasks/{task_id}/urge", json={}, headers=stranger)
    assert hidden.status_code == 403
    assert hidden.json()["error"]["message"] == "此任务由和平区办理，您无权查看或操作"
    itself = await client.post(f"/api/v1/tasks/{own_task}/urge", json={}, headers=lead)
    assert itself.status_code == 403  # a lead unit does not urge itself
    assert (
        await client.post("/api/v1/tasks/task:none/urge", json={}, headers=lead)
    ).status_code == 404
    short = await client.post(f"/api/v1/tasks/{task_id}/urge", json={"message": "快"}, headers=lead)
    assert short.status_code == 422
    assert short.json()["error"]["details"][0]["field"] == "message"
    assert (await client.post(f"/api/v1/tasks/{task_id}/urge", json={})).status_code == 401


async def test_a_finished_task_is_not_urged(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    await client.post(f"/api/v1/tasks/{task_id}/complete", json={"note": "完成"}, headers=unit)
    late = await client.post(f"/api/v1/tasks/{task_id}/urge", json={}, headers=office)
    assert late.status_code == 409
    assert late.json()["error"]["message"] == "任务已办结或撤销，无需催办"


async def test_notifications_name_units_not_codes(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj", title="广泛宣传")
    office = await login("office", Role.OFFICE, "tj.office")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    await client.post(f"/api/v1/tasks/{task_id}/complete", json={"note": "完成"}, headers=unit)
    [note] = (await client.get("/api/v1/notifications", headers=office)).json()["items"]
    assert note["title"] == "市人社局 已完成任务：广泛宣传"  # written as "tj.rsj 已完成任务…"
