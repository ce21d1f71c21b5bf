"""What the bulletin template and the bulletin's body agree on: style names, faces, the page.

GB/T 9704-2012: A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 22 lines of 28 characters; title
2号小标宋, body 3号仿宋, 一级标题 黑体, 二级标题 楷体, page numbers 4号宋体 "— 1 —".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
SONG_FONT = "宋体"
# A face Word lacks is replaced by the one named beside it (w:altName in the font table).
FONTS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei", KAI_FONT: "楷体"}
LINE_PITCH = 28.95  # pt: 225 mm of 版心 over 22 lines
TABLE_SIZE = 10.5  # pt, 五号: the tables' cells


@dataclass(frozen=True)
class Page:
    width: float = 210.0  # mm
    height: float = 297.0
    top: float = 37.0
    bottom: float = 35.0
    left: float = 28.0
    right: float = 26.0
    footer: float = 21.5  # the page number's line begins 7 mm under the 版心

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


PAGE = Page()


class BulletinStyle(StrEnum):
    """Paragraph styles of the template, by the names an office sees in Word."""

    MARK = "发文机关标志"
    NUMBER = "发文字号"
    TITLE = "公文标题"
    ADDRESSEE = "主送机关"
    HEADING_1 = "一级标题"
    HEADING_2 = "二级标题"
    SIGNATURE = "发文机关署名"
    DATED = "成文日期"
    RECORD = "版记"
    CAPTION = "表题"
    CELL = "表格文字"
    HEADER_CELL = "表头"
    NOTE = "表注"
    PAGE_NUMBER = "页码"
