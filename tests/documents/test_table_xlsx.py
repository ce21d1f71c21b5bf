"""The one table writer: typed cells, borders, frozen header, print setup, columns past Z."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl

from documents.table_xlsx import Rate, table_workbook


def test_cells_are_typed_and_the_sheet_prints_on_a4() -> None:
    headers = ["区", "金额（元）", "结案率", "截止日期", "记录时间"] + [
        f"指标{i}" for i in range(25)
    ]
    row = ["和平区", Decimal("1200000.00"), Rate(Decimal("66.7")), date(2026, 12, 2),
           datetime(2026, 12, 2, 2, 0, tzinfo=UTC), *range(25)]  # fmt: skip
    empty = ["河西区", Decimal("0.00"), Rate(None), date(2026, 12, 3), None, *range(25)]
    sheet = openpyxl.load_workbook(io.BytesIO(table_workbook("台账", headers, [row, empty]))).active
    b2, c2, d2, e2 = sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"]
    assert (b2.value, b2.number_format) == (1200000, "#,##0.00")
    assert (c2.value, c2.number_format) == (0.667, "0.0%")  # a number Excel sorts and sums
    assert sheet["C3"].value == "—"  # nothing to count: no number
    assert (d2.value, d2.number_format) == (datetime(2026, 12, 2), "yyyy-mm-dd")
    assert e2.value == datetime(2026, 12, 2, 10, 0)  # shown in Beijing time
    assert all(c.border.left.style == "thin" for c in sheet[2])
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["AD"].width > 0  # the 30th column, past Z
    assert sheet.auto_filter.ref == "A1:AD3"
    setup = sheet.page_setup
    assert (int(setup.paperSize), setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
        int(sheet.PAPERSIZE_A4),
        "landscape",
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"  # the header on every printed page
