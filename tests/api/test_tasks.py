"""Task endpoints: inbox, detail, and every action with its 4xx answers and permissions."""

from __future__ import annotations

from datetime import timedelta

import httpx

from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from tests.api.conftest import Login, StartTask
from tests.scenario_dates import machine_today


async def test_inbox_defaults_to_the_callers_unit(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    mine = await start_task("tj.rsj")
    await start_task("tj.zjw")
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    page = (await client.get("/api/v1/tasks", headers=headers)).json()
    assert [t["id"] for t in page["items"]] == [mine]
    assert page["total"] == 1
    assert page["items"][0]["status"] == "open"
    assert page["items"][0]["overdue"] is False


async def test_district_sees_its_subtree_and_office_sees_all(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    district_task = await start_task("tj.hp.rsj")
    await start_task("tj.hx.rsj")
    city = await start_task("tj.rsj")
    district = await login("hp", Role.DISTRICT, "tj.hp")
    seen = (await client.get("/api/v1/tasks", headers=district)).json()
    assert [t["id"] for t in seen["items"]] == [district_task]
    forbidden = await client.get("/api/v1/tasks", params={"unit": "tj.hx.rsj"}, headers=district)
    assert forbidden.status_code == 403
    office = await login("office", Role.OFFICE, "tj.office")
    everything = (await client.get("/api/v1/tasks", headers=office)).json()
    assert everything["total"] == 3
    one_unit = (await client.get("/api/v1/tasks", params={"unit": "tj.rsj"}, headers=office)).json()
    assert [t["id"] for t in one_unit["items"]] == [city]


async def test_inbox_filters(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    today = machine_today()
    late = await start_task("tj.rsj", deadline=today - timedelta(days=1))
    soon = await start_task("tj.rsj", deadline=today + timedelta(days=5))
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    overdue = (
        await client.get("/api/v1/tasks", params={"overdue": "true"}, headers=headers)
    ).json()
    assert [t["id"] for t in overdue["items"]] == [late]
    assert overdue["items"][0]["overdue"] is True
    before = (
        await client.get(
            "/api/v1/tasks", params={"due_before": str(today + timedelta(days=10))}, headers=headers
        )
    ).json()
    assert [t["id"] for t in before["items"]] == [late, soon]
    bad = await client.get("/api/v1/tasks", params={"status": "done"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "status"


async def test_detail_and_its_permissions(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj")
    own = await login("rsj", Role.UNIT, "tj.rsj")
    other = await login("zjw", Role.UNIT, "tj.zjw")
    detail = await client.get(f"/api/v1/tasks/{task_id}", headers=own)
    assert detail.status_code == 200
    assert [e["kind"] for e in detail.json()["events"]] == ["created"]
    assert (await client.get(f"/api/v1/tasks/{task_id}", headers=other)).status_code == 403
    missing = await client.get("/api/v1/tasks/task:none", headers=own)
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "任务 task:none 不存在"


async def test_progress_then_complete_then_refuse_twice(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj")
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    moved = await client.post(
        f"/api/v1/tasks/{task_id}/progress-reports",
        json={"percent": 60, "note": "已走访 12 家企业"},
        headers=headers,
    )
    assert moved.status_code == 201
    assert (moved.json()["status"], moved.json()["progress"]) == ("in_progress", 60)
    done = await client.post(
        f"/api/v1/tasks/{task_id}/complete", json={"note": "全部完成"}, headers=headers
    )
    assert done.status_code == 200
    assert done.json()["status"] == "completed"
    again = await client.post(
        f"/api/v1/tasks/{task_id}/complete", json={"note": "再次提交"}, headers=headers
    )
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "任务已完成，不能再操作"
    history = (await client.get(f"/api/v1/tasks/{task_id}", headers=headers)).json()
    assert [e["kind"] for e in history["events"]] == ["created", "progress", "completed"]
    assert history["events"][1]["actor"] == "rsj"


async def test_action_refusals(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj", deliverables=("note", "files"))
    own = await login("rsj", Role.UNIT, "tj.rsj")
    other = await login("zjw", Role.UNIT, "tj.zjw")
    stranger = await client.post(
        f"/api/v1/tasks/{task_id}/progress-reports", json={"percent": 10}, headers=other
    )
    assert stranger.status_code == 403
    too_much = await client.post(
        f"/api/v1/tasks/{task_id}/progress-reports", json={"percent": 150}, headers=own
    )
    assert too_much.status_code == 422
    assert too_much.json()["error"]["details"][0]["field"] == "percent"
    no_files = await client.post(
        f"/api/v1/tasks/{task_id}/complete", json={"note": "完成"}, headers=own
    )
    assert no_files.status_code == 422
    assert no_files.json()["error"]["message"] == "缺少应交内容：附件（attachments）"
    unknown = await client.post(
        f"/api/v1/tasks/{task_id}/complete",
        json={"note": "完成", "attachment_ids": ["nope"]},
        headers=own,
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["message"] == "attachment_ids[0]: 附件 nope 不存在或不是您上传的"
    extra = await client.post(
        f"/api/v1/tasks/{task_id}/progress-reports", json={"percent": 10, "who": "x"}, headers=own
    )
    assert extra.status_code == 422


async def test_complete_with_an_uploaded_file(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj", deliverables=("note", "files"))
    headers = await login("rsj", Role.UNIT, "tj.rsj")
    content = "排查台账\n项目,人数\n".encode()
    uploaded = await client.post(
        "/api/v1/attachments", files={"file": ("台账.csv", content, "text/csv")}, headers=headers
    )
    assert uploaded.status_code == 201
    import hashlib

    assert uploaded.json()["sha256"] == hashlib.sha256(content).hexdigest()
    assert uploaded.json()["size"] == len(content)
    done = await client.post(
        f"/api/v1/tasks/{task_id}/complete",
        json={"note": "附台账", "attachment_ids": [uploaded.json()["id"]]},
        headers=headers,
    )
    assert done.status_code == 200
    detail = (await client.get(f"/api/v1/tasks/{task_id}", headers=headers)).json()
    assert detail["events"][-1]["detail"]["attachments"][0]["filename"] == "台账.csv"
    empty = await client.post(
        "/api/v1/attachments", files={"file": ("空.txt", b"", "text/plain")}, headers=headers
    )
    assert empty.status_code == 422
    assert (
        await client.post("/api/v1/attachments", files={"file": ("a.txt", b"x")})
    ).status_code == 401


async def test_extension_request_and_decision(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    # 10 working days off, so that no reminder (3 working days before) reaches the unit's
    # inbox before the decision does, whatever holiday lies ahead
    deadline = WorkingCalendar().add_working_days(machine_today(), 10)
    task_id = await start_task("tj.rsj", deadline=deadline)
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    new = str(deadline + timedelta(days=20))
    asked = await client.post(
        f"/api/v1/tasks/{task_id}/extension-requests",
        json={"new_deadline": new, "reason": "项目多，需延期"},
        headers=unit,
    )
    assert asked.status_code == 201
    request_id = asked.json()["request_id"]
    twice = await client.post(
        f"/api/v1/tasks/{task_id}/extension-requests",
        json={"new_deadline": new, "reason": "再申请"},
        headers=unit,
    )
    assert twice.status_code == 409
    by_unit = await client.post(
        f"/api/v1/tasks/{task_id}/extension-requests/{request_id}/decision",
        json={"approve": True},
        headers=unit,
    )
    assert by_unit.status_code == 403
    unknown = await client.post(
        f"/api/v1/tasks/{task_id}/extension-requests/nope/decision",
        json={"approve": True},
        headers=office,
    )
    assert unknown.status_code == 404
    approved = await client.post(
        f"/api/v1/tasks/{task_id}/extension-requests/{request_id}/decision",
        json={"approve": True, "reason": "同意"},
        headers=office,
    )
    assert approved.status_code == 200
    assert approved.json()["deadline"] == new
    row = (await client.get(f"/api/v1/tasks/{task_id}", headers=unit)).json()
    assert row["deadline"] == new
    assert row["pending_extension"] is False
    again = await client.post(
        f"/api/v1/tasks/{task_id}/extension-requests/{request_id}/decision",
        json={"approve": False, "reason": "不同意"},
        headers=office,
    )
    assert again.status_code == 409
    news = (await client.get("/api/v1/notifications", headers=unit)).json()
    assert news["unread"] == 1
    assert news["items"][0]["title"].startswith("延期申请已批准")


async def test_reassign_and_cancel_are_for_the_office(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    leader = await login("leader", Role.LEADER, "tj")
    body = {"unit": "tj.zjw", "reason": "职责调整"}
    assert (
        await client.post(f"/api/v1/tasks/{task_id}/reassign", json=body, headers=unit)
    ).status_code == 403
    assert (
        await client.post(f"/api/v1/tasks/{task_id}/reassign", json=body, headers=leader)
    ).status_code == 403
    nowhere = await client.post(
        f"/api/v1/tasks/{task_id}/reassign", json={"unit": "xx", "reason": "调整"}, headers=office
    )
    assert nowhere.status_code == 422
    moved = await client.post(f"/api/v1/tasks/{task_id}/reassign", json=body, headers=office)
    assert moved.status_code == 200
    assert moved.json()["unit"] == "tj.zjw"
    assert (await client.get(f"/api/v1/tasks/{task_id}", headers=unit)).status_code == 403
    no_reason = await client.post(f"/api/v1/tasks/{task_id}/cancel", json={}, headers=office)
    assert no_reason.status_code == 422
    cancelled = await client.post(
        f"/api/v1/tasks/{task_id}/cancel", json={"reason": "措施调整"}, headers=office
    )
    assert cancelled.json()["status"] == "cancelled"
    zjw = await login("zjw", Role.UNIT, "tj.zjw")
    late = await client.post(
        f"/api/v1/tasks/{task_id}/progress-reports", json={"percent": 5}, headers=zjw
    )
    assert late.status_code == 409
    assert late.json()["error"]["message"] == "任务已撤销，不能再操作"


async def test_notifications_mark_read(
    client: httpx.AsyncClient, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    await client.post(f"/api/v1/tasks/{task_id}/complete", json={"note": "完成"}, headers=unit)
    news = (
        await client.get("/api/v1/notifications", params={"unread": "true"}, headers=office)
    ).json()
    assert news["unread"] == 1
    ids = [n["id"] for n in news["items"]]
    assert (
        await client.post("/api/v1/notifications/read", json={"ids": ids}, headers=unit)
    ).json() == {"marked": 0}
    assert (
        await client.post("/api/v1/notifications/read", json={"ids": ids}, headers=office)
    ).json() == {"marked": 1}
    every = (await client.get("/api/v1/notifications", headers=office)).json()
    assert (every["unread"], every["total"]) == (0, 1)
    unread = await client.get("/api/v1/notifications", params={"unread": "true"}, headers=office)
    assert (unread.json()["items"], unread.json()["total"]) == ([], 0)
    assert (
        await client.post("/api/v1/notifications/read", json={"ids": []}, headers=office)
    ).status_code == 422
    assert (await client.get("/api/v1/notifications")).status_code == 401
