"""The one table writer of every workbook (台账导出 and the report's tables).

Chinese headers in bold, money (Decimal) as numbers with two decimals so it can be summed and
sorted, dates as real dates, widths from the headers, the header row frozen.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

BOLD = Font(bold=True)
MONEY = "#,##0.00"
SHEET_TITLE_MAX = 31  # Excel's limit


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
    target.append(list(headers))
    for cell in target[1]:
        cell.font = BOLD
    for row in rows:
        target.append(list(row))
        for cell in target[target.max_row]:
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY
    for index, header in enumerate(headers, start=1):
        target.column_dimensions[get_column_letter(index)].width = max(12, len(header) * 2 + 4)
    target.freeze_panes = "A2"
    return target


def table_workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A workbook of one table."""
    book = Workbook()
    add_table(book, title, headers, rows, sheet=book.active)
    return workbook_bytes(book)


def workbook_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
