"""A district uploads a clue file with bad rows: the valid rows are registered, and each bad row's
problem is listed by its Excel row and column."""

from __future__ import annotations

from playwright.async_api import FilePayload

from domain.units.roles import Role
from tests.api.conftest import Login
from tests.api.test_case_imports import HEADER, ROWS
from tests.spreadsheets import xlsx_bytes
from tests.web.conftest import SignIn, has_horizontal_scroll
from tests.web.forms import open_page, snap

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def clue_file() -> FilePayload:
    """The API test's rows under numbers of their own: a clue's workflow id outlives a test
    (the ledger is emptied, Temporal's ended workflows stay), so shared numbers would be
    answered as registered before."""
    rows = [HEADER.split(","), *(row.replace("GJ-IMP-", "GJ-WEB-IMP-").split(",") for row in ROWS)]
    return FilePayload(name="线索导出.xlsx", mimeType=XLSX, buffer=xlsx_bytes(rows))


async def test_a_district_sees_each_bad_rows_row_and_column(
    sign_in: SignIn, live_url: str, login: Login, dev_worker: None
) -> None:
    await login("hp", Role.DISTRICT, "tj.hp")
    page = await sign_in("hp")
    await open_page(page, live_url, "/cases")
    await page.click("#import-cases")
    await page.set_input_files("#clue-file", files=[clue_file()])
    await page.wait_for_selector("#import-status:has-text('导入完成')")
    counts = [
        await page.inner_text(f"#count-{n}") for n in ("total", "valid", "registered", "existing")
    ]
    assert counts == ["4", "2", "2", "0"]
    assert await page.inner_text("#count-errors") == "2"
    errors = [
        [await cell.inner_text() for cell in await row.locator("td").all()]
        for row in await page.locator("tr.row-error").all()
    ]
    assert {(row, column) for row, column, _ in errors} == {
        ("第 3 行", "欠薪金额"), ("第 5 行", "统一社会信用代码"), ("第 5 行", "所属区"),
    }  # fmt: skip
    reasons = {column: reason for _, column, reason in errors}
    assert "火星区" in reasons["所属区"]
    await snap(page, "case-import-desk")

    phone = await sign_in("hp", phone=True)
    await open_page(phone, live_url, "/cases/import")
    await phone.set_input_files("#clue-file", files=[clue_file()])
    await phone.wait_for_selector("#import-status:has-text('导入完成')")
    assert (
        await phone.inner_text("#count-existing") == "2"
    )  # the same clues are not registered twice
    assert await phone.locator(".row-error-card").count() == 3
    assert not await has_horizontal_scroll(phone)
    await snap(phone, "case-import-phone")


async def test_a_file_that_cannot_be_read_is_refused_as_a_whole(
    sign_in: SignIn, live_url: str, login: Login
) -> None:
    await login("hp", Role.DISTRICT, "tj.hp")
    page = await sign_in("hp")
    await open_page(page, live_url, "/cases/import")
    wrong = FilePayload(name="线索.pdf", mimeType="application/pdf", buffer=b"%PDF-1.4")
    await page.set_input_files("#clue-file", files=[wrong])
    await page.wait_for_selector("#import-error:has-text('仅支持 .xlsx 或 .csv 文件')")
    assert await page.locator("#import-result").count() == 0
