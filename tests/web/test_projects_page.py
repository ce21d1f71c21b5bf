"""工程项目与指标 in the browser: a district registers and corrects its project, uploads the
week's sheets — a bad row is shown with its row, column and reason and nothing is saved — and
reads the rates and the district totals; a member unit reads without upload or edit buttons."""

from __future__ import annotations

from datetime import timedelta

from playwright.async_api import FilePayload, Page

from domain.units.roles import Role
from tests.api.conftest import Login
from tests.scenario_dates import machine_today, monday_of
from tests.spreadsheets import xlsx_bytes
from tests.web.conftest import SignIn, has_horizontal_scroll
from tests.web.forms import choose, open_page, snap

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LAST_MONDAY = monday_of(machine_today()) - timedelta(days=7)  # the week the page opens on


def sheet(header: tuple[str, ...], *rows: tuple[object, ...]) -> FilePayload:
    return FilePayload(name="周指标.xlsx", mimeType=XLSX, buffer=xlsx_bytes([header, *rows]))


async def cells(page: Page, selector: str) -> list[list[str]]:
    return [
        [await cell.inner_text() for cell in await row.locator("td").all()]
        for row in await page.locator(selector).all()
    ]


async def test_a_district_registers_a_project_and_uploads_its_week(
    sign_in: SignIn, live_url: str, login: Login
) -> None:
    await login("hp", Role.DISTRICT, "tj.hp")
    await login("zjw", Role.UNIT, "tj.zjw")
    page = await sign_in("hp")
    await open_page(page, live_url, "/projects")
    await page.click("#new-project")
    await page.fill("#edit-project-code", "JZ-2026-001")
    await page.fill("#edit-project-name", "和平区某小区二期")
    await choose(page, "#edit-project-project_type", "政府投资项目")
    assert await page.inner_text(".el-select:has(#edit-project-district)") == "和平区"  # its own
    await page.locator("[data-action='edit-project'] button[type=submit]").click()
    row = page.locator("tr.project-row").first
    await row.wait_for()
    assert "和平区某小区二期" in await row.inner_text() and "政府投资项目" in await row.inner_text()
    await row.locator("text=修改").click()
    assert await page.is_disabled("#edit-project-code")
    await page.fill("#edit-project-general_contractor", "某建工集团")
    await page.locator("[data-action='edit-project'] button[type=submit]").click()
    await page.wait_for_selector("tr.project-row:has-text('某建工集团')")
    await snap(page, "projects-desk")

    await page.click("text=区级周指标")
    week = await page.inner_text(".el-select:has(#week)")
    assert week == f"{LAST_MONDAY.year}年{LAST_MONDAY.month}月{LAST_MONDAY.day}日起一周"
    await page.set_input_files("#district-sheet", files=[sheet(
        ("区", "指标", "分子", "分母"),
        ("和平区", "实名制更新率", 187, 200),
        ("和平区", "项目经理到岗率", 30, 20),
    )])  # fmt: skip
    await page.wait_for_selector("tr.row-error")
    assert await cells(page, "tr.row-error") == [["第 3 行", "分子", "分子 30 大于分母 20"]]
    assert "未保存任何数据" in await page.inner_text(".upload-error")
    assert await page.locator("tr.indicator-row").count() == 0
    await snap(page, "indicators-refused-desk")
    await page.set_input_files("#district-sheet", files=[sheet(
        ("区", "指标", "分子", "分母"),
        ("和平区", "实名制更新率", 187, 200),
        ("和平区", "项目经理到岗率", 2, 3),
    )])  # fmt: skip
    await page.wait_for_selector("text=已保存 2 行")
    # the week's table is read again after the save: wait for it rather than for the message
    await page.wait_for_function("document.querySelectorAll('tr.indicator-row').length === 2")
    assert await cells(page, "tr.indicator-row") == [
        ["和平区", "项目经理到岗率", "2 / 3", "66.7%"],
        ["和平区", "实名制更新率", "187 / 200", "93.5%"],
    ]

    await page.click("text=项目指标")
    await page.set_input_files("#project-sheet", files=[sheet(
        ("项目编码", "指标", "分子", "分母"),
        ("JZ-9", "实名制考勤率", 30, 32),
    )])  # fmt: skip
    await page.wait_for_selector("tr.row-error:visible")
    assert await cells(page, "tr.row-error:visible") == [
        ["第 2 行", "项目编码", "未知的项目编码：「JZ-9」"]
    ]
    await page.set_input_files("#project-sheet", files=[sheet(
        ("项目编码", "指标", "分子", "分母"),
        ("JZ-2026-001", "实名制考勤率", 30, 32),
        ("JZ-2026-001", "工资保证金", 1, 1),
    )])  # fmt: skip
    await page.wait_for_selector("tr.project-indicator-row")
    assert await page.locator("tr.project-indicator-row").count() == 2
    await page.click("text=各区汇总")
    total = page.locator("tr.total-row", has_text="实名制考勤率")
    await total.wait_for()
    assert await total.locator("td").all_inner_texts() == [
        "和平区",
        "8个100%",
        "实名制考勤率",
        "1",
        "30 / 32",
        "93.8%",
    ]
    await snap(page, "indicator-totals-desk")

    unit = await sign_in("zjw")
    await open_page(unit, live_url, "/projects")
    await unit.locator("tr.project-row").first.wait_for()
    assert await unit.locator("#new-project").count() == 0
    assert "修改" not in await unit.inner_text("tr.project-row")
    await unit.click("text=区级周指标")
    await unit.locator("tr.indicator-row").first.wait_for()
    assert await unit.locator("#district-sheet").count() == 0

    phone = await sign_in("hp", phone=True)
    await open_page(phone, live_url, "/projects")
    await phone.locator(".project-card").first.wait_for()
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "projects-phone")
    await phone.click("text=区级周指标")
    await phone.set_input_files("#district-sheet", files=[sheet(
        ("区", "指标", "分子", "分母"), ("河西区", "实名制更新率", 1, 2),
    )])  # fmt: skip
    await phone.locator(".row-error-card").first.wait_for()  # another district's row: refused
    assert "只能报送本区" in await phone.inner_text(".row-error-card")
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "indicators-refused-phone")
