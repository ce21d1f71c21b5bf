"""专项行动 in the browser: the office previews a template's start, sees the phases and the task
count the API previews, starts it and closes it with a confirmation; a refused start day is
explained next to the field; a district sees the list without the office's buttons."""

from __future__ import annotations

from datetime import timedelta

import httpx
from playwright.async_api import Page

from domain.units.roles import Role
from tests import scenario_dates as sd
from tests.api.campaign_helpers import (
    default_start,
    load_units,
    start_campaign,
    wait_until_launched,
)
from tests.api.conftest import Login
from tests.web.conftest import SignIn, go_to, has_horizontal_scroll, screenshot

TEMPLATE = "pian5-hongqiao-winter"  # three overlapping phases: the preview lists each


async def _open(sign_in: SignIn, username: str, *, phone: bool = False) -> Page:
    page = await sign_in(username, phone=phone)
    await go_to(page, "campaigns")
    await page.locator("h2:has-text('专项行动')").wait_for()
    return page


async def _choose(page: Page, template_title: str, start: str) -> None:
    await page.locator(".el-select", has=page.locator("#start-template")).click()
    await page.locator(".el-select-dropdown__item", has_text=template_title).click()
    date = page.locator("#start-date")
    await date.fill(start)
    await date.press("Enter")


async def test_the_office_previews_starts_and_closes_a_campaign(
    sign_in: SignIn, client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    await load_units(session_factory, "units-hongqiao.yaml")
    office = await login("office", Role.OFFICE, "tj.office")
    start = default_start(TEMPLATE).isoformat()
    expected = (
        await client.post(
            "/api/v1/campaigns/preview", json={"template": TEMPLATE, "start": start}, headers=office
        )
    ).json()
    page = await _open(sign_in, "office")
    await _choose(page, expected["title"], start)
    await page.click("#preview-button")
    preview = page.locator("#campaign-preview")
    await preview.wait_for()
    assert await page.inner_text("#preview-task-count") == str(expected["task_count"])
    phases = [await row.inner_text() for row in await page.locator(".preview-phase").all()]
    assert len(phases) == len(expected["phases"]) == 3
    for shown, phase in zip(phases, expected["phases"], strict=True):
        assert phase["name"] in shown and shown.endswith(str(phase["task_count"]))
    await screenshot(page, "campaigns-preview-desk")
    await page.click("#start-button")
    row = page.locator("tr.campaign-row", has_text=expected["title"])
    await row.wait_for()
    progress = (await client.get("/api/v1/dashboard/campaigns", headers=office)).json()
    [started] = [p["campaign_id"] for p in progress["items"]]
    detail = (await client.get(f"/api/v1/campaigns/{started}", headers=office)).json()
    assert (detail["title"], detail["task_count"]) == (expected["title"], expected["task_count"])
    await row.locator(".campaign-close").click()
    await page.fill("#close-reason", "上级部署调整")
    await page.click("#close-confirm")
    await page.locator(".el-message", has_text="已提交结束").wait_for()
    await row.locator("td", has_text="已结束").wait_for()  # once the workflow has closed it
    assert await row.locator(".campaign-close").count() == 0
    await screenshot(page, "campaigns-desk")
    phone = await _open(sign_in, "office", phone=True)
    await phone.locator(".campaign-card").first.wait_for()
    assert not await has_horizontal_scroll(phone)
    await screenshot(phone, "campaigns-phone")


async def test_a_refused_start_day_is_explained_by_the_field(
    sign_in: SignIn, client: httpx.AsyncClient, login: Login
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    plans = (await client.get("/api/v1/plans", headers=office)).json()
    title = next(p["title"] for p in plans["items"] if p["key"] == "pian1-tianjin-winter")
    page = await _open(sign_in, "office")
    far = (sd.machine_today() + timedelta(days=400)).isoformat()
    await _choose(page, title, far)
    await page.click("#preview-button")
    error = page.locator(".el-form-item__error", has_text="晚于今天一年以上")
    await error.wait_for()
    assert far in await error.inner_text()
    assert await page.locator("#campaign-preview").count() == 0


async def test_a_district_sees_progress_but_not_the_office_buttons(
    sign_in: SignIn, client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    await login("hp", Role.DISTRICT, "tj.hp")
    created = await start_campaign(client, office, "pian1-tianjin-winter")
    await wait_until_launched(session_factory, created["id"], created["task_count"])
    page = await _open(sign_in, "hp")
    row = page.locator("tr.campaign-row", has_text=created["title"])
    await row.wait_for()
    assert await page.locator("#preview-button").count() == 0
    assert await row.locator(".campaign-close").count() == 0
    await row.locator(".campaign-open").click()
    drawer = page.locator(".el-drawer.open")
    await drawer.locator("tr.detail-unit").first.wait_for()
    assert "和平区" in await drawer.inner_text()
    assert "河西区" not in await drawer.inner_text()  # its own territory only
    await screenshot(page, "campaigns-district-desk")
