"""通知 and 报告 in the browser: an urging the office sends arrives as an unread notification that
opens its task; a district files a 零报告 after the refusal, and downloads the weekly bulletin the
office produced from the page."""

from __future__ import annotations

from pathlib import Path

import httpx
import openpyxl
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.units.roles import Role
from tests.api.campaign_helpers import start_campaign, wait_until_launched
from tests.api.conftest import Login, StartTask
from tests.web.conftest import SignIn, go_to, has_horizontal_scroll, screenshot


async def choose(page: Page, select: str, option: str) -> None:
    """Pick an option of an Element Plus select by its text, as a person does."""
    await page.click(f".el-select:has({select})")
    await page.locator(".el-select-dropdown__item:visible", has_text=option).click()


async def go(page: Page, section: str) -> None:
    await page.locator(".aside .el-menu-item", has_text=section).click()


async def test_an_urging_arrives_unread_and_opens_its_task(
    sign_in: SignIn, login: Login, start_task: StartTask, client: httpx.AsyncClient
) -> None:
    first = await start_task("tj.rsj", title="广泛宣传")
    second = await start_task("tj.rsj", title="严密排查")
    office_headers = await login("office-web", Role.OFFICE, "tj.office")
    await login("rsj-web", Role.UNIT, "tj.rsj")
    office = await sign_in("office-web")
    await go_to(office, "tasks")
    await office.locator(f"a.task-link[data-task-id='{first}']:visible").click()
    await office.click("#action-urge")
    await office.fill("#reason-text", "请于本周五前报送宣传台账")
    await office.click("#action-submit")
    await expect(office.locator(".history")).to_contain_text("请于本周五前报送宣传台账")
    urged = await client.post(f"/api/v1/tasks/{second}/urge", json={}, headers=office_headers)
    assert urged.status_code == 201

    page = await sign_in("rsj-web")
    await go(page, "通知")
    await expect(page.locator("#unread-count")).to_have_text("2 条未读")
    await expect(page.locator(".day-title")).to_have_text(["今天"])
    notes = page.locator("button.note")
    await expect(notes).to_have_count(2)
    assert await page.locator("button.note.unread").count() == 2
    newest, older = notes.nth(0), notes.nth(1)
    await expect(newest).to_contain_text("【催办】严密排查")
    await expect(older).to_contain_text("请于本周五前报送宣传台账（期限 ")
    assert "tj." not in await page.locator("main").inner_text()  # names, not codes
    await screenshot(page, "notifications-desk")
    await older.click()
    await expect(page.locator("#task-title")).to_have_text("广泛宣传")
    await expect(page.locator(".history")).to_contain_text("催办")
    await go(page, "通知")
    await expect(page.locator("#unread-count")).to_have_text("1 条未读")
    assert await page.locator("button.note.unread").count() == 1
    await expect(page.locator("button.note.unread")).to_contain_text("严密排查")

    phone = await sign_in("rsj-web", phone=True)
    await phone.goto(phone.url.split("#")[0] + "#/notifications")
    await expect(phone.locator("button.note")).to_have_count(2)
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "notifications-phone")


async def test_a_district_files_a_nil_report_and_downloads_the_weekly_bulletin(
    sign_in: SignIn,
    login: Login,
    client: httpx.AsyncClient,
    dev_worker: None,
    session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    office_headers = await login("office-web", Role.OFFICE, "tj.office")
    await login("hp-web", Role.DISTRICT, "tj.hp")
    created = await start_campaign(client, office_headers, "pian1-tianjin-winter")
    await wait_until_launched(session_factory, created["id"], created["task_count"])

    office = await sign_in("office-web")
    await go(office, "报告")
    await choose(office, "#produce-duty", "各区建筑工人管理服务平台三率每周通报")
    await office.click("#produce-now")
    await expect(office.locator(".el-message")).to_contain_text("报告已生成")
    listed = await client.get(
        "/api/v1/reports", params={"duty_key": "weekly-bulletin"}, headers=office_headers
    )
    [report] = listed.json()["items"]
    row = office.locator("tr.report-row", has=office.locator(f"[data-report-id='{report['id']}']"))
    await expect(row).to_contain_text("各区建筑工人管理服务平台三率每周通报")
    await screenshot(office, "reports-desk")

    task_id = f"task:{created['id']}:report.phase-progress:tj.hp"
    page = await sign_in("hp-web")
    await go_to(page, "tasks")
    await page.fill("input[aria-label='搜索任务名称']", "阶段进展")
    await expect(page.locator("a.task-link:visible")).to_have_count(1)
    await page.locator(f"a.task-link[data-task-id='{task_id}']:visible").click()
    await page.click("#action-complete")
    assert await page.locator("#complete-nil").count() == 1
    await page.click("#action-submit")  # neither a report nor 零报告: refused, in Chinese
    await expect(page.locator("#action-error")).to_contain_text("零报告")
    await expect(page.locator(".el-form-item__error")).to_contain_text(["明确零报告"])
    await page.click("label:has(#complete-nil)")
    await page.click("#action-submit")
    await expect(page.locator("#task-status")).to_have_text("已完成")
    await expect(page.locator("#task-result")).to_contain_text("零报告")

    await go(page, "报告")
    assert await page.locator("#produce-now").count() == 0  # the office's button only
    title = page.locator(f".report-title[data-report-id='{report['id']}']:visible")
    assert (await title.inner_text()).startswith("各区建筑工人管理服务平台")
    district_row = page.locator("tr.report-row", has=title)
    async with page.expect_download() as waiting:
        await district_row.get_by_role("button", name="表格 xlsx").click()
    saved = tmp_path / "bulletin.xlsx"
    await (await waiting.value).save_as(saved)
    assert openpyxl.load_workbook(saved).sheetnames[:2] == ["总体情况", "各区排名"]
    assert (await waiting.value).suggested_filename.startswith(
        "各区建筑工人管理服务平台三率每周通报（"
    )

    phone = await sign_in("hp-web", phone=True)
    await phone.goto(phone.url.split("#")[0] + "#/reports")
    await expect(phone.locator(".report-card")).not_to_have_count(0)
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "reports-phone")
