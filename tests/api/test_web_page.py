"""The web page in real headless Chromium: sign in, complete a task (or file a 零报告), download a
report."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import openpyxl
import pytest
import uvicorn
from fastapi import FastAPI
from playwright.async_api import async_playwright

from domain.units.roles import Role
from launcher.ports import free_port
from tests.api.campaign_helpers import start_campaign, wait_until_launched
from tests.api.conftest import PASSWORD, Login, StartTask
from tests.polling import eventually

CHROMIUM = os.environ.get("QINGLING_CHROMIUM", "/usr/bin/chromium")
# No background traffic: the machine (like a government intranet) has no internet.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
async def live_url(app: FastAPI) -> AsyncIterator[str]:
    """The session's app served over real HTTP on a free port."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    )
    serving = asyncio.create_task(server.serve())
    await eventually(lambda: server.started)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await serving


async def test_unit_completes_its_task_in_the_browser(
    live_url: str, login: Login, start_task: StartTask, tmp_path: Path
) -> None:
    task_id = await start_task("tj.rsj")
    await login("rsj-web", Role.UNIT, "tj.rsj")
    requested: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        page = await browser.new_page()
        page.on("request", lambda request: requested.append(request.url))
        await page.goto(live_url)
        await page.fill("#username", "rsj-web")
        await page.fill("#password", "wrong password")
        await page.click("#login-button")
        await page.wait_for_selector("#login-error:has-text('用户名或密码错误')")
        await page.fill("#password", PASSWORD)
        await page.click("#login-button")
        row = page.locator(f"tr[data-task-id='{task_id}']")
        await row.wait_for()
        assert await row.locator("td.status").inner_text() == "待办"
        assert await row.locator("td").nth(1).inner_text() == "市人社局"  # names, not codes
        await row.get_by_role("button", name="办结").click()
        await page.fill("#action-note", "已在全区开展宣传 12 场")
        await page.click("#action-submit")
        await page.wait_for_selector(f"tr[data-task-id='{task_id}'] td.status:has-text('已完成')")
        assert await page.locator("#action-message").inner_text() == "已提交"
        await page.screenshot(path=str(tmp_path / "tasks.png"), full_page=True)
        await browser.close()
    assert requested and all(url.startswith(live_url) for url in requested), requested


async def test_district_files_a_nil_report_and_downloads_a_bulletin(
    live_url: str, client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory,
    tmp_path: Path,
) -> None:  # fmt: skip
    office = await login("office", Role.OFFICE, "tj.office")
    await login("hp-web", Role.DISTRICT, "tj.hp")
    created = await start_campaign(client, office, "pian1-tianjin-winter")
    await wait_until_launched(session_factory, created["id"], created["task_count"])
    made = await client.post(
        f"/api/v1/campaigns/{created['id']}/reports", json={"duty_key": "weekly-bulletin"},
        headers=office,
    )  # fmt: skip
    assert made.status_code == 201, made.text
    task_id = f"task:{created['id']}:report.phase-progress:tj.hp"
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        page = await browser.new_page()
        await page.goto(live_url)
        await page.fill("#username", "hp-web")
        await page.fill("#password", PASSWORD)
        await page.click("#login-button")
        row = page.locator(f"tr[data-task-id='{task_id}']")
        await row.get_by_role("button", name="办结").click()
        assert await page.locator("#nil-field").is_visible()
        await page.click("#action-submit")  # neither a report nor 零报告: refused, in Chinese
        await page.wait_for_selector("#action-message.error:has-text('零报告')")
        await page.check("#action-nil")
        await page.click("#action-submit")
        await page.wait_for_selector(f"tr[data-task-id='{task_id}'] td.status:has-text('已完成')")
        await page.click("#show-reports")
        report = page.locator(f"tr[data-report-id='{made.json()['id']}']")
        await report.wait_for()
        assert (await report.locator("td").first.inner_text()).startswith(
            "各区建筑工人管理服务平台"
        )
        async with page.expect_download() as waiting:
            await report.get_by_role("button", name="表格 xlsx").click()
        saved = tmp_path / "bulletin.xlsx"
        await (await waiting.value).save_as(saved)
        await browser.close()
    assert openpyxl.load_workbook(saved).sheetnames[:2] == ["总体情况", "各区排名"]
