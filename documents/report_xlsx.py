"""The report as a workbook: a summary sheet, then one sheet per table, Chinese headers."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from documents.report_tables import tables
from documents.report_text import heading, next_steps, overview
from domain.reports.figures import ReportFigures

BOLD = Font(bold=True)
MONEY = "#,##0.00"


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
        sheet = book.create_sheet(table.title[:31])
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = BOLD
        for row in table.rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, Decimal):
                    cell.number_format = MONEY
        for index, header in enumerate(table.headers):
            sheet.column_dimensions[chr(ord("A") + index)].width = max(12, len(header) * 2 + 4)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
