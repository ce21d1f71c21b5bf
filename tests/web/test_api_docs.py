"""/docs renders FastAPI's OpenAPI 3.1 with Swagger UI 5 from the page's own build."""

from __future__ import annotations

from playwright.async_api import Browser

from tests.web.conftest import DESK


async def test_swagger_ui_renders_every_tag(browser: Browser, live_url: str) -> None:
    context = await browser.new_context(viewport=DESK)
    page = await context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    await page.goto(f"{live_url}/docs")
    await page.locator(".opblock-tag", has_text="欠薪案件").wait_for()
    assert await page.locator(".opblock-tag").count() >= 15
    assert await page.get_by_text("Unable to render this definition").count() == 0
    await context.close()
    assert all(url.startswith(live_url) for url in requested), requested
