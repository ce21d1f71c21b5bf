"""What the web page may offer: each account's actions on a case or a hazard, as the workflow's
own rules answer for its current state."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.cases_data import clue
from tests.api.conftest import Login
from tests.api.test_hazards import INTAKE, plan
from tests.polling import eventually


async def test_a_case_offers_each_account_only_what_it_may_do_now(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    handler = await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    district = await login("hp", Role.DISTRICT, "tj.hp")
    office = await login("office", Role.OFFICE, "tj.office")
    leader = await login("leader", Role.LEADER, "tj")
    case_id = (await client.post("/api/v1/cases", json=clue("GJ-OFFER-1"), headers=hotline)).json()[
        "id"
    ]
    path = f"/api/v1/cases/{case_id}"

    async def offered(headers: dict[str, str]) -> list[str]:
        answer = await client.get(f"{path}/actions", headers=headers)
        assert answer.status_code == 200, answer.text
        actions: list[str] = answer.json()["actions"]
        return actions

    assert await offered(hotline) == ["route", "accept", "escalate"]
    assert await offered(leader) == ["escalate"]
    assert await offered(office) == ["route", "accept", "escalate"]
    await client.post(f"{path}/route", json={"unit": "tj.hp.rsj"}, headers=hotline)
    assert await offered(handler) == ["accept", "return", "escalate"]
    assert await offered(district) == ["accept", "return", "escalate"]  # the district above
    await client.post(f"{path}/accept", json={"reason": "属地受理"}, headers=handler)
    await client.post(f"{path}/verify", json={"workers": 8, "amount": "96000.00"}, headers=handler)
    assert "close" in await offered(handler)  # offered while owed: its refusal says why
    await client.post(
        f"{path}/payments", json={"amount": "96000.00", "payer": "employer"}, headers=handler
    )
    paid = await offered(handler)
    assert "payment" not in paid and "close" in paid
    await client.post(f"{path}/close", json={"reason": "工资已全部支付"}, headers=handler)
    assert await offered(handler) == ["follow_up"]
    assert await offered(hotline) == []  # no longer its case to act on


async def test_case_actions_refusals(client: httpx.AsyncClient, login: Login) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    other = await login("hx-rsj", Role.UNIT, "tj.hx.rsj")
    missing = await client.get("/api/v1/cases/case:none:x/actions", headers=hotline)
    assert (missing.status_code, missing.json()["error"]["message"]) == (
        404,
        "案件 case:none:x 不存在",
    )
    assert (await client.get("/api/v1/cases/case:none:x/actions")).status_code == 401
    assert (await client.get("/api/v1/cases/case:none:x/actions", headers=other)).status_code == 404


async def test_another_units_case_is_refused(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    other = await login("hx-rsj", Role.UNIT, "tj.hx.rsj")
    case_id = (await client.post("/api/v1/cases", json=clue("GJ-OFFER-2"), headers=hotline)).json()[
        "id"
    ]
    refused = await client.get(f"/api/v1/cases/{case_id}/actions", headers=other)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"].endswith("不属于您的单位")


async def test_a_hazard_offers_its_next_step_to_its_unit_only(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    unit = await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    other = await login("hx-rsj", Role.UNIT, "tj.hx.rsj")
    leader = await login("leader", Role.LEADER, "tj")
    hazard_id = (await client.post("/api/v1/hazards", json=INTAKE, headers=unit)).json()["id"]
    path = f"/api/v1/hazards/{hazard_id}"

    async def recorded() -> bool:
        return (await client.get(path, headers=unit)).status_code == 200

    await eventually(recorded)
    assert (await client.get(f"{path}/actions", headers=unit)).json() == {"actions": ["plan"]}
    assert (await client.get(f"{path}/actions", headers=leader)).json() == {"actions": []}
    await client.post(f"{path}/plan", json=plan(), headers=unit)
    assert (await client.get(f"{path}/actions", headers=unit)).json() == {
        "actions": ["plan", "resolve"]
    }
    assert (await client.get(f"{path}/actions", headers=other)).status_code == 403
    assert (
        await client.get("/api/v1/hazards/hazard:none/actions", headers=unit)
    ).status_code == 404
    assert (await client.get(f"{path}/actions")).status_code == 401
