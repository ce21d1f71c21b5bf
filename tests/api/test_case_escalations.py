"""A case's time limits walk the ladder end to end: each step reaches the recipients the ladder
names (unit, its head, office, leader) and the responsible unit's webhook, signed and retried."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import select

from domain.roles import Role
from ledger.notifications_table import Notification, WebhookDelivery
from tests.api.cases_data import clue
from tests.api.conftest import Login, Receiver
from tests.polling import eventually

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
    # received 11-09: accept by 11-16, so even accountability (+5 working days, 11-23) is due
    old = clue("GJ-OVERDUE", received_at="2026-11-09T09:00:00+08:00")
    answer = await client.post("/api/v1/cases", json=old, headers=hotline)
    assert answer.status_code == 201, answer.text

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
