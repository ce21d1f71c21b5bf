"""Tables in the bulletin: column widths from their text, landscape pages for wide ones.

Names, numbers and dates never wrap: each such column is as wide as its longest text in the
table's face (a Chinese character one em, a digit or Latin letter about half); headers may take
two lines; free text (`wraps`) takes what is left. A table whose narrowest layout is wider than
the portrait 版心 (156 mm) goes on a landscape page (225 mm wide); the pages before and after
it stay portrait, with the same page numbers.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable

from documents.bulletin_styles import PAGE, TABLE_SIZE, BulletinStyle
from documents.report_tables import Cell, Table
from documents.report_text import day
from documents.table_xlsx import Rate

PADDING = Mm(1.5)  # each side of a cell
PT_PER_MM = 72 / 25.4
PORTRAIT = PAGE.text_width * PT_PER_MM
LANDSCAPE = PAGE.text_height * PT_PER_MM
SAFETY = 1.08  # faces differ a little from the em-and-half estimate


def printed(value: Cell) -> str:
    if isinstance(value, Rate):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return day(value)
    return str(value)


def text_width(text: str, size: float = TABLE_SIZE) -> float:
    """Points the text takes on one line."""
    return SAFETY * sum(size if ord(c) > 0x2E7F else size * 0.55 for c in text)


@dataclass(frozen=True)
class Layout:
    widths: tuple[float, ...]  # pt
    landscape: bool


def _needs(header: str, texts: Sequence[str], wraps: bool) -> tuple[float, float]:
    """(narrowest, widest wanted) of a column, cell padding included."""
    pad = 2 * PADDING.pt
    half = text_width(header[: (len(header) + 1) // 2])  # a header may take two lines
    longest = max((text_width(t) for t in texts), default=0.0)
    if wraps:
        return max(half, 4 * TABLE_SIZE) + pad, max(longest, text_width(header)) + pad
    narrowest = max(half, longest) + pad
    return narrowest, max(narrowest, text_width(header) + pad)


def layout(table: Table, rows: Sequence[Sequence[str]]) -> Layout:
    needs = [
        _needs(column.header, [row[i] for row in rows], column.wraps)
        for i, column in enumerate(table.columns)
    ]
    narrowest = sum(low for low, _ in needs)
    landscape = narrowest > PORTRAIT
    room = LANDSCAPE if landscape else PORTRAIT
    widths = [low for low, _ in needs]
    wanted = sum(high - low for low, high in needs)
    spare = max(room - narrowest, 0.0)
    if wanted:
        share = min(spare / wanted, 1.0)
        widths = [low + (high - low) * share for low, high in needs]
    rest = room - sum(widths)
    if rest > 0:
        widths = [w + rest * w / sum(widths) for w in widths]
    return Layout(widths=tuple(widths), landscape=landscape)


def _cell_margins(table: DocxTable) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(PADDING.twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def _row_flags(row: object, *, header: bool) -> None:
    """Rows never split across pages; the header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flags = ["w:cantSplit"] + (["w:tblHeader"] if header else [])
    for flag in flags:
        tr_pr.append(OxmlElement(flag))


def write_table(document: DocumentObject, table: Table, rows: Sequence[Sequence[str]],
                shape: Layout) -> None:  # fmt: skip
    grid = document.add_table(rows=1 + len(rows), cols=len(table.columns))
    grid.style = document.styles["Table Grid"]
    grid.alignment = 1  # centred
    grid.autofit = False
    _cell_margins(grid)
    styles = document.styles
    for index, (column, width) in enumerate(zip(table.columns, shape.widths, strict=True)):
        grid.columns[index].width = Pt(width)
        for position, cell in enumerate(grid.columns[index].cells):
            cell.width = Pt(width)
            paragraph = cell.paragraphs[0]
            header = position == 0
            paragraph.style = styles[BulletinStyle.HEADER_CELL if header else BulletinStyle.CELL]
            paragraph.text = column.header if header else rows[position - 1][index]
            if column.wraps and not header:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            cell.vertical_alignment = 1  # centre
    for position, row in enumerate(grid.rows):
        _row_flags(row, header=position == 0)


def end_section(document: DocumentObject, final: object, *, landscape: bool) -> None:
    """End the pages so far with a copy of the document's own section (its footers and page
    numbers), turned to landscape where asked; what follows starts a new page."""
    properties = copy.deepcopy(final)
    size = properties.find(qn("w:pgSz"))  # type: ignore[attr-defined]
    margins = properties.find(qn("w:pgMar"))  # type: ignore[attr-defined]
    if landscape:
        size.set(qn("w:orient"), "landscape")
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        size.set(qn("w:w"), height)
        size.set(qn("w:h"), width)
        top, left = margins.get(qn("w:top")), margins.get(qn("w:left"))
        bottom, right = margins.get(qn("w:bottom")), margins.get(qn("w:right"))
        margins.set(qn("w:top"), left)
        margins.set(qn("w:bottom"), right)
        margins.set(qn("w:left"), top)
        margins.set(qn("w:right"), bottom)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph._p.get_or_add_pPr().append(properties)
