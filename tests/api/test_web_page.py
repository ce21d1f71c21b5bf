"""The department's web page in real headless Chromium: sign in, see the task, complete it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.async_api import async_playwright

from domain.roles import Role
from launcher.ports import free_port
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
