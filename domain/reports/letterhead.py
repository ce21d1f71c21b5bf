"""版头 and 版记 of a bulletin: who issues it, its 发文字号 and 成文日期, to whom it goes."""

from __future__ import annotations

from datetime import date

from domain.tasks.model import Frozen


class DocumentNumber(Frozen):
    """发文字号 as allocated: the office's year and its sequence, with the day it was written."""

    year: int
    number: int
    dated: date


class Letterhead(Frozen):
    mark: str  # 发文机关标志: the office's name
    prefix: str  # 机关代字, e.g. 津治欠办
    number: DocumentNumber
    addressee: str  # 主送机关, ending in its colon
    copy_to: str  # 抄送 (without the closing 。)

    @property
    def number_text(self) -> str:
        """年份 in full in 〔〕, the number without 第 or leading zeros (GB/T 9704 7.2.3)."""
        return f"{self.prefix}〔{self.number.year}〕{self.number.number}号"

    @property
    def dated_text(self) -> str:
        d = self.number.dated
        return f"{d.year}年{d.month}月{d.day}日"


ADDRESSED = (  # the kinds of unit under the root a bulletin goes to, as 主送 names them
    ("district", "各区"),
    ("town", "各镇（街道）"),
    ("village", "各村（居）"),
    ("member_unit", "各成员单位"),
)


def addressee(kinds: frozenset[str], root_name: str, special: bool) -> str:
    """主送机关: a 专报 goes up to the leading group; a bulletin to every level under it."""
    if special:
        return f"{root_name}："
    named = [words for kind, words in ADDRESSED if kind in kinds]
    return "、".join(named or ["各有关单位"]) + "："


def copy_to(root_name: str, district_name: str | None) -> str:
    """抄送: a bulletin to the leading group's leaders; a 专报 to the case's district."""
    return district_name or f"{root_name}组长、副组长"
