"""案件台账 in the browser: the list with filters from the address, a case taken through its
workflow by the right accounts (closing refused in Chinese while unpaid), and what each account
is not offered."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import httpx
from openpyxl import load_workbook

from domain.units.roles import Role
from tests.api.cases_data import clue
from tests.api.conftest import Login
from tests.web.conftest import SignIn, has_horizontal_scroll
from tests.web.forms import (
    action,
    choose,
    expand,
    offered,
    offered_names,
    open_page,
    snap,
    submit,
)


async def register(
    client: httpx.AsyncClient, headers: dict[str, str], external_id: str, **changes: object
) -> str:
    answer = await client.post("/api/v1/cases", json=clue(external_id, **changes), headers=headers)
    assert answer.status_code == 201, answer.text
    case_id: str = answer.json()["id"]
    return case_id


async def test_a_case_is_routed_accepted_verified_paid_and_closed_only_when_paid(
    sign_in: SignIn, live_url: str, login: Login, client: httpx.AsyncClient, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    case_id = await register(client, hotline, "GJ-WEB-1")
    page = await sign_in("rsj")
    await open_page(page, live_url, "/cases")
    row = page.locator("tr.case-row").first
    await row.wait_for()
    assert "天津某劳务有限公司" in await row.inner_text() and "和平区" in await row.inner_text()
    await row.locator("a.record-link").click()
    await page.wait_for_selector("#case-status:has-text('已登记')")
    assert await offered_names(page) == ["route", "accept", "escalate"]
    await expand(page, "route")  # the step the case waits for is open
    await choose(page, "#route-unit", "和平区人社局")
    await submit(page, "route")
    await page.wait_for_selector("#case-status:has-text('已分派')")
    await page.wait_for_selector("#no-actions")  # routed on, the receiver has nothing left to do
    assert await offered(page).count() == 0

    handler = await sign_in("hp-rsj")
    await open_page(handler, live_url, f"/cases/{case_id}")
    await expand(handler, "accept")
    assert await offered_names(handler) == ["accept", "return", "escalate"]
    await handler.fill("#accept-reason", "属地受理")
    await submit(handler, "accept")
    await handler.wait_for_selector("#case-status:has-text('核实中')")
    await expand(handler, "verify")
    assert "payment" not in await offered_names(handler)
    assert await handler.input_value("#verify-amount") == "96000.00"  # the claim, to confirm
    await submit(handler, "verify")
    await handler.wait_for_selector("#case-status:has-text('化解中')")
    await expand(handler, "payment")
    await handler.fill("#payment-amount", "60000.00")
    await choose(handler, "#payment-payer", "总包代发")
    await submit(handler, "payment")
    await handler.wait_for_selector("#paid:has-text('60,000.00 元')")
    assert await handler.inner_text("#owed") == "36,000.00 元"
    await expand(handler, "close")
    await handler.fill("#close-reason", "办结")
    await submit(handler, "close")
    refusal = action(handler, "close").locator(".refusal")
    await refusal.wait_for()
    assert "尚欠 36,000.00 元未支付，不能办结（不解决不销账）" in await refusal.inner_text()
    assert await handler.inner_text("#case-status") == "化解中"
    await snap(handler, "case-detail-refused-desk")

    await expand(handler, "payment")
    assert await handler.input_value("#payment-amount") == "36000.00"  # what is still owed
    await choose(handler, "#payment-payer", "工资保证金支付")
    await submit(handler, "payment")
    await handler.wait_for_selector("#paid:has-text('96,000.00 元')")
    assert await handler.inner_text("#owed") == "0.00 元"
    await expand(handler, "close")
    await handler.fill("#close-reason", "工资全部支付到位")
    await submit(handler, "close")
    await handler.wait_for_selector("#case-status:has-text('已办结')")
    assert await offered_names(handler) == ["follow_up"]
    history = await handler.inner_text(".history")
    for step in ("登记", "分派", "受理", "核实", "支付", "办结"):
        assert step in history
    assert "分派至 和平区人社局" in history
    assert "13912345678" in await handler.inner_text("tr.party-row")  # it handles the case
    await snap(handler, "case-detail-desk")


async def test_each_account_sees_only_what_it_may_do_and_parties_are_masked(
    sign_in: SignIn, live_url: str, login: Login, client: httpx.AsyncClient, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    await login("leader", Role.LEADER, "tj")
    await login("office", Role.OFFICE, "tj.office")
    case_id = await register(client, hotline, "GJ-WEB-2")
    leader = await sign_in("leader")
    await open_page(leader, live_url, f"/cases/{case_id}")
    await expand(leader, "escalate")
    assert await offered_names(leader) == ["escalate"]  # a leader only escalates
    await leader.wait_for_selector("#masked-note")
    parties = await leader.inner_text("tr.party-row")
    assert "李**" in parties and "139****5678" in parties and "13912345678" not in parties

    office = await sign_in("office")
    await open_page(office, live_url, f"/cases/{case_id}")
    await expand(office, "route")
    # the office may route, but no extension is pending for it to decide
    assert "decide_extension" not in await offered_names(office)
    # by keyboard: a folded action opens with Enter, and its fields follow in tab order
    await office.focus("[data-action-item='accept'] .el-collapse-item__header")
    await office.keyboard.press("Enter")
    await action(office, "accept").locator("button[type=submit]").wait_for(state="visible")
    await office.keyboard.press("Tab")
    assert await office.evaluate("document.activeElement.id") == "accept-reason"
    phone = await sign_in("leader", phone=True)
    await open_page(phone, live_url, f"/cases/{case_id}")
    await expand(phone, "escalate")
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "case-detail-phone")


async def test_the_list_reads_its_filters_from_the_address_and_exports_them(
    sign_in: SignIn, live_url: str, login: Login, client: httpx.AsyncClient, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    await register(client, hotline, "GJ-WEB-3")
    await register(client, hotline, "GJ-WEB-4", district="tj.hx", sector="餐饮服务")
    page = await sign_in("rsj")
    await open_page(page, live_url, "/cases?district=tj.hx&sector=餐饮服务")
    await page.wait_for_selector("tr.case-row")
    rows = page.locator("tr.case-row")
    assert await rows.count() == 1
    assert "河西区" in await rows.first.inner_text()
    assert "共 1 条" in await page.inner_text(".pager")
    async with page.expect_download() as downloading:
        await page.click("#export-cases")
    exported = await downloading.value
    assert exported.suggested_filename.startswith("欠薪案件台账-")
    content = await asyncio.to_thread(Path(await exported.path()).read_bytes)
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert [r[2] for r in list(sheet.iter_rows(values_only=True))[1:]] == ["GJ-WEB-4"]
    await page.click("text=清除筛选")
    await page.wait_for_function("document.querySelectorAll('tr.case-row').length === 2")
    await snap(page, "cases-desk")
    phone = await sign_in("rsj", phone=True)
    await open_page(phone, live_url, "/cases")
    await phone.locator(".case-card").first.wait_for()
    assert await phone.locator(".case-card").count() == 2
    assert not await has_horizontal_scroll(phone)
    await phone.click(".filter-toggle")  # the filters fold at phone width
    await phone.wait_for_selector("form.toolbar", state="visible")
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "cases-phone")


async def test_registering_a_case_by_hand_shows_each_refusal_under_its_field(
    sign_in: SignIn, live_url: str, login: Login, dev_worker: None
) -> None:
    await login("rsj", Role.UNIT, "tj.rsj")
    page = await sign_in("rsj")
    await open_page(page, live_url, "/cases")
    await page.click("#register-case")
    await page.fill("#reg-name-0", "王建军")
    await page.fill("#reg-phone-0", "13700001111")
    await page.fill("#reg-workers", "6")
    await page.fill("#reg-amount", "12.345")
    await page.fill("#reg-employer", "天津某装饰工程有限公司")
    await page.fill("#reg-uscc", "91120101MA05K2XQ30")
    await choose(page, "#reg-sector", "工程建设")
    await choose(page, "#reg-district", "和平区")
    await page.fill("#reg-description", "6 名工人反映装修工程款结算后工资未发")
    await page.click("#register-submit")
    amount = page.locator(".el-form-item:has(#reg-amount) .el-form-item__error")
    await amount.wait_for()
    assert await amount.inner_text() == "最多 2 位小数"
    uscc = page.locator(".el-form-item:has(#reg-uscc) .el-form-item__error")
    assert await uscc.inner_text() == "统一社会信用代码校验位不正确"
    await snap(page, "case-register-refused-desk")
    await page.fill("#reg-amount", "48000.00")
    await page.fill("#reg-uscc", "91120101MA05K2XQ3E")
    await page.click("#register-submit")
    await page.wait_for_selector("#case-status:has-text('已登记')")
    assert "天津某装饰工程有限公司" in await page.inner_text(".facts")
    assert "48,000.00 元" in await page.inner_text(".facts")
    phone = await sign_in("rsj", phone=True)
    await open_page(phone, live_url, "/cases/new")
    await phone.wait_for_selector("#register-submit")
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "case-register-phone")
    await snap(page, "case-registered-desk")


async def test_the_office_decides_an_extension_request_on_the_page(
    sign_in: SignIn, live_url: str, login: Login, client: httpx.AsyncClient, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    await login("office", Role.OFFICE, "tj.office")
    case_id = await register(client, hotline, "GJ-WEB-5")
    base = f"/api/v1/cases/{case_id}"
    await client.post(f"{base}/accept", json={"reason": "本单位受理"}, headers=hotline)
    asked = await client.post(
        f"{base}/extension-requests", json={"reason": "涉及工程结算，需延期"}, headers=hotline
    )
    assert asked.status_code == 201, asked.text
    page = await sign_in("office")
    await open_page(page, live_url, f"/cases/{case_id}")
    form = await expand(page, "decide_extension")  # the step the case waits for
    await form.get_by_text("不同意", exact=True).click()
    await submit(page, "decide_extension")
    refusal = form.locator(".refusal")
    await refusal.wait_for()  # refusing needs a reason: the API says so beside the button
    assert "不同意延期时须说明理由" in await refusal.inner_text()
    await form.get_by_text("同意延期", exact=True).click()
    await submit(page, "decide_extension")
    await page.wait_for_selector(".history:has-text('延期已批准')")
    assert "decide_extension" not in await offered_names(page)
