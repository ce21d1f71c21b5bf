"""黑名单 in the browser: a unit proposes an enterprise from the case ledger, the office lists it,
the unit proposes its removal; a leader reads and proposes nothing."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.cases_data import clue
from tests.api.conftest import Login
from tests.web.conftest import SignIn, has_horizontal_scroll
from tests.web.forms import open_page, settled, snap


async def test_a_unit_proposes_and_the_office_decides(
    sign_in: SignIn, live_url: str, login: Login, client: httpx.AsyncClient, dev_worker: None
) -> None:
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    await login("office", Role.OFFICE, "tj.office")
    await login("leader", Role.LEADER, "tj")
    assert (
        await client.post("/api/v1/cases", json=clue("GJ-BL-WEB"), headers=unit)
    ).status_code == 201

    leader = await sign_in("leader")
    await open_page(leader, live_url, "/blacklist")
    await leader.click("text=用人单位")
    await leader.locator("tr.enterprise-row").first.wait_for()
    assert "提出列入黑名单" not in await leader.inner_text("tr.enterprise-row")

    page = await sign_in("rsj")
    await open_page(page, live_url, "/blacklist")
    await page.click("text=用人单位")
    row = page.locator("tr.enterprise-row").first
    await row.wait_for()
    assert "天津某劳务有限公司" in await row.inner_text() and "未列入" in await row.inner_text()
    await row.locator("text=提出列入黑名单").click()
    await page.fill("#propose-listing-reason", "经责令限期支付仍拒不支付")
    await page.locator("[data-action='propose-listing'] button[type=submit]").click()
    await page.wait_for_selector("tr.enterprise-row:has-text('拟列入，待审批')")
    await snap(page, "blacklist-enterprises-desk")
    await page.click("text=黑名单记录")
    entry = page.locator("tr.entry-row").first
    await entry.wait_for()
    assert "拟列入，待审批" in await entry.inner_text()
    await entry.locator("text=记录").click()  # nothing for a unit to decide
    await page.wait_for_selector(".el-dialog .history")
    assert await page.locator(".el-dialog .action-form").count() == 0

    office = await sign_in("office")
    await open_page(office, live_url, "/blacklist")
    await office.locator("tr.entry-row").first.locator("text=办理").click()
    await office.fill("#decide-listing-reason", "同意列入")
    await office.locator("[data-action='decide-listing'] button[type=submit]").click()
    await office.wait_for_selector("tr.entry-row:has-text('已列入')")

    await page.reload()
    await page.locator("tr.entry-row:has-text('已列入') >> text=办理").click()
    await page.fill("#propose-removal-reason", "已全额支付并完成整改")
    await page.locator("[data-action='propose-removal'] button[type=submit]").click()
    await page.wait_for_selector("tr.entry-row:has-text('拟移出，待审批')")
    await page.locator("tr.entry-row >> text=记录").click()
    history = await page.inner_text(".el-dialog .history")
    assert "提出列入" in history and "批准列入" in history and "提出移出" in history
    assert "同意列入" in history
    await snap(page, "blacklist-entry-desk")

    phone = await sign_in("office", phone=True)
    await open_page(phone, live_url, "/blacklist")
    await phone.locator(".entry-card").first.wait_for()
    await settled(phone)
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "blacklist-phone")
    await phone.locator(".entry-card >> text=办理").click()
    await phone.wait_for_selector("[data-action='decide-removal']")
    await settled(phone)
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "blacklist-decision-phone")
