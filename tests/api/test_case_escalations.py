"""A case's time limits walk the ladder end to end: each step reaches the recipients the ladder
names (unit, its head, office, leader) and the responsible unit's webhook, signed and retried."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import select

from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from ledger.notifications.tables import Notification, WebhookDelivery
from tests.api.cases_data import clue, received_on
from tests.api.conftest import Login, Receiver
from tests.polling import eventually
from tests.scenario_dates import machine_today

STEPS = ["remind", "warn", "supervise", "accountability"]


async def test_an_overdue_case_climbs_the_ladder_to_its_recipients_and_webhook(
    client: httpx.AsyncClient,
    login: Login,
    dev_worker: None,
    gateway: str,
    session_factory,
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    await login("leader", Role.LEADER, "tj")
    hotline = await login("hotline", Role.UNIT, "tj.rsj")
    hooked = await client.put(
        "/api/v1/units/tj.rsj/webhook", json={"url": gateway, "secret": "s" * 24}, headers=office
    )
    assert hooked.status_code == 200
    # received 12 working days ago: accept within 5, so even accountability (5 working days
    # past that) has lapsed, while the close limit (60) is so far off that not even its
    # reminder (3 working days before) is due: exactly the accept ladder fires
    today, working = machine_today(), WorkingCalendar()
    received = working.add_working_days(today, -12)
    accept = working.add_working_days(received, 5)
    assert working.add_working_days(accept, 5) < today
    assert working.add_working_days(working.add_working_days(received, 60), -3) > today
    old = clue("GJ-OVERDUE", received_at=received_on(received, 9, 0))
    answer = await client.post("/api/v1/cases", json=old, headers=hotline)
    assert answer.status_code == 201, answer.text
    assert answer.json()["accept_deadline"] == accept.isoformat()

    async def delivered() -> bool:
        async with session_factory() as session:
            rows = (await session.scalars(select(WebhookDelivery))).all()
        return len(rows) == 4 and all(r.status == "delivered" for r in rows)

    await eventually(delivered)
    events = [json.loads(body)["event"] for _, body in Receiver.received]
    assert sorted(events) == sorted(f"case.escalation_{s}" for s in STEPS)
    async with session_factory() as session:
        told = (await session.execute(select(Notification.username, Notification.kind))).all()
    kinds: dict[str, set[str]] = {}
    for username, kind in told:
        kinds.setdefault(username, set()).add(kind.removeprefix("escalation_"))
    assert {"remind", "warn"} <= kinds["hotline"]  # the unit: remind and warn
    assert kinds["office"] & set(STEPS) == {"warn", "supervise", "accountability"}
    assert kinds["leader"] & set(STEPS) == {"supervise", "accountability"}
