"""The task inbox in the browser: sign in, see one's tasks by unit name, at desk and phone width."""

from __future__ import annotations

from playwright.async_api import Browser

from domain.units.roles import Role
from tests.api.conftest import PASSWORD, Login, StartTask
from tests.web.conftest import DESK, SignIn, has_horizontal_scroll, screenshot


async def test_a_wrong_password_is_refused_in_chinese(
    browser: Browser, live_url: str, login: Login
) -> None:
    await login("rsj-web", Role.UNIT, "tj.rsj")
    context = await browser.new_context(viewport=DESK, locale="zh-CN")
    page = await context.new_page()
    await page.goto(live_url)
    await page.fill("#username", "rsj-web")
    await page.fill("#password", "wrong password")
    await page.click("#login-button")
    await page.wait_for_selector("#login-error:has-text('用户名或密码错误')")
    await page.fill("#password", PASSWORD)
    await page.click("#login-button")
    await page.wait_for_selector("#account-name:has-text('rsj-web')")
    await context.close()


async def test_a_unit_sees_its_task_with_names_not_codes(
    sign_in: SignIn, login: Login, start_task: StartTask
) -> None:
    await start_task("tj.rsj")
    await login("rsj-web", Role.UNIT, "tj.rsj")
    page = await sign_in("rsj-web")
    row = page.locator("tr.task-row", has_text="市人社局").first
    await row.wait_for()  # names arrive with the unit list, after the rows
    assert "tj.rsj" not in await row.inner_text()
    await screenshot(page, "tasks-desk")
    phone = await sign_in("rsj-web", phone=True)
    await phone.locator(".cards .el-card").first.wait_for()
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "tasks-phone")
