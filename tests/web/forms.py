"""Driving the workspace's Element Plus forms as a person does: by labels, names and clicks."""

from __future__ import annotations

from playwright.async_api import Locator, Page

from tests.web.conftest import screenshot


def action(page: Page, name: str) -> Locator:
    """An action's form (components/ActionForm.vue) by the action's name."""
    return page.locator(f".action-form[data-action='{name}']")


def offered(page: Page) -> Locator:
    """The actions the panel offers (components/ActionPanel.vue), open or folded."""
    return page.locator("[data-action-item]")


async def offered_names(page: Page) -> list[str]:
    """The actions offered once the panel has heard from the API."""
    await page.wait_for_selector(".action-panel[aria-busy=false]")
    return [str(await item.get_attribute("data-action-item")) for item in await offered(page).all()]


async def expand(page: Page, name: str) -> Locator:
    """Unfold an action of the panel (one is open at a time) and give its form."""
    header = page.locator(f"[data-action-item='{name}'] .el-collapse-item__header")
    if await header.get_attribute("aria-expanded") != "true":
        await header.click()
    form = action(page, name)
    await form.locator("button[type=submit]").wait_for(state="visible")
    return form


async def choose(page: Page, field: str, option: str) -> None:
    """Pick the option of an Element Plus select whose text is exactly `option`."""
    await page.locator(f".el-select:has({field})").click()
    await page.locator(".el-select-dropdown__item:visible").get_by_text(option, exact=True).click()


async def submit(page: Page, name: str) -> None:
    await action(page, name).locator("button[type=submit]").click()


async def open_page(page: Page, live_url: str, path: str) -> None:
    """A page of the signed-in workspace by its hash route (/#/cases/…)."""
    await page.goto(f"{live_url}/#{path}")


async def settled(page: Page) -> None:
    """Every table has finished loading (no loading mask left on the page)."""
    await page.wait_for_function("!document.querySelector('.el-loading-mask')")


async def snap(page: Page, name: str) -> None:
    """A screenshot once the tables have loaded (screenshot() lets transitions finish)."""
    await settled(page)
    await screenshot(page, name)
