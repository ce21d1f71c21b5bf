"""统一社会信用代码 (GB 32100-2015) and 公民身份号码 (GB 11643-1999) checked by python-stdnum,
with the reasons in Chinese, so a typo is caught at intake rather than in a report."""

from __future__ import annotations

from collections.abc import Iterable

from stdnum.cn import ric, uscc
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)


def _reason(error: ValidationError, what: str, length: int, got: str) -> str:
    if isinstance(error, InvalidLength):
        return f"{what}应为 {length} 位（实际 {len(got)} 位）"
    if isinstance(error, InvalidChecksum):
        return f"{what}校验位不正确"
    if isinstance(error, InvalidComponent):
        return f"{what}中的出生日期或地区码不正确"
    if isinstance(error, InvalidFormat):
        return f"{what}含非法字符"
    return f"{what}不正确"


def uscc_problem(code: str) -> str | None:
    """None when `code` is a valid 统一社会信用代码, else why not."""
    try:
        uscc.validate(code)
    except ValidationError as error:
        return _reason(error, "统一社会信用代码", 18, code)
    return None


def resident_id_problem(number: str) -> str | None:
    """None when `number` is a valid 18-digit 公民身份号码 (birth date, check digit), else why."""
    try:
        ric.validate(number)
    except ValidationError as error:
        return _reason(error, "公民身份号码", 18, number)
    return None


def id_number_problems(id_numbers: Iterable[str | None]) -> list[tuple[int, str]]:
    """(position, reason) of each 公民身份号码 that a new clue may not carry.

    Checked where a clue enters (the API, an import) rather than in the type a workflow is
    given, so that histories holding a number accepted before the check still replay.
    """
    problems = []
    for index, number in enumerate(id_numbers):
        problem = resident_id_problem(number.upper()) if number else None
        if problem:
            problems.append((index, problem))
    return problems
