"""The office's 督办清单 and 账号管理 in the browser; a unit sees neither."""

from __future__ import annotations

from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from tests.api.conftest import Login, StartTask
from tests.polling import eventually
from tests.scenario_dates import machine_today
from tests.web.conftest import SignIn, has_horizontal_scroll, screenshot


async def test_the_office_sees_a_supervised_task_by_unit_and_leader(
    sign_in: SignIn, login: Login, start_task: StartTask, client
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    await login("leader", Role.LEADER, "tj")
    overdue = WorkingCalendar().add_working_days(machine_today(), -7)
    task_id = await start_task("tj.rsj", deadline=overdue)

    async def supervised() -> bool:
        rows = (await client.get("/api/v1/supervision", headers=office)).json()["items"]
        return {r["action"] for r in rows} == {"supervise", "accountability"}

    await eventually(supervised)
    page = await sign_in("office")
    await page.get_by_role("menuitem", name="督办清单").first.click()
    rows = page.locator("tr.supervised-task")
    await rows.first.wait_for()
    assert await rows.count() == 2
    text = await rows.first.inner_text()
    assert "市人社局" in text and "leader" in text and "tj.rsj" not in text
    await screenshot(page, "supervision-desk")
    await rows.first.get_by_role("link").click()
    await page.wait_for_url(f"**/#/tasks/{task_id}")
    phone = await sign_in("office", phone=True)
    await phone.goto(phone.url.split("#")[0] + "#/supervision")
    await phone.locator(".cards .el-card").first.wait_for()
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "supervision-phone")


async def test_the_office_creates_an_account_and_a_taken_name_is_refused(
    sign_in: SignIn, login: Login
) -> None:
    await login("office", Role.OFFICE, "tj.office")
    page = await sign_in("office")
    await page.get_by_role("menuitem", name="账号管理").first.click()
    await page.locator("tr.account-row").first.wait_for()
    await page.click("#new-account")
    await page.fill("#account-username", "hx-clerk")
    await page.fill("#account-display-name", "王小明")
    await page.click("#account-unit")
    await page.get_by_role("option", name="河西区").first.click()
    await page.fill("#account-password", "a long enough password")
    await page.click("#account-submit")
    await page.wait_for_selector("#account-saved:has-text('已创建账号 hx-clerk')")
    row = page.locator("tr.account-row", has_text="hx-clerk")
    assert "王小明" in await row.inner_text() and "河西区" in await row.inner_text()
    await page.click("#new-account")
    await page.fill("#account-username", "hx-clerk")
    await page.fill("#account-password", "a long enough password")
    await page.click("#account-submit")
    await page.wait_for_selector(".el-form-item__error:has-text('用户名 hx-clerk 已存在')")
    await screenshot(page, "accounts-desk")


async def test_a_unit_sees_neither_office_section(sign_in: SignIn, login: Login) -> None:
    await login("rsj-web", Role.UNIT, "tj.rsj")
    page = await sign_in("rsj-web")
    menu = page.get_by_role("navigation", name="主菜单")
    await menu.get_by_role("menuitem", name="任务").wait_for()
    assert await menu.get_by_role("menuitem", name="督办清单").count() == 0
    assert await menu.get_by_role("menuitem", name="账号管理").count() == 0
