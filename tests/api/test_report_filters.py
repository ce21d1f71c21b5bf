"""The report list's filters: campaign, kind, duty and the days a report's period covers."""

from __future__ import annotations

from datetime import timedelta

import httpx

from tests import scenario_dates as sd
from tests.api.conftest import Login
from tests.api.test_reports import START, Running, pian1, reports_of  # noqa: F401 - the fixture


async def test_reports_by_duty_kind_and_period(
    client: httpx.AsyncClient,
    pian1: Running,  # noqa: F811 - the fixture
    login: Login,
) -> None:
    office, campaign = pian1.office, pian1.campaign["id"]
    made = {}
    for duty in ("weekly-bulletin", "monthly-bulletin"):
        answer = await client.post(
            f"/api/v1/campaigns/{campaign}/reports", json={"duty_key": duty}, headers=office
        )
        assert answer.status_code == 201, answer.text
        made[duty] = answer.json()["id"]
    everything = {r["id"] for r in await reports_of(client, office, campaign_id=campaign)}
    assert everything >= set(made.values())
    weekly = await reports_of(client, office, duty_key="weekly-bulletin")
    assert {r["id"] for r in weekly} & set(made.values()) == {made["weekly-bulletin"]}
    monthly = await reports_of(client, office, kind="monthly")
    assert made["monthly-bulletin"] in {r["id"] for r in monthly}
    assert all(r["kind"] == "monthly" for r in monthly)
    today = sd.machine_today()
    covering_today = await reports_of(client, office, period_from=today, period_to=today)
    assert set(made.values()) <= {r["id"] for r in covering_today}
    before_start = START - timedelta(days=3)
    assert await reports_of(client, office, period_to=before_start) == []
    assert await reports_of(client, office, campaign_id="nope") == []
    bad = await client.get("/api/v1/reports", params={"period_from": "上周"}, headers=office)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "period_from"
