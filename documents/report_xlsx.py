"""The report as a workbook: a summary sheet, then one sheet per table (the bulletin's annexes)."""

from __future__ import annotations

from openpyxl import Workbook

from documents.report_tables import tables
from documents.report_text import heading, next_steps, overview
from documents.table_xlsx import add_lines, add_table, workbook_bytes
from domain.reports.figures import ReportFigures


def report_xlsx(f: ReportFigures) -> bytes:
    book = Workbook()
    lines = [heading(f), f"发布单位：{f.issuer}", *overview(f), "下步工作", *next_steps(f)]
    add_lines(book.active, "总体情况", lines)
    for table in tables(f):
        add_table(book, table.title, table.headers, table.rows)
    return workbook_bytes(book)
