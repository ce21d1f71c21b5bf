"""我的包案督办 in the browser: a case above the major-case threshold goes to a leader, who finds
it in their queue with its step and deadline; tasks under their 督办 are listed beside it."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.cases_data import clue
from tests.api.conftest import Login
from tests.api.dashboard_data import seed_dashboard
from tests.polling import eventually
from tests.web.conftest import SignIn, go_to, has_horizontal_scroll, screenshot


async def test_a_leader_sees_a_major_case_and_their_supervised_task(
    sign_in: SignIn, client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    hotline = await login("hotline", Role.UNIT, "tj.rsj")
    wang = await login("wang", Role.LEADER, "tj")
    await seed_dashboard(session_factory)  # wang supervises task a2 (3 days overdue)
    major = clue("GJ-MAJOR-WEB", workers_affected=56, amount_claimed="1680000.00")
    registered = await client.post("/api/v1/cases", json=major, headers=hotline)
    assert registered.status_code == 201 and registered.json()["major"] is True

    async def queued() -> bool:  # the leader is named when the case's workflow records it
        mine = await client.get("/api/v1/leader/cases", headers=wang)
        return mine.json()["total"] == 1

    await eventually(queued)
    page = await sign_in("wang")
    assert await page.locator(".el-menu-item", has_text="我的包案督办").count() == 1
    await go_to(page, "leader")
    row = page.locator("tr.leader-case", has_text=registered.json()["case_number"])
    await row.wait_for()
    shown = await row.inner_text()
    assert "天津某劳务有限公司" in shown and "和平区" in shown and "168.00 万元" in shown
    assert "涉及 56 人（≥30 人）" in shown
    task = page.locator("tr.leader-task", has_text="任务a2")
    assert "逾期 3 天" in await task.inner_text()
    assert "督办" in await task.inner_text()
    assert await page.inner_text("#leader-case-total") == "1 件"
    await screenshot(page, "leader-desk")
    phone = await sign_in("wang", phone=True)
    await go_to(phone, "leader")
    await phone.locator(".cards .leader-card").first.wait_for()
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "leader-phone")
