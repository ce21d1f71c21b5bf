"""The report as a workbook: a summary sheet, then one sheet per table, Chinese headers."""

from __future__ import annotations

from openpyxl import Workbook

from documents.report_tables import tables
from documents.report_text import heading, next_steps, overview
from documents.table_xlsx import BOLD, add_table, workbook_bytes
from domain.reports.figures import ReportFigures


def report_xlsx(f: ReportFigures) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "总体情况"
    summary.append([heading(f)])
    summary["A1"].font = BOLD
    summary.append([f"发布单位：{f.issuer}"])
    for line in overview(f):
        summary.append([line])
    summary.append(["下步工作"])
    for line in next_steps(f):
        summary.append([line])
    summary.column_dimensions["A"].width = 120
    for table in tables(f):
        add_table(book, table.title, table.headers, table.rows)
    return workbook_bytes(book)
