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
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable

from documents.bulletin_styles import PAGE, TABLE_SIZE, BulletinStyle
from documents.report_tables import Cell, Column, Table
from documents.table_xlsx import Rate

PADDING = Mm(1.5)  # each side of a cell
PT_PER_MM = 72 / 25.4
PORTRAIT = PAGE.text_width * PT_PER_MM
LANDSCAPE = PAGE.text_height * PT_PER_MM
SAFETY = 1.12  # faces differ a little from the em-and-half estimate


def printed(value: Cell, per: int = 1) -> str:
    """A cell as the bulletin prints it; dates short, so a column of them stays narrow."""
    if isinstance(value, Rate):
        return str(value)
    if isinstance(value, Decimal):
        return f"{value / per:,.2f}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Printed:
    """A table as the bulletin holds it: its columns for the page and its first rows as text."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    rest: int  # rows left to the workbook


def printed_table(table: Table) -> Printed:
    chosen = [(i, c) for i, c in enumerate(table.columns) if c.in_bulletin]
    columns = tuple(
        replace(c, header=c.bulletin_header or c.header, bulletin_header=None) for _, c in chosen
    )
    shown = table.rows[: table.printed]
    rows = tuple(tuple(printed(row[i], c.per) for i, c in chosen) for row in shown)
    return Printed(columns=columns, rows=rows, rest=len(table.rows) - len(shown))


def _em(char: str) -> float:
    if ord(char) > 0x2E7F:
        return 1.0  # 汉字 and full-width punctuation
    return 0.9 if char in "%@WM" else 0.6


def text_width(text: str, size: float = TABLE_SIZE, safety: float = SAFETY) -> float:
    """Points the text takes on one line."""
    return safety * size * sum(_em(c) for c in text)


@dataclass(frozen=True)
class Layout:
    widths: tuple[float, ...]  # pt
    landscape: bool


SHORT = 8  # characters: a name this short stays whole even in a column of free text


@dataclass(frozen=True)
class Need:
    """A column's narrowest width and the width its free text would like (padding included)."""

    low: float
    high: float
    wraps: bool


def _need(header: str, texts: Sequence[str], wraps: bool, size: float) -> Need:
    pad = 2 * PADDING.pt
    half = text_width(header[: (len(header) + 1) // 2], size)  # a header may take two lines
    longest = max((text_width(t, size) for t in texts), default=0.0)
    if wraps:
        short = max((text_width(t, size) for t in texts if len(t) <= SHORT), default=0.0)
        return Need(max(half, short, 4 * size) + pad, max(longest, half) + pad, True)
    low = max(half, longest) + pad
    return Need(low, max(low, text_width(header, size) + pad), False)


def _spread(widths: list[float], needs: Sequence[Need], spare: float, wraps: bool) -> float:
    """Give `spare` to the columns (free text first, then headers) toward what they want."""
    chosen = [i for i, n in enumerate(needs) if n.wraps is wraps]
    wanted = sum(needs[i].high - widths[i] for i in chosen)
    if wanted <= 0 or spare <= 0:
        return spare
    share = min(spare / wanted, 1.0)
    for i in chosen:
        widths[i] += (needs[i].high - widths[i]) * share
    return spare - wanted * share


def layout(table: Printed, size: float = TABLE_SIZE) -> Layout:
    """`size`: the cells' face size in pt, as the template's 表格文字 style sets it."""
    needs = [
        _need(column.header, [row[i] for row in table.rows], column.wraps, size)
        for i, column in enumerate(table.columns)
    ]
    widths = [n.low for n in needs]
    landscape = sum(widths) > PORTRAIT
    spare = (LANDSCAPE if landscape else PORTRAIT) - sum(widths)
    spare = _spread(widths, needs, _spread(widths, needs, spare, True), False)
    if spare > 0:
        total = sum(widths)
        widths = [w + spare * w / total for w in widths]
    return Layout(widths=tuple(widths), landscape=landscape)


def _cell_margins(table: DocxTable) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(PADDING.twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(  # schema order, or Word and LibreOffice ignore it
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )


def _row_flags(row: object, *, header: bool) -> None:
    """Rows never split across pages; the header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flags = ["w:cantSplit"] + (["w:tblHeader"] if header else [])
    for flag in flags:
        tr_pr.append(OxmlElement(flag))


def write_table(document: DocumentObject, table: Printed, shape: Layout) -> None:
    rows = table.rows
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
