"""隐患 in the browser: a unit registers a hazard found in screening, gives it its 五个一 and 四包,
resolves it, and the office checks it (回头看); the list filters, pages and exports."""

from __future__ import annotations

import httpx

from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from tests.api.conftest import Login
from tests.api.test_hazards import INTAKE
from tests.polling import eventually
from tests.scenario_dates import machine_today
from tests.web.conftest import SignIn, has_horizontal_scroll
from tests.web.forms import choose, expand, offered_names, open_page, settled, snap, submit


async def test_a_unit_registers_plans_and_resolves_a_hazard(
    sign_in: SignIn, live_url: str, login: Login, dev_worker: None
) -> None:
    await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    await login("leader", Role.LEADER, "tj")
    page = await sign_in("hp-rsj")
    await open_page(page, live_url, "/hazards")
    await page.click("#register-hazard")
    await page.fill("#register-hazard-employer-name", "天津某建筑劳务有限公司")
    await page.fill("#register-hazard-project", "和平区某安置房")
    await choose(page, "#register-hazard-risk", "高")
    await page.fill("#register-hazard-description", "总包拖欠工程款，11 月工资可能无法按时发放")
    await page.locator("[data-action='register-hazard'] button[type=submit]").click()
    district = page.locator(".el-form-item:has(#register-hazard-district) .el-form-item__error")
    await district.wait_for()  # no district chosen: refused under its field
    await choose(page, "#register-hazard-district", "和平区")
    await page.locator("[data-action='register-hazard'] button[type=submit]").click()
    await page.wait_for_selector("#hazard-status:has-text('待落实五个一')")
    assert await offered_names(page) == ["plan"]

    deadline = WorkingCalendar().add_working_days(machine_today(), 10).isoformat()
    await expand(page, "plan")
    await page.fill("#plan-five_ones-plan", "约谈建设单位，督促拨付人工费")
    await page.fill("#plan-five_ones-leader", "副区长")
    await page.fill("#plan-five_ones-team", "区人社局、区住建委")
    await page.fill("#plan-five_ones-deadline", deadline)
    await page.keyboard.press("Enter")
    for key, unit in (
        ("investigate", "区人社局"),
        ("handle", "区住建委"),
        ("stabilise", "小白楼街道"),
        ("consolidate", "区人社局"),
    ):
        await page.fill(f"#plan-four_packages-{key}", unit)
    await submit(page, "plan")
    await page.wait_for_selector("#hazard-status:has-text('化解中')")
    five_ones = await page.inner_text("#five-ones")
    assert "副区长" in five_ones and "区人社局、区住建委" in five_ones
    assert await offered_names(page) == ["plan", "resolve"]
    await expand(page, "resolve")
    await submit(page, "resolve")  # without a note: refused under the field, in Chinese
    note = page.locator(".el-form-item:has(#resolve-note) .el-form-item__error")
    await note.wait_for()
    assert await note.inner_text() == "请说明化解情况"
    await page.fill("#resolve-note", "人工费已拨付，工资已发放")
    await submit(page, "resolve")
    await page.wait_for_selector("#hazard-status:has-text('已化解')")
    history = await page.inner_text(".history")
    assert "落实五个一、四包" in history and "人工费已拨付，工资已发放" in history
    assert await offered_names(page) == ["follow_up"]
    await snap(page, "hazard-detail-desk")

    leader = await sign_in("leader")  # leaders read hazards but take no action on them
    await open_page(leader, live_url, "/hazards")
    await leader.locator("tr.hazard-row a").first.click()
    await leader.wait_for_selector("#hazard-status:has-text('已化解')")
    assert await offered_names(leader) == []
    await leader.wait_for_selector("#no-actions")

    phone = await sign_in("hp-rsj", phone=True)
    await open_page(phone, live_url, "/hazards")
    await phone.locator(".hazard-card a").first.click()
    await phone.wait_for_selector("#hazard-status")
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "hazard-detail-phone")


async def test_the_hazard_list_filters_pages_and_exports(
    sign_in: SignIn, live_url: str, login: Login, client: httpx.AsyncClient, dev_worker: None
) -> None:
    unit = await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    for n in range(22):
        body = {
            **INTAKE,
            "risk": "low" if n == 0 else "high",
            "employer": {"name": f"天津某公司{n:02d}"},
        }
        assert (await client.post("/api/v1/hazards", json=body, headers=unit)).status_code == 201

    async def listed() -> bool:
        return (await client.get("/api/v1/hazards", headers=unit)).json()["total"] == 22

    await eventually(listed)
    page = await sign_in("hp-rsj")
    await open_page(page, live_url, "/hazards")
    await page.wait_for_selector("tr.hazard-row")
    await settled(page)
    assert await page.locator("tr.hazard-row").count() == 20
    assert "共 22 条" in await page.inner_text(".pager")
    await snap(page, "hazards-desk")
    await page.locator(".pager .number", has_text="2").click()
    await page.wait_for_function("document.querySelectorAll('tr.hazard-row').length === 2")
    await choose(page, "[aria-label='风险等级']", "风险低")
    await page.wait_for_function("document.querySelectorAll('tr.hazard-row').length === 1")
    assert "天津某公司00" in await page.inner_text("tr.hazard-row")
    async with page.expect_download() as downloading:
        await page.click("#export-hazards")
    assert (await downloading.value).suggested_filename.startswith("隐患台账-")
    linked = await sign_in("hp-rsj")  # as the dashboard links it: filtered by the address
    await open_page(linked, live_url, "/hazards?risk=low&district=tj.hp")
    await linked.wait_for_selector("tr.hazard-row")
    await settled(linked)
    assert await linked.locator("tr.hazard-row").count() == 1
    phone = await sign_in("hp-rsj", phone=True)
    await open_page(phone, live_url, "/hazards")
    await phone.locator(".hazard-card").first.wait_for()
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "hazards-phone")
