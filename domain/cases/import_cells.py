"""How one cell of a clue-platform export becomes a field value, or why it cannot.

Cells arrive as openpyxl values (str, int, float, bool, datetime) or CSV text; both are
accepted everywhere, so an office may retype an export in either format.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.cases import intake as case_intake
from domain.cases.import_columns import PROJECT_TYPES, SOURCES, YES_NO, normalize_word

# Platform exports carry Beijing time without an offset; China has had no DST since 1991.
CHINA_TIME = timezone(timedelta(hours=8), "Asia/Shanghai")
CENT = Decimal("0.01")
_SPACES = re.compile(r"\s+")


class CellProblem(Exception):
    """One cell cannot become its field's value; the message is for the person who typed it."""


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_text(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float) and abs(value) >= 1e15:
        raise CellProblem("数字超过 15 位，Excel 已丢失末几位，请将该列设为文本格式后重新填写")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number in a number cell reads back as 13800000000.0
    return str(value).strip()


def read_code(value: object) -> str:
    """Phones, ID numbers and credit codes: full-width digits and inner spaces are typing noise."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", read_text(value)))


_AMOUNT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def read_money(value: object) -> Decimal:
    if isinstance(value, bool):
        raise CellProblem(f"金额格式不正确：「{value}」")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise CellProblem("金额格式不正确")
        # Excel shows 15 significant digits; beyond them is binary noise from formulas
        # (0.1 + 0.2), not a third decimal the user typed.
        amount = Decimal(format(value, ".15g"))
    else:
        text = read_code(value).removeprefix("¥").removesuffix("元")
        if not _AMOUNT.fullmatch(text):
            raise CellProblem(f"金额格式不正确：「{value}」")
        amount = Decimal(text.replace(",", ""))
    try:
        cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as error:
        raise CellProblem(f"金额超出范围：「{value}」") from error
    if cents != amount:
        raise CellProblem(f"金额最多两位小数：「{value}」")
    return cents


def read_count(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = read_code(value).removesuffix("人")
    if not re.fullmatch(r"[+-]?\d+", text, re.ASCII):
        raise CellProblem(f"应为整数：「{value}」")
    return int(text)


_MOMENT = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]?(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?)?[分秒]?)?"
)
_MOMENT_FORMATS = "可写 2026-11-20 09:30、2026/11/20 或 2026年11月20日"


def _parse_moment(value: str) -> datetime:
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", value).strip())
    try:
        return datetime.fromisoformat(text)  # also takes an explicit offset, e.g. +08:00
    except ValueError:
        pass
    match = _MOMENT.fullmatch(text)
    if match is None:
        raise CellProblem(f"日期格式不正确：「{value}」（{_MOMENT_FORMATS}）")
    try:
        year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
        return datetime(year, month, day, hour, minute, second)
    except ValueError as error:
        raise CellProblem(f"日期不存在：「{value}」") from error


def read_moment(value: object, now: datetime) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str):
        moment = _parse_moment(value)
    else:  # a date typed into a number cell arrives as a serial number
        raise CellProblem(f"应为日期：「{value}」（{_MOMENT_FORMATS}）")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CHINA_TIME)
    moment = moment.astimezone(UTC)
    if moment > now:
        raise CellProblem(f"不能晚于当前时间：「{value}」")
    return moment


def read_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    answer = YES_NO.get(normalize_word(read_text(value)))
    if answer is None:
        raise CellProblem(f"请填写“是”或“否”：「{value}」")
    return answer


def read_project_type(value: object) -> case_intake.ProjectType:
    found = PROJECT_TYPES.get(normalize_word(read_text(value)))
    if found is None:
        raise CellProblem(
            f"无法识别的项目类型：「{value}」（可填：政府投资、国企、PPP、社会投资、其他）"
        )
    return found


def read_source(value: object) -> case_intake.CaseSource:
    found = SOURCES.get(normalize_word(read_text(value)))
    if found is None:
        raise CellProblem(f"无法识别的来源：「{value}」（可填：{'、'.join(SOURCES)}）")
    return found
