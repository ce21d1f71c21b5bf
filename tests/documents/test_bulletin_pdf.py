"""Bulletins opened with python-docx and rendered to PDF by LibreOffice: 公文 layout (A4, the
fonts named, page numbers "— n —", 文号, 落款, 版记), a bound on the pages of a weekly bulletin
whose long lists go to the workbook, and no table cell that wraps a district's name."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
from docx.section import Section
from docx.shared import Length
from sqlalchemy.ext.asyncio import AsyncSession

from documents.bulletin_styles import BODY_FONT, HEADING_FONT, KAI_FONT, TITLE_FONT
from documents.report_docx import report_docx
from domain.reports.figures import ReportFigures
from domain.reports.letterhead import DocumentNumber, Letterhead
from tests.documents.pdf_render import A4, pages, render, words
from tests.ledger.report_dataset import CAMPAIGN, bj, seed
from tests.ledger.test_report_figures import figures

WEEK_END = bj(2026, 12, 7)
LETTERHEAD = Letterhead(
    mark="天津市根治拖欠农民工工资工作领导小组办公室", prefix="津治欠办",
    number=DocumentNumber(year=2026, number=12, dated=date(2026, 12, 7)),
    addressee="各区、各成员单位：", copy_to="市领导小组组长、副组长",
)  # fmt: skip
MAX_WEEKLY_PAGES = 6


async def weekly(session: AsyncSession) -> ReportFigures:
    await seed(session)
    f = await figures(session, "weekly-bulletin", WEEK_END)
    assert f.campaign_id == CAMPAIGN
    # a busy week: dozens of overdue units, escalations and major cases (the lists are cut)
    return f.model_copy(
        update={"overdue": f.overdue * 15, "escalations": f.escalations * 15,
                "major_cases": f.major_cases * 20}
    )  # fmt: skip


def _page_mm(section: Section) -> tuple[int, ...]:
    """Width, height, top, bottom, left and right margins in whole millimetres."""
    values = (section.page_width, section.page_height, section.top_margin,
              section.bottom_margin, section.left_margin, section.right_margin)  # fmt: skip
    assert all(v is not None for v in values)
    return tuple(round(Length(v or 0).mm) for v in values)


def _fonts_named(document: docx.document.Document) -> set[str]:
    named = set()
    for style in document.styles:
        fonts = style.element.find(".//{*}rFonts")
        if fonts is not None:
            named |= {v for k, v in fonts.attrib.items() if k.endswith("eastAsia")}
    return named


async def test_a_weekly_bulletin_is_a_gongwen_on_a4(
    db_session: AsyncSession, tmp_path: Path
) -> None:
    f = await weekly(db_session)
    data = report_docx(f, LETTERHEAD)
    document = docx.Document(io.BytesIO(data))
    width, height, top, bottom, left, right = _page_mm(document.sections[-1])
    assert (width, height, top, left) == (210, 297, 37, 28)
    assert (width - left - right, height - top - bottom) == (156, 225)  # 版心
    assert {TITLE_FONT, BODY_FONT, HEADING_FONT, KAI_FONT} <= _fonts_named(document)
    styles = {p.text: p.style.name for p in document.paragraphs if p.text and p.style}
    assert styles["一、总体情况"] == "一级标题" and styles["（一）欠薪隐患排查化解"] == "二级标题"
    assert document.styles["公文标题"].font.size.pt == 22  # 2号
    assert document.styles["Normal"].font.size.pt == 16  # 3号
    assert document.styles["一级标题"].font.name == HEADING_FONT
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        fonts = package.read("word/fontTable.xml").decode()
        footers = [package.read(n).decode() for n in package.namelist() if "footer" in n]
    assert all(f'w:name="{name}"' in fonts for name in (TITLE_FONT, BODY_FONT, KAI_FONT))
    assert any("PAGE" in footer and "— " in footer for footer in footers)

    pdf = render(data, "weekly-bulletin", tmp_path)
    read = pages(pdf)
    assert 2 <= len(read) <= MAX_WEEKLY_PAGES, len(read)
    assert all(sorted((round(w, 1), round(h, 1))) == sorted(A4) for w, h, _ in read)
    flat = [text.replace(" ", "") for _w, _h, text in read]  # LibreOffice spaces 汉字 and digits
    for number, text in enumerate(flat, start=1):
        assert text.rstrip().endswith(f"—{number}—"), (number, text[-80:])
    first, last = flat[0], flat[-1]
    assert "津治欠办〔2026〕12号" in first and "各区建筑工人管理服务平台三率每周通报" in first
    assert "2026年12月7日" in last and "抄送：市领导小组组长、副组长。" in last
    assert "2026年12月7日印发" in last


async def test_no_table_cell_wraps_a_district_name(
    db_session: AsyncSession, tmp_path: Path
) -> None:
    f = await weekly(db_session)
    found = words(render(report_docx(f, LETTERHEAD), "weekly-bulletin-cells", tmp_path))
    names = {r.name for r in f.districts}
    assert len(names) == 16 and "滨海新区" in names
    # each district in the ranking and in the 三率 table, whole on one line
    assert all(found.count(name) >= 2 for name in names), sorted(set(found) & names)
    pieces = [w for w in found if len(w) >= 2 and any(w in name != w for name in names)]
    assert pieces == []  # no cell breaks a name over two lines


async def test_a_wide_table_goes_landscape(db_session: AsyncSession, tmp_path: Path) -> None:
    """Districts with long names (开发区 and the like) make the ranking wider than 156 mm: its
    page turns, the pages after it turn back, and the names still stay on one line."""
    f = await weekly(db_session)
    long = [
        r.model_copy(update={"name": f"{r.name[:-1]}经济技术开发区管委会"}) for r in f.districts
    ]
    wide = f.model_copy(update={"districts": tuple(long)})
    data = report_docx(wide, LETTERHEAD)
    document = docx.Document(io.BytesIO(data))
    shapes = [_page_mm(s)[:2] for s in document.sections]
    assert (297, 210) in shapes and shapes[-1] == (210, 297)
    pdf = render(data, "weekly-bulletin-landscape", tmp_path)
    read = pages(pdf)
    landscape = [text for w, h, text in read if w > h]
    assert landscape and "各区任务完成和案件办理情况排名" in landscape[0].replace(" ", "")
    assert read[-1][0] < read[-1][1]  # the 落款 on a portrait page
    found = words(pdf)
    assert all(found.count(r.name) >= 1 for r in long)


async def test_a_special_report_and_a_monthly_bulletin(
    db_session: AsyncSession, tmp_path: Path
) -> None:
    await seed(db_session)
    special = await figures(db_session, "special-info", WEEK_END, "case:hotline_12345:C2")
    read = pages(render(report_docx(special, LETTERHEAD), "special-report", tmp_path))
    assert len(read) <= 3 and all(sorted((round(w), round(h))) == [595, 842] for w, h, _ in read)
    first = read[0][2].replace(" ", "").replace("\n", "")
    assert "关于天津市根治欠薪冬季专项行动中河西区C2号重大欠薪案件的专报" in first
    monthly = await figures(db_session, "monthly-bulletin", bj(2027, 1, 1))
    pdf = render(report_docx(monthly, LETTERHEAD), "monthly-bulletin", tmp_path)
    text = "".join(t for _w, _h, t in pages(pdf)).replace(" ", "").replace("\n", "")
    assert "各区全国根治欠薪线索反映平台线索接收、核处情况" in text
    assert "（2026年12月1日—12月31日）" in text
    found = words(pdf)
    assert all(found.count(r.district_name) >= 3 for r in monthly.clues)  # and the two tables
