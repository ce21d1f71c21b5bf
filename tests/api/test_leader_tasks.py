"""领导的督办队列: the tasks the ladder put under this leader, with their rung and days overdue."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login
from tests.api.dashboard_data import CAMPAIGN, seed_dashboard


async def test_a_leader_sees_the_tasks_escalated_to_them(
    client: httpx.AsyncClient, login: Login, session_factory
) -> None:
    wang = await login("wang", Role.LEADER, "tj")
    other = await login("li", Role.LEADER, "tj")
    await seed_dashboard(session_factory)  # a2 (open, 3 days overdue) and a1 (done) are wang's
    queue = (await client.get("/api/v1/leader/tasks", headers=wang)).json()
    assert (queue["total"], queue["limit"], queue["offset"]) == (1, 50, 0)
    [task] = queue["items"]
    assert task["id"] == f"task:{CAMPAIGN}:a2:tj.hp"
    assert (task["unit_code"], task["escalation"], task["step_label"], task["days_overdue"]) == (
        "tj.hp",
        "supervised",
        "督办",
        3,
    )
    assert task["stepped_at"] is not None
    everything = (
        await client.get("/api/v1/leader/tasks", params={"include_closed": "true"}, headers=wang)
    ).json()
    assert [
        (t["id"].split(":")[2], t["status"], t["days_overdue"]) for t in everything["items"]
    ] == [
        ("a1", "completed", 0),
        ("a2", "open", 3),
    ]
    assert (await client.get("/api/v1/leader/tasks", headers=other)).json()["total"] == 0


async def test_only_leaders_have_a_queue(client: httpx.AsyncClient, login: Login) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    assert (await client.get("/api/v1/leader/tasks")).status_code == 401
    refused = await client.get("/api/v1/leader/tasks", headers=office)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "领导督办清单仅限领导账号"
    wang = await login("wang", Role.LEADER, "tj")
    assert (
        await client.get("/api/v1/leader/tasks", params={"limit": 0}, headers=wang)
    ).status_code == 422
