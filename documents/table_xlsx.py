"""The one table writer of every workbook (台账导出 and the report's tables and summary).

What Excel needs to work with a table: Chinese headers in bold on a grey band, repeated on every
printed page and frozen on screen; money (Decimal) as numbers with two decimals and rates
(`Rate`) as fractions in a percent format, so both sort and sum; dates and instants as real dates;
thin borders around every cell; widths from the longest text (a Chinese character counts twice);
a filter on the header row; A4, fit to the page's width (landscape for a wide table), centred.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.escalation import SHANGHAI

BOLD = Font(bold=True)
MONEY = "#,##0.00"
PERCENT = "0.0%"
DAY = "yyyy-mm-dd"
MINUTE = "yyyy-mm-dd hh:mm"
SHEET_TITLE_MAX = 31  # Excel's limit
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BAND = PatternFill("solid", fgColor="D9D9D9")
WIDE = 8  # columns beyond which a table prints landscape
MAX_WIDTH = 60  # characters: longer text wraps in its cell


@dataclass(frozen=True)
class Rate:
    """A percent with one decimal (66.7 means 66.7%); None when there is nothing to count."""

    percent: Decimal | None

    def __str__(self) -> str:
        return "—" if self.percent is None else f"{self.percent}%"


def _width(value: object) -> int:
    text = str(value) if value is not None else ""
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    longest = max((line for line in text.splitlines()), key=len, default="")
    return sum(2 if ord(char) > 0x2E7F else 1 for char in longest)


def _cell_value(value: object) -> tuple[object, str | None]:
    """The value Excel stores and its number format."""
    if isinstance(value, Rate):
        return (None, None) if value.percent is None else (value.percent / 100, PERCENT)
    if isinstance(value, Decimal):
        return value, MONEY
    if isinstance(value, datetime):
        local = value.astimezone(SHANGHAI) if value.tzinfo is not None else value
        return local.replace(tzinfo=None), MINUTE  # Excel has no zones: Beijing time
    if isinstance(value, date):
        return value, DAY
    return value, None


def print_setup(sheet: Worksheet, columns: int, header_rows: int = 1) -> None:
    """A4, every column on the page's width, the header repeated on each page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if columns > WIDE else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    if header_rows:
        sheet.print_title_rows = f"1:{header_rows}"


def add_table(
    book: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    sheet: Worksheet | None = None,
) -> Worksheet:
    """Onto `sheet` (a new one by default) with the given title."""
    target = sheet or book.create_sheet()
    target.title = title[:SHEET_TITLE_MAX]
    widths = [_width(h) for h in headers]
    target.append(list(headers))
    for cell in target[1]:
        cell.font, cell.fill, cell.border = BOLD, BAND, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        values = [_cell_value(v) for v in row]
        target.append([v for v, _ in values])
        for cell, (_, number_format), raw in zip(target[target.max_row], values, row, strict=True):
            cell.border = BOX
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            if number_format is not None:
                cell.number_format = number_format
            if isinstance(raw, Rate) and raw.percent is None:
                cell.value = "—"
                cell.alignment = Alignment(horizontal="center", vertical="center")
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]
    for index, width in enumerate(widths, start=1):
        target.column_dimensions[get_column_letter(index)].width = min(max(8, width + 2), MAX_WIDTH)
    target.freeze_panes = "A2"
    if target.max_row > 1:
        target.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{target.max_row}"
    print_setup(target, len(headers))
    return target


def add_lines(sheet: Worksheet, title: str, lines: Sequence[str]) -> None:
    """A sheet of sentences (a bulletin's 总体情况): the first in bold, each in one wide cell."""
    sheet.title = title[:SHEET_TITLE_MAX]
    for line in lines:
        sheet.append([line])
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 100
    print_setup(sheet, 1, header_rows=0)


def table_workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A workbook of one table."""
    book = Workbook()
    add_table(book, title, headers, rows, sheet=book.active)
    return workbook_bytes(book)


def workbook_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
