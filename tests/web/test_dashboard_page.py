"""驾驶舱 in the browser: every figure the page shows equals the API's, for a real campaign
started from a template with cases registered through the API, and for a ledger with overdue
tasks, escalations, hazards and indicators; a figure opens the list behind it; at phone width
the panels stack without a horizontal scroll."""

from __future__ import annotations

from typing import Any

import httpx

from domain.units.roles import Role
from tests.api.campaign_helpers import start_campaign, wait_until_launched
from tests.api.cases_data import clue
from tests.api.conftest import Login
from tests.api.dashboard_data import CAMPAIGN, seed_dashboard
from tests.polling import eventually
from tests.web.conftest import SignIn, go_to, has_horizontal_scroll, screenshot
from tests.web.dashboard_figures import expected_figures, shown_figures

CLUES = (  # district, sector, workers, amount: two districts, two sectors, one major case
    ("tj.hp", "工程建设", 8, "96000.00"),
    ("tj.hp", "餐饮服务", 3, "12500.50"),
    ("tj.hx", "工程建设", 56, "1800000.00"),
)


async def _board(client: httpx.AsyncClient, headers: dict[str, str], campaign: str) -> Any:
    answer = await client.get("/api/v1/dashboard", params={"campaign": campaign}, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def _open_dashboard(sign_in: SignIn, username: str, campaign: str, *, phone: bool = False):
    page = await sign_in(username, phone=phone)
    await go_to(page, f"dashboard?campaign={campaign}")
    await page.locator('[data-figure="cases.total"]').wait_for()
    return page


async def test_each_figure_equals_the_api_for_a_campaign_started_from_a_template(
    sign_in: SignIn, client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    hotline = await login("hotline", Role.UNIT, "tj.rsj")
    district = await login("hp", Role.DISTRICT, "tj.hp")
    created = await start_campaign(client, office, "pian1-tianjin-winter")
    rows = await wait_until_launched(session_factory, created["id"], created["task_count"])
    done = next(r for r in rows if r.unit_code == "tj.hp" and r.deliverables == ["note"])
    completed = await client.post(
        f"/api/v1/tasks/{done.id}/complete", json={"note": "已完成宣传"}, headers=district
    )
    assert completed.status_code == 200, completed.text
    for n, (place, sector, workers, amount) in enumerate(CLUES):
        body = clue(
            f"GJ-DASH-{n}", district=place, sector=sector, workers_affected=workers,
            amount_claimed=amount,
        )  # fmt: skip
        assert (await client.post("/api/v1/cases", json=body, headers=hotline)).status_code == 201

    async def settled() -> bool:
        board = await _board(client, office, created["id"])
        phases_done = sum(u["completed"] for u in board["campaign"]["units"])
        return board["cases"]["total"] == len(CLUES) and phases_done == 1

    await eventually(settled)
    board = await _board(client, office, created["id"])
    assert board["campaign"]["supervision"]["major_cases"] == 1
    page = await _open_dashboard(sign_in, "office", created["id"])
    await page.locator('[data-figure="unit.tj.hp.completed"]').wait_for(state="attached")
    assert await shown_figures(page) == expected_figures(board)
    assert "tj.hp" not in await page.inner_text("main")  # names, not codes
    await screenshot(page, "dashboard-template-desk")
    phone = await _open_dashboard(sign_in, "office", created["id"], phone=True)
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "dashboard-template-phone")


async def test_a_ledger_with_overdue_work_shows_every_panel_as_the_api_does(
    sign_in: SignIn, client: httpx.AsyncClient, login: Login, session_factory
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    await login("hp", Role.DISTRICT, "tj.hp")
    await seed_dashboard(session_factory)
    page = await _open_dashboard(sign_in, "office", CAMPAIGN)
    assert await shown_figures(page) == expected_figures(await _board(client, office, CAMPAIGN))
    assert await page.locator("#panel-phases .phase-row").count() == 2
    await screenshot(page, "dashboard-desk")
    phone = await _open_dashboard(sign_in, "office", CAMPAIGN, phone=True)
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "dashboard-phone")
    hp = await _open_dashboard(sign_in, "hp", CAMPAIGN)  # a district: its own territory only
    district = await _board(client, await login("hp2", Role.DISTRICT, "tj.hp"), CAMPAIGN)
    assert await shown_figures(hp) == expected_figures(district)
    assert "和平区" in await hp.inner_text(".dash-head")
    await screenshot(hp, "dashboard-district-desk")


async def test_a_click_on_a_figure_opens_the_list_behind_it(
    sign_in: SignIn, login: Login, session_factory
) -> None:
    await login("office", Role.OFFICE, "tj.office")
    await seed_dashboard(session_factory)
    page = await sign_in("office")  # the office's home is the dashboard, on the running campaign
    await page.wait_for_url("**/#/dashboard")
    await page.locator('[data-figure="overdue.total"]').wait_for()
    assert "冬季专项行动" in await page.inner_text(".campaign-pick")
    await page.click('a:has([data-figure="overdue.total"])')
    await page.wait_for_url(f"**/#/tasks?campaign={CAMPAIGN}&overdue=1")
    rows = page.locator("tr.task-row")
    await rows.first.wait_for()
    titles = [(await r.locator("td").first.inner_text()).split("\n")[0] for r in await rows.all()]
    assert sorted(titles) == ["任务a2", "任务b2"]  # the two overdue tasks the figure counts
    await page.go_back()
    await page.click('a:has([data-figure="step.warned"])')
    await page.wait_for_url(f"**/#/tasks?campaign={CAMPAIGN}&escalation=warned")
    await page.locator("tr.task-row", has_text="任务b2").wait_for()
    assert await page.locator("tr.task-row").count() == 1
    await page.go_back()
    await page.locator('[data-figure="cases.district.tj.hp"]').click()
    await page.wait_for_url("**/#/cases?district=tj.hp")
    await page.go_back()
    unit = page.locator("#panel-units a", has_text="河西区")
    await unit.focus()  # by keyboard, as a link
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/#/tasks?campaign={CAMPAIGN}&unit=tj.hx")


async def test_a_member_unit_has_no_dashboard(sign_in: SignIn, login: Login) -> None:
    await login("rsj", Role.UNIT, "tj.rsj")
    page = await sign_in("rsj")
    assert await page.locator(".el-menu-item", has_text="驾驶舱").count() == 0
    await go_to(page, "dashboard")
    await page.locator(
        ".el-alert", has_text="驾驶舱仅限领导小组办公室、领导和区级账号查看"
    ).wait_for()
