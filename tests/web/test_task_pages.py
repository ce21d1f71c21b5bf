"""The task inbox and a task's detail in the browser, against the real API, ledger and workflows:
completing (a note; an overdue task's figures and an uploaded file), an extension the office
approves, and the actions each role is offered."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.tasks.figures import FigureField
from domain.units.accounts import AccountCreate
from domain.units.roles import Role
from ledger.units import accounts
from tests import scenario_dates as sd
from tests.api.conftest import PASSWORD, Login, StartTask
from tests.polling import eventually
from tests.web.conftest import SignIn, go_to, has_horizontal_scroll, screenshot

FIELDS = (
    FigureField(key="enterprises-screened", label="排查企业", unit="家"),
    FigureField(key="arrears-cleared", label="清偿拖欠工程款", unit="万元"),
)
ACTION_BUTTONS = ".actions button"


async def open_task(page: Page, task_id: str) -> None:
    """From the inbox, as a person does: the task's title is a link."""
    if "#/tasks" not in page.url:
        await go_to(page, "tasks")
    await page.locator(f"a.task-link[data-task-id='{task_id}']:visible").click()
    await page.wait_for_selector("#task-title")


async def buttons(page: Page) -> list[str]:
    return [text.strip() for text in await page.locator(ACTION_BUTTONS).all_inner_texts()]


async def test_a_unit_completes_its_task_with_a_note(
    sign_in: SignIn, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.rsj")
    await login("rsj-web", Role.UNIT, "tj.rsj")
    page = await sign_in("rsj-web")
    row = page.locator("tr.task-row", has=page.locator(f"a[data-task-id='{task_id}']"))
    assert await row.locator(".status").inner_text() == "待办"
    assert await row.locator(".unit").inner_text() == "市人社局"  # names, not codes
    await open_task(page, task_id)
    await page.click("#action-complete")
    await page.fill("#complete-note", "已在全区开展宣传 12 场")
    await page.click("#action-submit")
    await expect(page.locator("#task-status")).to_have_text("已完成")
    await expect(page.locator(".el-message")).to_contain_text("已提交")
    await expect(page.locator("#task-result")).to_contain_text("已在全区开展宣传 12 场")
    assert await page.locator(ACTION_BUTTONS).count() == 0  # nobody acts on a finished task
    await page.click("text=← 返回任务列表")
    await expect(row.locator(".status")).to_have_text("已完成")


async def overdue_with_its_ladder(
    start_task: StartTask,
    client: httpx.AsyncClient,
    session_factory: async_sessionmaker[AsyncSession],
    headers: dict[str, str],
) -> str:
    """A task seven working days late, asking for figures and a file, once every rung of the
    ladder has fired; 督办 names the leader, who has a name."""
    async with session_factory() as session, session.begin():
        await accounts.create(
            session=session,
            spec=AccountCreate(
                username="wang", password=PASSWORD, role=Role.LEADER, display_name="王明"
            ),
        )
    task_id = await start_task(
        "tj.rsj",
        deadline=sd.nth_working_day(sd.machine_today(), -7),
        title="严密排查欠薪隐患",
        description="聚焦重点地区、行业、企业、项目排查化解隐患；隐患建立台账，已排除的“回头看”。",
        deliverables=("note", "figures", "files"),
        figure_fields=FIELDS,
    )

    async def laddered() -> bool:
        answer = await client.get(f"/api/v1/tasks/{task_id}", headers=headers)
        return len(answer.json()["escalations"]) == 4

    await eventually(laddered)
    return task_id


async def test_a_unit_completes_an_overdue_task_with_figures_and_a_file(
    sign_in: SignIn,
    login: Login,
    start_task: StartTask,
    client: httpx.AsyncClient,
    session_factory: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    headers = await login("rsj-web", Role.UNIT, "tj.rsj")
    task_id = await overdue_with_its_ladder(start_task, client, session_factory, headers)
    page = await sign_in("rsj-web")
    await page.click("label:has(#filter-overdue)")
    link = page.locator(f"a.task-link[data-task-id='{task_id}']:visible")
    await link.wait_for()
    await screenshot(page, "tasks-inbox-desk")
    await open_task(page, task_id)
    await expect(page.locator("#task-overdue")).to_have_text("已逾期")
    await expect(page.locator("#task-description")).to_contain_text("回头看")
    ladder = page.locator("tr.escalation-row")
    assert await ladder.count() == 4
    assert "王明" in await ladder.nth(2).inner_text()  # 督办: the leader by name
    await screenshot(page, "task-detail-desk")
    phone = await sign_in("rsj-web", phone=True)
    await open_task(phone, task_id)
    await expect(phone.locator(".escalation-card")).to_have_count(4)
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "task-detail-phone")

    await page.click("#action-complete")
    await page.fill("#complete-note", "排查企业 12 家，督促清偿 3.5 万元")
    await page.fill("#figure-enterprises-screened", "12")
    await page.click("#action-submit")  # a figure and the file missing: refused, by field
    await expect(page.locator("#action-error")).to_contain_text("缺少应交内容：附件（attachments）")
    await expect(page.locator(".el-form-item__error").first).to_contain_text("缺少附件")
    ledger = tmp_path / "排查台账.csv"
    ledger.write_text("企业,隐患\n甲公司,0\n", encoding="utf-8")
    await page.set_input_files(".el-dialog input[type=file]", str(ledger))
    await expect(page.locator(".uploaded-file")).to_contain_text("排查台账.csv")
    await page.click("#action-submit")
    await expect(page.locator("#action-error")).to_contain_text("请填写清偿拖欠工程款")
    await expect(page.locator(".el-form-item__error")).to_have_text(["请填写清偿拖欠工程款"])
    await page.fill("#figure-arrears-cleared", "3.50")
    await screenshot(page, "task-complete-desk")
    await page.click("#action-submit")
    await expect(page.locator("#task-status")).to_have_text("已完成")
    result = page.locator("#task-result")
    await expect(result).to_contain_text("排查企业")
    await expect(result).to_contain_text("3.50 万元")
    await expect(result).to_contain_text("附件：排查台账.csv")
    await page.go_back()  # the overdue list as it was left: the task has left it
    await expect(page.locator("#filter-overdue")).to_be_checked()
    await expect(page.locator(".el-table__empty-text")).to_have_text("没有符合条件的任务")
    assert await link.count() == 0


async def test_the_office_approves_an_extension_and_the_deadline_moves(
    sign_in: SignIn, login: Login, start_task: StartTask
) -> None:
    deadline = sd.nth_working_day(sd.machine_today(), 10)  # no reminder before the decision
    wanted = deadline + timedelta(days=14)
    task_id = await start_task("tj.rsj", deadline=deadline)
    await login("rsj-web", Role.UNIT, "tj.rsj")
    await login("office-web", Role.OFFICE, "tj.office")
    unit = await sign_in("rsj-web")
    await open_task(unit, task_id)
    await unit.click("#action-request_extension")
    await unit.fill("#extension-date", wanted.isoformat())
    await unit.keyboard.press("Enter")
    await unit.fill("#extension-reason", "在建项目多，排查需延期两周")
    await unit.click("#action-submit")
    await expect(unit.locator("#pending-request")).to_contain_text("在建项目多")
    assert "申请延期" not in await buttons(unit)  # one request at a time

    office = await sign_in("office-web")
    await open_task(office, task_id)
    chinese = f"{wanted.year}年{wanted.month}月{wanted.day}日"
    await expect(office.locator("#pending-request")).to_contain_text(f"申请延期至 {chinese}")
    await office.click("#action-decide_extension")
    await office.fill("#decision-reason", "同意")
    await office.click("#action-submit")
    await expect(office.locator("#task-deadline")).to_have_text(chinese)
    assert await office.locator("#pending-request").count() == 0
    await expect(office.locator(".history")).to_contain_text("批准延期")
    await unit.reload()
    await expect(unit.locator("#task-deadline")).to_have_text(chinese)


async def test_each_role_is_offered_only_what_it_may_do(
    sign_in: SignIn, login: Login, start_task: StartTask
) -> None:
    task_id = await start_task("tj.hp", lead_unit="tj.rsj", title="强化预警")
    await login("hp-web", Role.DISTRICT, "tj.hp")
    await login("rsj-web", Role.UNIT, "tj.rsj")
    await login("office-web", Role.OFFICE, "tj.office")
    await login("leader-web", Role.LEADER, "tj")
    district = await sign_in("hp-web")
    await open_task(district, task_id)
    assert await buttons(district) == ["办结", "报告进度", "申请延期"]  # no office button
    lead = await sign_in("rsj-web")
    await lead.click("label:has(#filter-led)")  # the measures its unit leads
    await open_task(lead, task_id)
    assert await buttons(lead) == ["催办"]
    office = await sign_in("office-web")
    await open_task(office, task_id)
    assert await buttons(office) == ["办结", "报告进度", "申请延期", "催办", "改派", "撤销"]
    leader = await sign_in("leader-web")
    await open_task(leader, task_id)
    assert await buttons(leader) == []
    await office.click("#action-cancel")
    await office.fill("#reason-text", "措施调整")
    await office.click("#action-submit")
    await expect(office.locator("#task-status")).to_have_text("已撤销")
    assert await buttons(office) == []
    await district.reload()
    await district.wait_for_selector("#task-title")
    assert await buttons(district) == []


async def test_the_inbox_searches_sorts_and_fits_a_phone(
    sign_in: SignIn, login: Login, start_task: StartTask
) -> None:
    today = sd.machine_today()
    screening = await start_task("tj.rsj", title="严密排查", deadline=today + timedelta(days=9))
    publicity = await start_task("tj.rsj", title="广泛宣传", deadline=today + timedelta(days=3))
    await login("rsj-web", Role.UNIT, "tj.rsj")
    page = await sign_in("rsj-web")
    links = page.locator("a.task-link:visible")
    await expect(links).to_have_count(2)
    assert [await a.get_attribute("data-task-id") for a in await links.all()] == [
        publicity,
        screening,
    ]
    await page.locator("th", has_text="截止日期").click()  # sorted by it already: now descending
    await expect(links.first).to_have_attribute("data-task-id", screening)
    await page.fill("input[aria-label='搜索任务名称']", "宣传")
    await expect(links).to_have_count(1)
    await expect(links.first).to_have_attribute("data-task-id", publicity)
    assert "q=" in page.url and "order=desc" in page.url

    phone = await sign_in("rsj-web", phone=True)
    cards = phone.locator(".cards .task-card")
    await expect(cards).to_have_count(2)
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "tasks-inbox-phone")
    await open_task(phone, screening)
    assert not await has_horizontal_scroll(phone)
    await phone.click("#action-complete")
    await phone.wait_for_selector("#complete-note")
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "task-complete-phone")
