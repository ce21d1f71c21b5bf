"""The report as a Chinese bulletin.

Sections: 标题, 总体情况, 各区排名, 逾期未完成单位点名, 重大案件, 下步工作.
"""

from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from documents.report_tables import Table, clues, escalations, major_cases, overdue, rankings
from documents.report_text import heading, next_steps, overview
from domain.reports.figures import ReportFigures

FONT = "仿宋_GB2312"  # the body face of government documents; Word falls back when missing
PRINTED_ROWS = 30  # a bulletin names the first rows; the workbook holds them all


def _table(document: DocumentObject, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = header
    for row in table.rows[:PRINTED_ROWS]:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = f"{value:,.2f}" if isinstance(value, Decimal) else str(value)
    if len(table.rows) > PRINTED_ROWS:
        rest = len(table.rows) - PRINTED_ROWS
        document.add_paragraph(f"另有{rest}条，详见同名表格（.xlsx）“{table.title}”表。")


def report_docx(f: ReportFigures) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    title = document.add_heading(heading(f), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f.issuer).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if f.case is not None:
        case = f.case
        document.add_heading("一、案件基本情况", level=1)
        document.add_paragraph(
            f"{case.district_name}{case.employer}欠薪案件（编号{case.case_number}），涉及劳动者"
            f"{case.workers}人、金额{case.amount:,.2f}元，认定为重大案件（{'；'.join(case.reasons)}），"
            f"包案领导：{case.leader or '待定'}。"
        )
        _table(document, major_cases(f))
        document.add_heading("二、总体情况", level=1)
        for line in overview(f):
            document.add_paragraph(line)
        document.add_heading("三、下步工作", level=1)
    else:
        document.add_heading("一、总体情况", level=1)
        for line in overview(f):
            document.add_paragraph(line)
        if f.clues:
            document.add_paragraph("各区全国根治欠薪线索反映平台线索接收、核处情况如下：")
            _table(document, clues(f))
        document.add_heading("二、各区排名", level=1)
        if f.districts:
            document.add_paragraph("按到期任务按时完成率、案件结案率、周指标平均率依次排序。")
            _table(document, rankings(f))
        else:
            document.add_paragraph("本专项行动范围内无区级单位，不作排名。")
        document.add_heading("三、逾期未完成单位点名", level=1)
        if f.overdue:
            _table(document, overdue(f))
        else:
            document.add_paragraph("本期无逾期未完成任务的单位。")
        if f.escalations:
            document.add_paragraph("本期约谈、通报、问责记录如下：")
            _table(document, escalations(f))
        document.add_heading("四、重大案件", level=1)
        if f.major_cases:
            _table(document, major_cases(f))
        else:
            document.add_paragraph("本期无重大案件。")
        document.add_heading("五、下步工作", level=1)
    for index, line in enumerate(next_steps(f), start=1):
        document.add_paragraph(f"（{index}）{line}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
