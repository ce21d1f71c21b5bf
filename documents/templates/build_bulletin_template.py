"""Builds bulletin.docx, the shipped 公文 template (GB/T 9704-2012), beside this file.

    .venv/bin/python -m documents.templates.build_bulletin_template

The template is an ordinary Word document with docxtpl placeholders ({{ mark }}, {{ number }},
{{ title }}, {{ addressee }}, {{p body }}, {{ signature }}, {{ dated }}, {{ copy_to }},
{{ printer }}, {{ printed }}); an office edits it in Word (fonts, sizes, the red line, fixed
抄送 text in place of a placeholder …) and points QINGLING_BULLETIN_TEMPLATE at its copy. The
styles named in STYLES are what the bulletin's body is written in; a copy must keep them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from lxml import etree

from documents.bulletin_styles import (
    BODY_FONT,
    FONTS,
    HEADING_FONT,
    KAI_FONT,
    LINE_PITCH,
    PAGE,
    SONG_FONT,
    TABLE_SIZE,
    TITLE_FONT,
    BulletinStyle,
)

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "bulletin.docx"
RED = RGBColor(0xFF, 0x00, 0x00)


@dataclass(frozen=True)
class Look:
    font: str
    size: float  # pt
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent_chars: int = 0  # first line, in characters (每个自然段左空二字)
    exact_line: float | None = LINE_PITCH  # None: single spacing, off the grid (tables)
    before_lines: int = 0
    outline: int | None = None
    red: bool = False
    autospace: bool = True  # False: no extra space between 汉字 and digits (tables, 落款)


LOOKS: dict[str, Look] = {
    BulletinStyle.MARK: Look(TITLE_FONT, 26, WD_ALIGN_PARAGRAPH.CENTER, exact_line=None, red=True),
    BulletinStyle.NUMBER: Look(
        BODY_FONT, 16, WD_ALIGN_PARAGRAPH.CENTER, before_lines=2, autospace=False
    ),
    BulletinStyle.TITLE: Look(
        TITLE_FONT, 22, WD_ALIGN_PARAGRAPH.CENTER, exact_line=35, before_lines=2
    ),
    BulletinStyle.ADDRESSEE: Look(BODY_FONT, 16, before_lines=1),
    BulletinStyle.HEADING_1: Look(HEADING_FONT, 16, indent_chars=2, outline=0),
    BulletinStyle.HEADING_2: Look(KAI_FONT, 16, indent_chars=2, outline=1),
    BulletinStyle.SIGNATURE: Look(
        BODY_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT, before_lines=1, autospace=False
    ),
    BulletinStyle.DATED: Look(BODY_FONT, 16, WD_ALIGN_PARAGRAPH.RIGHT, autospace=False),
    BulletinStyle.RECORD: Look(BODY_FONT, 14, WD_ALIGN_PARAGRAPH.LEFT, autospace=False),
    BulletinStyle.CAPTION: Look(HEADING_FONT, 14, WD_ALIGN_PARAGRAPH.CENTER, before_lines=1),
    BulletinStyle.CELL: Look(BODY_FONT, TABLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER, exact_line=None),
    BulletinStyle.HEADER_CELL: Look(
        HEADING_FONT, TABLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER, exact_line=None
    ),
    BulletinStyle.NOTE: Look(BODY_FONT, 14, WD_ALIGN_PARAGRAPH.LEFT, indent_chars=2),
    BulletinStyle.PAGE_NUMBER: Look(SONG_FONT, 14, WD_ALIGN_PARAGRAPH.RIGHT, exact_line=None),
}


PPR_ORDER = (  # CT_PPrBase's children in schema order: Word and LibreOffice read no other
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)


def _set(ppr: BaseOxmlElement, tag: str, **values: str) -> BaseOxmlElement:
    """The pPr child `tag` (made, or replaced), in its schema position."""
    old = ppr.find(qn(f"w:{tag}"))
    if old is not None:
        ppr.remove(old)
    element = OxmlElement(f"w:{tag}")
    for key, value in values.items():
        element.set(qn(f"w:{key}"), value)
    later = PPR_ORDER[PPR_ORDER.index(tag) + 1 :]
    ppr.insert_element_before(element, *(f"w:{t}" for t in later))
    return element


def _fonts(element: BaseStyle, font: str) -> None:
    """Every script in the named face: Word on the office's machine picks it by name."""
    rpr = element.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _style(document: DocumentObject, name: str, look: Look) -> None:
    styles = document.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        words = BulletinStyle(name).name.split("_")  # ASCII ids apart from Word's own
        style.style_id = "Gongwen" + "".join(word.title() for word in words)
    style.base_style = None
    style.quick_style = True
    font = style.font
    font.name, font.size, font.bold = look.font, Pt(look.size), False
    font.color.rgb = RED if look.red else RGBColor(0, 0, 0)
    _fonts(style, look.font)
    spacing = style.paragraph_format
    spacing.alignment = look.align
    spacing.space_before = Pt(look.before_lines * LINE_PITCH)
    spacing.space_after = Pt(0)
    if look.exact_line is not None:
        spacing.line_spacing = Pt(look.exact_line)
    else:
        spacing.line_spacing = 1.0
    ppr = style.element.get_or_add_pPr()
    if look.exact_line is None:  # tables and the 版头 keep their own lines, off the grid
        _set(ppr, "snapToGrid", val="0")
    if not look.autospace or look.exact_line is None:
        _set(ppr, "autoSpaceDE", val="0")
        _set(ppr, "autoSpaceDN", val="0")
    # explicit even when none: LibreOffice bases a style without a parent on 正文's indent
    spacing.first_line_indent = Pt(look.indent_chars * look.size)
    if look.outline is not None:
        _set(ppr, "outlineLvl", val=str(look.outline))


def _normal(document: DocumentObject) -> None:
    """正文: 3号仿宋, 22 lines of 28 characters, first line indented two characters."""
    _style(document, "Normal", Look(BODY_FONT, 16, indent_chars=2))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            for attribute in list(fonts.attrib):
                del fonts.attrib[attribute]
            for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attribute), BODY_FONT)


def _border(paragraph: Paragraph, side: str, size_eighths: int, color: str, space: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = _set(ppr, "pBdr")
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size_eighths)), ("space", str(space)),
                       ("color", color)):  # fmt: skip
        line.set(qn(f"w:{key}"), value)
    borders.append(line)


def _page(document: DocumentObject) -> None:
    """A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 22 lines a page."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE.width), Mm(PAGE.height)
    section.top_margin, section.bottom_margin = Mm(PAGE.top), Mm(PAGE.bottom)
    section.left_margin, section.right_margin = Mm(PAGE.left), Mm(PAGE.right)
    section.header_distance, section.footer_distance = Mm(15), Mm(PAGE.footer)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH * 20)))


def _field_char(kind: str) -> BaseOxmlElement:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return char


def _page_number(paragraph: Paragraph) -> None:
    """— 1 —: the PAGE field between two 一字线."""
    paragraph.add_run("— ")
    paragraph.add_run()._r.append(_field_char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(_field_char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_field_char("end"))
    paragraph.add_run(" —")


def _footers(document: DocumentObject) -> None:
    """单页码居右空一字，双页码居左空一字 (odd and even footers)."""
    settings = document.settings.element
    settings.append(OxmlElement("w:evenAndOddHeaders"))
    section = document.sections[0]
    odd = section.footer.paragraphs[0]
    odd.style = document.styles[BulletinStyle.PAGE_NUMBER]
    odd.paragraph_format.right_indent = Pt(14)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.style = document.styles[BulletinStyle.PAGE_NUMBER]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_number(even)


def _font_table(document: DocumentObject) -> None:
    """Fonts the machine may lack, named with what Word should fall back to (GB2312 charset)."""
    part = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    table = etree.fromstring(part.blob)
    for name, fallback in FONTS.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", fallback), ("w:charset", "86"), ("w:family", "roman")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _body(document: DocumentObject) -> None:
    paragraphs = document.paragraphs
    paragraphs[0].text = "{{ mark }}"
    paragraphs[0].style = document.styles[BulletinStyle.MARK]
    for style, text in (
        (BulletinStyle.NUMBER, "{{ number }}"),
        (BulletinStyle.TITLE, "{{ title }}"),
        (BulletinStyle.ADDRESSEE, "{{ addressee }}"),
        ("Normal", "{{p body }}"),
        (BulletinStyle.SIGNATURE, "{{ signature }}"),
        (BulletinStyle.DATED, "{{ dated }}"),
        (BulletinStyle.RECORD, "抄送：{{ copy_to }}。"),
        (BulletinStyle.RECORD, "{{ printer }}\t{{ printed }}印发"),
    ):
        document.add_paragraph(text, style=document.styles[style])
    number, copy, printed = document.paragraphs[1], document.paragraphs[-2], document.paragraphs[-1]
    _border(number, "bottom", 12, "FF0000", 11)  # the red line 4 mm under the 文号
    _border(copy, "top", 8, "000000", 1)  # 版记: thick, thin, thick
    _border(copy, "bottom", 6, "000000", 1)
    _border(printed, "bottom", 8, "000000", 1)
    copy.paragraph_format.space_before = Pt(2 * LINE_PITCH)
    copy.paragraph_format.keep_with_next = True
    for record in (copy, printed):
        record.paragraph_format.left_indent = Pt(14)
        record.paragraph_format.right_indent = Pt(14)
    printed.paragraph_format.tab_stops.add_tab_stop(
        Mm(PAGE.width - PAGE.left - PAGE.right) - Pt(28), WD_TAB_ALIGNMENT.RIGHT
    )


def build(target: Path = TEMPLATE) -> Path:
    document = Document()
    _page(document)
    _normal(document)
    for name, look in LOOKS.items():
        _style(document, name, look)
    _footers(document)
    _font_table(document)
    document.add_paragraph()
    _body(document)
    document.core_properties.title = "通报模板（GB/T 9704-2012）"
    document.core_properties.language = "zh-CN"
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
