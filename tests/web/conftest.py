"""The web workspace in real headless Chromium (Debian's package) against the real stack.

Pages are the built web/dist served by the API on a free port; every screenshot is written to
test-artifacts/web/ so a reader can look at each page at desk and phone width.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.async_api import Browser, Page, ViewportSize, async_playwright

from launcher.ports import free_port
from tests.api import conftest as api_fixtures
from tests.api.conftest import PASSWORD
from tests.polling import eventually

CHROMIUM = os.environ.get("QINGLING_CHROMIUM", "/usr/bin/chromium")
# No background traffic: the machine (like a government intranet) has no internet.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
DESK = ViewportSize(width=1366, height=768)
PHONE = ViewportSize(width=390, height=844)

SignIn = Callable[..., Awaitable[Page]]

# The API's fixtures, shared with the pages' tests.
settings = api_fixtures.settings
app = api_fixtures.app
client = api_fixtures.client
seeded = api_fixtures.seeded
login = api_fixtures.login
start_task = api_fixtures.start_task


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


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as p:
        chromium = await p.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        await chromium.close()


@pytest.fixture
async def sign_in(browser: Browser, live_url: str) -> AsyncIterator[SignIn]:
    """A fresh browser context per account, signed in through the login page.

    Every request the page makes is checked to stay on the API's own origin.
    """
    contexts = []
    requested: list[str] = []

    async def open_as(username: str, *, phone: bool = False) -> Page:
        context = await browser.new_context(
            viewport=PHONE if phone else DESK, locale="zh-CN", accept_downloads=True
        )
        contexts.append(context)
        page = await context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        await page.goto(live_url)
        await page.fill("#username", username)
        await page.fill("#password", PASSWORD)
        await page.click("#login-button")
        await page.wait_for_selector("#account-name")
        return page

    yield open_as
    for context in contexts:
        await context.close()
    assert all(url.startswith(live_url) for url in requested), requested


# Transitions (a dialog fading in, a tag zooming in) finish before the picture; endless ones
# (a spinner) are given a second.
SETTLED = """Promise.race([
  Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
  new Promise((done) => setTimeout(done, 1000)),
])"""


async def go_to(page: Page, route: str) -> None:
    """Open a page of the workspace by its hash route (`tasks`, `dashboard?campaign=…`): each
    role lands on its first section (the office on the dashboard), not always the inbox."""
    await page.goto(page.url.split("#")[0] + f"#/{route}")


async def screenshot(page: Page, name: str) -> None:
    """Written for people to look at; the folder is ignored by git."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.evaluate(SETTLED)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def has_horizontal_scroll(page: Page) -> bool:
    width: bool = await page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    return width
