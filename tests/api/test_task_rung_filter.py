"""The task list filtered by the rung its tasks stand at: the list behind the dashboard's ladder."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login
from tests.api.dashboard_data import CAMPAIGN, seed_dashboard


async def test_tasks_at_one_rung(client: httpx.AsyncClient, login: Login, session_factory) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    district = await login("hx", Role.DISTRICT, "tj.hx")
    await seed_dashboard(session_factory)
    base = {"campaign": CAMPAIGN}

    async def keys(headers: dict[str, str], rung: str) -> list[str]:
        answer = await client.get(
            "/api/v1/tasks", params={**base, "escalation": rung}, headers=headers
        )
        assert answer.status_code == 200, answer.text
        return [t["task_key"] for t in answer.json()["items"]]

    assert await keys(office, "warned") == ["b2"]
    assert await keys(office, "supervised") == ["a2"]
    assert await keys(office, "accountability") == []
    assert await keys(district, "supervised") == []  # a2 is 和平区's: not in 河西区's territory
    refused = await client.get("/api/v1/tasks", params={"escalation": "late"}, headers=office)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "escalation"
