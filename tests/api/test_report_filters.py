"""The report list's filters: campaign, kind, duty and the days a report's period covers."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from domain.escalation import SHANGHAI
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
    everything_listed = await reports_of(client, office, campaign_id=campaign)
    everything = {r["id"] for r in everything_listed}
    assert everything >= set(made.values())
    weekly = await reports_of(client, office, duty_key="weekly-bulletin")
    assert {r["id"] for r in weekly} & set(made.values()) == {made["weekly-bulletin"]}
    monthly = await reports_of(client, office, kind="monthly")
    assert made["monthly-bulletin"] in {r["id"] for r in monthly}
    assert all(r["kind"] == "monthly" for r in monthly)
    # Each report is found by a day inside its own period (a monthly bulletin produced on the
    # 1st covers the previous month, not today) and not by the day after it ends.
    for report in (r for r in everything_listed if r["id"] in made.values()):
        first = datetime.fromisoformat(report["period_start"]).astimezone(SHANGHAI).date()
        covering = await reports_of(client, office, period_from=first, period_to=first)
        assert report["id"] in {r["id"] for r in covering}
        after = datetime.fromisoformat(report["period_end"]).astimezone(SHANGHAI).date()
        later = await reports_of(client, office, period_from=after + timedelta(days=1))
        assert report["id"] not in {r["id"] for r in later}
    before_start = START - timedelta(days=3)
    assert await reports_of(client, office, period_to=before_start) == []
    assert await reports_of(client, office, campaign_id="nope") == []
    bad = await client.get("/api/v1/reports", params={"period_from": "上周"}, headers=office)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "period_from"
