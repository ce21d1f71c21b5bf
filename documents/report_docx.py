"""The report as a 公文 (GB/T 9704-2012), rendered into a Word template an office can edit.

The template (documents/templates/bulletin.docx, or an installation's own copy) holds the page,
the styles, the 版头 (发文机关标志, 发文字号, red line), 落款, 成文日期 and 版记 (抄送, 印发) as
docxtpl placeholders; this module writes the body — 一、 headings, paragraphs, tables — in the
template's styles and fills the placeholders. Long lists print their first rows; every row is
in the workbook, which the bulletin names as its annex.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Pt
from docxtpl import DocxTemplate

from documents.bulletin_styles import KAI_FONT, TABLE_SIZE, BulletinStyle
from documents.bulletin_tables import (
    PORTRAIT,
    end_section,
    layout,
    printed_table,
    text_width,
    write_table,
)
from documents.report_tables import (
    Table,
    clues,
    major_cases,
    overdue,
    rankings,
    three_rates,
)
from documents.report_text import (
    escalations_text,
    goal,
    hazards,
    heading,
    next_steps,
    overview,
)
from documents.report_text import three_rates as three_rates_text
from domain.reports.figures import MajorCaseRow, ReportFigures
from domain.reports.letterhead import Letterhead

TEMPLATE = Path(__file__).resolve().parent / "templates" / "bulletin.docx"
NUMERALS = "一二三四五六七八九十"
BODY_SIZE = 16.0


class Body:
    """The body as it is written: headings numbered in order, tables on the page they fit."""

    def __init__(self, document: DocumentObject, final_section: object):
        self.document = document
        self.final = final_section
        self.headings = 0
        self.subheadings = 0
        self.landscape = False

    def heading(self, text: str) -> None:
        self._turn(False)
        self.headings += 1
        self.subheadings = 0
        self.document.add_paragraph(
            f"{NUMERALS[self.headings - 1]}、{text}", style=BulletinStyle.HEADING_1
        )

    def subheading(self, text: str) -> None:
        self._turn(False)
        self.subheadings += 1
        self.document.add_paragraph(
            f"（{NUMERALS[self.subheadings - 1]}）{text}", style=BulletinStyle.HEADING_2
        )

    def text(self, line: str) -> None:
        self._turn(False)
        self.document.add_paragraph(line, style="Normal")

    def item(self, index: int, line: str) -> None:
        """（一）… : the number in 楷体, as a second-level heading, the sentence in 仿宋."""
        self._turn(False)
        paragraph = self.document.add_paragraph(style="Normal")
        number = paragraph.add_run(f"（{NUMERALS[(index - 1) % 10]}）")
        number.font.name = KAI_FONT
        number._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), KAI_FONT)
        paragraph.add_run(line)

    def _turn(self, landscape: bool) -> None:
        """Pages turn for a wide table and back for whatever follows it."""
        if landscape != self.landscape:
            end_section(self.document, self.final, landscape=self.landscape)
            self.landscape = landscape

    def table(self, table: Table, caption: str | None = None) -> None:
        shown = printed_table(table)
        size = self.document.styles[BulletinStyle.CELL].font.size
        shape = layout(shown, size.pt if size is not None else TABLE_SIZE)
        self._turn(shape.landscape)
        self.document.add_paragraph(caption or table.title, style=BulletinStyle.CAPTION)
        write_table(self.document, shown, shape)
        if shown.rest > 0:
            self.document.add_paragraph(
                f"另有{shown.rest}条，详见附件表格（.xlsx）“{table.title}”表。",
                style=BulletinStyle.NOTE,
            )

    def close(self) -> None:
        self._turn(False)


def _overview(body: Body, f: ReportFigures) -> None:
    body.heading("总体情况")
    for line in overview(f):
        body.text(line)
    if f.hazards is not None:
        body.subheading("欠薪隐患排查化解")
        body.text(hazards(f.hazards))
    if f.goals:
        body.subheading("目标任务进展")
        for row in f.goals:
            body.text(goal(row))
    if f.clues:
        body.subheading("全国根治欠薪线索反映平台线索核处")
        body.text("本月各区全国根治欠薪线索反映平台线索接收、核处情况如下。")
        body.table(clues(f), "各区全国根治欠薪线索反映平台线索接收、核处情况")


def _districts(body: Body, f: ReportFigures) -> None:
    body.heading("各区排名")
    if not f.districts:
        body.text("本专项行动范围内无区级单位，不作排名。")
        return
    body.text("按到期任务按时完成率、案件结案率、三率平均值依次排序。")
    body.table(rankings(f), "各区任务完成和案件办理情况排名")
    body.text(three_rates_text(f.districts))
    body.table(three_rates(f), "各区建筑工人管理服务平台三率及工程项目制度落实情况")


def _named(body: Body, f: ReportFigures) -> None:
    body.heading("逾期未完成单位点名")
    if f.overdue:
        body.table(overdue(f))
    else:
        body.text("本期无逾期未完成任务的单位。")
    if f.escalations:
        body.text(escalations_text(f.escalations))


def _major(body: Body, f: ReportFigures) -> None:
    body.heading("重大案件")
    if f.major_cases:
        body.table(major_cases(f))
    else:
        body.text("本期无重大案件。")


def _case(body: Body, case: MajorCaseRow) -> None:
    body.heading("案件基本情况")
    body.text(
        f"{case.district_name}{case.employer}欠薪案件（编号{case.case_number}），涉及劳动者"
        f"{case.workers}人、金额{case.amount:,.2f}元，已支付{case.paid:,.2f}元，"
        f"认定为重大案件（{'；'.join(case.reasons)}），包案领导：{case.leader or '待定'}，"
        f"目前{case.status}。"
    )


def _steps(body: Body, f: ReportFigures) -> None:
    body.heading("下步工作")
    for index, line in enumerate(next_steps(f), start=1):
        body.item(index, line)


SECTIONS: tuple[Callable[[Body, ReportFigures], None], ...] = (_overview, _districts, _named,
                                                               _major, _steps)  # fmt: skip


def _body(template: DocxTemplate, f: ReportFigures) -> object:
    subdoc = template.new_subdoc()
    body = Body(subdoc, template.docx.element.body.sectPr)
    if f.case is not None:
        _case(body, f.case)
        body.table(major_cases(f), "案件情况")
        _overview(body, f)
        _steps(body, f)
    else:
        for section in SECTIONS:
            section(body, f)
        body.text("附件：同名表格（.xlsx），列有以上各表全部数据。")
    body.close()
    return subdoc


def _sign(document: DocumentObject, signature: str, dated: str) -> None:
    """署名 右空二字; the date's first character two to the right of the signature's (GB/T
    9704 7.3.5.2); a date longer than the signature stays two from the edge."""
    em = BODY_SIZE
    name, when = text_width(signature, em, 1.0) / em, text_width(dated, em, 1.0) / em
    name_right, date_right = 2.0, name - when
    if date_right < 2:
        name_right, date_right = when + 4 - name, 2.0
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == BulletinStyle.SIGNATURE:
            paragraph.paragraph_format.right_indent = Pt(name_right * em)
        elif style == BulletinStyle.DATED:
            paragraph.paragraph_format.right_indent = Pt(date_right * em)


def _fit_mark(document: DocumentObject, mark: str) -> None:
    """发文机关标志 on one line where it fits at 20 pt or more: a long name is set smaller."""
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == BulletinStyle.MARK:
            size = paragraph.style.font.size.pt if paragraph.style.font.size else 26.0
            fitted = min(size, 0.95 * PORTRAIT / text_width(mark, 1.0, 1.0))
            for run in paragraph.runs:
                run.font.size = Pt(max(fitted, 20.0))


def report_docx(f: ReportFigures, letterhead: Letterhead, template: Path | None = None) -> bytes:
    document = DocxTemplate(str(template or TEMPLATE))
    context = {
        "mark": letterhead.mark,
        "number": letterhead.number_text,
        "title": heading(f),
        "addressee": letterhead.addressee,
        "body": _body(document, f),
        "signature": f.issuer,
        "dated": letterhead.dated_text,
        "copy_to": letterhead.copy_to,
        "printer": f.issuer,
        "printed": letterhead.dated_text,
    }
    document.render(context, autoescape=True)
    _sign(document.docx, f.issuer, letterhead.dated_text)
    _fit_mark(document.docx, letterhead.mark)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
