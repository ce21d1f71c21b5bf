"""The shipped Word template is what its script builds, and an office's own copy is used."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx

from documents.bulletin_styles import BulletinStyle
from documents.report_docx import TEMPLATE, report_docx
from documents.templates.build_bulletin_template import build
from domain.plan.model import ReportKind
from domain.reports.figures import CaseFigures, ReportFigures, TaskFigures
from domain.reports.letterhead import DocumentNumber, Letterhead
from domain.reports.periods import period_for
from tests.ledger.report_dataset import bj

PARTS = ("word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/footer1.xml",
         "word/footer2.xml", "word/settings.xml")  # fmt: skip


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in PARTS}


def test_the_shipped_template_is_the_built_one(tmp_path: Path) -> None:
    """Change documents/templates/build_bulletin_template.py, then run it to ship the change."""
    assert _parts(build(tmp_path / "bulletin.docx")) == _parts(TEMPLATE)
    styles = {s.name for s in docx.Document(str(TEMPLATE)).styles}
    assert {s.value for s in BulletinStyle} <= styles


def _figures() -> ReportFigures:
    cases = CaseFigures(received=0, closed=0, closed_on_time=0, workers=0,
                        amount_claimed=0, amount_paid=0, major=0)  # fmt: skip
    return ReportFigures(
        report_id="r", campaign_id="c", campaign_title="某镇根治欠薪专项行动", duty_key="weekly",
        kind=ReportKind.WEEKLY, title="每周通报", issuer="某镇根治欠薪工作领导小组办公室",
        period=period_for(ReportKind.WEEKLY, bj(2026, 12, 7), date(2026, 11, 20)),
        tasks=TaskFigures(total=0, due=0, completed=0, completed_on_time=0, overdue=0),
        cases_in_period=cases, cases_total=cases, districts=(), overdue=(), escalations=(),
        major_cases=(), clues=(), current_phases=(), next_phases=(),
    )  # fmt: skip


def test_an_office_replaces_the_template_with_its_own_copy(tmp_path: Path) -> None:
    """An office writes its fixed 抄送 into its copy in place of the placeholder."""
    own = docx.Document(str(TEMPLATE))
    for paragraph in own.paragraphs:
        if "{{ copy_to }}" in paragraph.text:
            paragraph.text = "抄送：镇党委、镇人大、镇纪委。"
    path = tmp_path / "our-bulletin.docx"
    own.save(str(path))
    letterhead = Letterhead(
        mark="某镇根治欠薪工作领导小组办公室", prefix="某清欠办",
        number=DocumentNumber(year=2026, number=3, dated=date(2026, 12, 7)),
        addressee="各村（居）：", copy_to="（模板中已写明）",
    )  # fmt: skip
    text = [
        p.text
        for p in docx.Document(io.BytesIO(report_docx(_figures(), letterhead, path))).paragraphs
    ]
    assert "抄送：镇党委、镇人大、镇纪委。" in text
    assert "某清欠办〔2026〕3号" in text and "各村（居）：" in text
    assert "二、各区排名" in text and "本专项行动范围内无区级单位，不作排名。" in text
