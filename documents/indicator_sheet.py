"""Reading a weekly indicator upload (.xlsx): one row per district or project and metric.

Columns: 区 (or 项目编码), 指标, 分子, 分母 — counts only, so a rate over 100% shows up as a
分子 above its 分母. Every problem comes back at once with the row number and header Excel
shows; nothing here saves anything, the caller keeps all rows or none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from documents.spreadsheet import FileProblem, RowError, read_table
from domain.cases.import_cells import CellProblem, blank, read_count, read_text
from domain.cases.import_columns import normalize_header, normalize_word
from domain.indicators.districts import METRIC_LABELS, Counts, IndicatorRow
from domain.indicators.projects import MAX_PROJECT_ROWS, PROJECT_METRIC_LABELS, ProjectIndicatorRow

RowT = TypeVar("RowT", IndicatorRow, ProjectIndicatorRow)


class Column(StrEnum):
    SUBJECT = "subject"
    METRIC = "metric"
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


@dataclass(frozen=True, slots=True)
class IndicatorSheet(Generic[RowT]):
    """What differs between the district and the project sheet."""

    row_model: type[RowT]
    subject_field: str  # the row model's field the first column fills
    headers: Mapping[Column, tuple[str, ...]]  # accepted headers, the first named in messages
    unknown: str  # how an unrecognised subject is called out
    metrics: Mapping[str, str]  # metric code → its Chinese label

    def metric_words(self) -> dict[str, str]:
        """Code or label, compared like headers, → metric code."""
        words = {normalize_word(label): code for code, label in self.metrics.items()}
        return words | {normalize_word(code): code for code in self.metrics}


_COUNTS = {Column.NUMERATOR: ("分子",), Column.DENOMINATOR: ("分母",)}
_METRIC = ("指标", "指标名称", "指标编码")

DISTRICT_SHEET = IndicatorSheet(
    row_model=IndicatorRow,
    subject_field="district",
    headers={
        Column.SUBJECT: ("区", "区编码", "区名称", "所属区"),
        Column.METRIC: _METRIC,
        **_COUNTS,
    },
    unknown="未知的区",
    metrics={metric.value: label for metric, label in METRIC_LABELS.items()},
)
PROJECT_SHEET = IndicatorSheet(
    row_model=ProjectIndicatorRow,
    subject_field="project",
    headers={Column.SUBJECT: ("项目编码", "项目代码"), Column.METRIC: _METRIC, **_COUNTS},
    unknown="未知的项目编码",
    metrics={metric.value: label for metric, label in PROJECT_METRIC_LABELS.items()},
)


@dataclass(slots=True)
class SheetParse(Generic[RowT]):
    """Valid rows with their Excel row numbers, and every problem found."""

    rows: list[tuple[int, RowT]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    subject_column: str = ""  # the first column's header as written, for later refusals


def _layout(
    sheet: IndicatorSheet[RowT], header_row: Sequence[object]
) -> tuple[dict[Column, int], dict[Column, str], list[str], list[str]]:
    """Positions and headers as written, ignored headers, problems with the header row."""
    index = {normalize_header(h): key for key, hs in sheet.headers.items() for h in hs}
    positions: dict[Column, int] = {}
    written: dict[Column, str] = {}
    ignored: list[str] = []
    problems: list[str] = []
    for position, value in enumerate(header_row):
        text = "" if value is None else str(value).strip()
        key = index.get(normalize_header(text)) if text else None
        if key is None:
            if text:
                ignored.append(text)
        elif key in written:
            problems.append(f"列「{written[key]}」与「{text}」重复")
        else:
            positions[key], written[key] = position, text
    for key, headers in sheet.headers.items():
        if key not in positions:
            others = "、".join(headers[1:])
            problems.append(
                f"缺少必填列「{headers[0]}」" + (f"（也可写作：{others}）" if others else "")
            )
    return positions, written, ignored, problems


def _pick(lookup: Mapping[str, str], unknown: str) -> Callable[[object], str]:
    def read(value: object) -> str:
        text = read_text(value)
        found = lookup.get(text) or lookup.get(text.lower()) or lookup.get(normalize_word(text))
        if found is None:
            raise CellProblem(f"{unknown}：「{text}」")
        return found

    return read


def _count_problems(numerator: int, denominator: int) -> list[tuple[Column, str]]:
    """Counts' own rules (range, 分子 ≤ 分母) said against the column to fix."""
    try:
        Counts(numerator=numerator, denominator=denominator)
    except ValidationError as error:
        found = []
        for detail in error.errors(include_url=False):
            context = detail.get("ctx") or {}
            column = Column.DENOMINATOR if detail["loc"] == ("denominator",) else Column.NUMERATOR
            if detail["type"] == "greater_than_equal":
                found.append((column, f"不能小于 {context['ge']}"))
            elif detail["type"] == "less_than_equal":
                found.append((column, f"不能大于 {context['le']}"))
            else:
                found.append((column, str(context.get("error", detail["msg"]))))
        return found
    return []


def _read_cells(
    values: Sequence[object],
    positions: Mapping[Column, int],
    readers: Mapping[Column, Callable[[object], Any]],
    metric_hint: str,
) -> tuple[dict[Column, Any], list[tuple[Column, str]]]:
    """One data row's cells as read, and what is wrong with each that could not be."""
    problems: list[tuple[Column, str]] = []
    cells: dict[Column, Any] = {}
    for key, reader in readers.items():
        value = values[positions[key]] if positions[key] < len(values) else None
        try:
            if blank(value):
                raise CellProblem("不能为空")
            cells[key] = reader(value)
        except CellProblem as problem:
            hint = metric_hint if key is Column.METRIC and not blank(value) else ""
            problems.append((key, str(problem) + hint))
    return cells, problems


def read_indicator_sheet(
    content: bytes,
    filename: str,
    *,
    sheet: IndicatorSheet[RowT],
    subjects: Mapping[str, str],
) -> SheetParse[RowT]:
    """Parse an upload; FileProblem (or UnsupportedFile) when the file as a whole is refused.

    `subjects` maps what a person may write in the first column (codes, names, short names)
    to the code stored; codes are also accepted in any letter case.
    """
    table = read_table(content, filename, suffixes=("xlsx",), max_rows=MAX_PROJECT_ROWS)
    if not table:
        raise FileProblem("文件是空的")
    (_, header_row), *data_rows = table
    positions, written, ignored, header_problems = _layout(sheet, header_row)
    if header_problems:
        errors = [RowError(row=1, column="", message=problem) for problem in header_problems]
        return SheetParse(errors=errors, ignored_columns=ignored)
    if not data_rows:
        raise FileProblem("文件中只有表头，没有数据行")
    lookup = {**{code.lower(): code for code in subjects.values()}, **subjects}
    readers: dict[Column, Callable[[object], Any]] = {
        Column.SUBJECT: _pick(lookup, sheet.unknown),
        Column.METRIC: _pick(sheet.metric_words(), "无法识别的指标"),
        Column.NUMERATOR: read_count,
        Column.DENOMINATOR: read_count,
    }
    metric_hint = "（可填：" + "、".join(sheet.metrics.values()) + "，或其编码）"
    parse: SheetParse[RowT] = SheetParse(
        ignored_columns=ignored, subject_column=written[Column.SUBJECT]
    )
    first_seen: dict[tuple[str, str], int] = {}
    for number, values in data_rows:
        cells, problems = _read_cells(values, positions, readers, metric_hint)
        if Column.NUMERATOR in cells and Column.DENOMINATOR in cells:
            problems += _count_problems(cells[Column.NUMERATOR], cells[Column.DENOMINATOR])
        if Column.SUBJECT in cells and Column.METRIC in cells:
            earlier = first_seen.setdefault((cells[Column.SUBJECT], cells[Column.METRIC]), number)
            if earlier != number:
                subject = sheet.row_model.SUBJECT
                problems.append((Column.METRIC, f"与第 {earlier} 行重复（同一{subject}同一指标）"))
        if problems:
            parse.errors.extend(
                RowError(row=number, column=written[key], message=message)
                for key, message in sorted(problems, key=lambda p: positions[p[0]])
            )
            continue
        row = sheet.row_model.model_validate(
            {
                sheet.subject_field: cells[Column.SUBJECT],
                "metric": cells[Column.METRIC],
                "numerator": cells[Column.NUMERATOR],
                "denominator": cells[Column.DENOMINATOR],
            }
        )
        parse.rows.append((number, row))
    return parse
