"""Reading a clue-platform export (.xlsx or .csv) into case intakes, bulk registration's first step.

Nothing is registered here: the caller gets every valid row and every problem, each with
the row number and header the user sees in Excel, so one upload can be corrected in one go.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from documents.spreadsheet import FileProblem, RowError, read_table
from domain.cases import intake as case_intake
from domain.cases.identifiers import id_number_problems
from domain.cases.import_cells import (
    CellProblem,
    blank,
    read_code,
    read_count,
    read_moment,
    read_money,
    read_project_type,
    read_source,
    read_text,
    read_yes_no,
)
from domain.cases.import_columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    FIELD_COLUMNS,
    HEADER_INDEX,
    LIST_SEPARATOR,
    ColumnKey,
    normalize_header,
)

MAX_DATA_ROWS = 20_000


class ParsedRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    row: int
    intake: case_intake.CaseIntake


class ImportParse(BaseModel):
    """Valid rows and problems side by side, so the caller may import all-or-nothing or partly."""

    model_config = ConfigDict(frozen=True)

    rows: list[ParsedRow]
    errors: list[RowError]
    ignored_columns: list[str]  # headers not imported, shown so that a misspelt one is noticed


# ---------------------------------------------------------------- reading the table


@dataclass(slots=True)
class _Layout:
    """Where each known column sits, and its header as the user wrote it."""

    positions: dict[ColumnKey, int] = field(default_factory=dict)
    headers: dict[ColumnKey, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def header(self, key: ColumnKey) -> str:
        return self.headers.get(key) or COLUMN_BY_KEY[key].header

    def order(self, problem: tuple[ColumnKey, str]) -> int:
        return self.positions.get(problem[0], len(COLUMNS) + len(self.positions))


def _layout(header_row: Sequence[object]) -> _Layout:
    layout = _Layout()
    for index, value in enumerate(header_row):
        text = "" if value is None else str(value).strip()
        if not text:
            continue
        key = HEADER_INDEX.get(normalize_header(text))
        if key is None:
            layout.ignored.append(text)
        elif key in layout.headers:
            layout.problems.append(
                f"列「{layout.headers[key]}」与「{text}」重复，都表示{COLUMN_BY_KEY[key].header}"
            )
        else:
            layout.positions[key] = index
            layout.headers[key] = text
    for column in COLUMNS:
        if column.required and column.key not in layout.positions:
            others = "、".join(alias for alias in column.aliases if alias != column.header)
            layout.problems.append(
                f"缺少必填列「{column.header}」" + (f"（也可写作：{others}）" if others else "")
            )
    return layout


# ---------------------------------------------------------------- CaseIntake errors in Chinese

_MESSAGES = {
    "missing": "不能为空",
    "string_too_short": "不能少于 {min_length} 个字符",
    "string_too_long": "不能超过 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "decimal_max_places": "最多两位小数",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
}
_COLUMN_MESSAGES = {
    (ColumnKey.EXTERNAL_ID, "string_pattern_mismatch"): "只能包含字母、数字和 . _ : -",
    (ColumnKey.COMPLAINANT_PHONE, "string_pattern_mismatch"): (
        "电话号码格式不正确（应为 5–20 位数字，可含 + 和 -）"
    ),
    (ColumnKey.COMPLAINANT_ID_NUMBER, "string_pattern_mismatch"): (
        "身份证号格式不正确（应为 18 位，末位可为 X）"
    ),
    (ColumnKey.COMPLAINANT_NAME, "too_long"): "一行最多 {max_length} 位反映人，请分行填写",
    (ColumnKey.AMOUNT_CLAIMED, "greater_than_equal"): "金额不能为负数",
    (ColumnKey.PROJECT_NAME, "missing"): "填写了项目类型或总承包单位时，须填写项目名称",
}


def _translate(key: ColumnKey, error: Mapping[str, Any]) -> str:
    """Pydantic's English, with the column already named by RowError, said in Chinese."""
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "value_error":  # our own validators (uscc) already speak Chinese
        return str(context["error"])
    if kind == "string_too_short" and context.get("min_length") == 1:
        kind = "missing"
    template = _COLUMN_MESSAGES.get((key, kind)) or _MESSAGES.get(kind)
    if template is None:
        return f"取值不合法（{error['msg']}）"
    return template.format(**context)


def _echo(error: Mapping[str, Any]) -> bool:
    """A tuple whose items failed is also reported as too short; its items' errors say it all."""
    return error["type"] == "too_short" and len(error["input"]) >= int(error["ctx"]["min_length"])


def _locate(loc: tuple[int | str, ...], complainants: int) -> tuple[ColumnKey, str]:
    """The column to fix, and which complainant when one cell holds several."""
    path = tuple(part for part in loc if isinstance(part, str))
    key = FIELD_COLUMNS.get(path) or FIELD_COLUMNS[path[:1]]
    indexes = [part for part in loc if isinstance(part, int)]
    prefix = f"第 {indexes[0] + 1} 位反映人：" if indexes and complainants > 1 else ""
    return key, prefix


# ---------------------------------------------------------------- one row


@dataclass(slots=True)
class _RowResult:
    intake: case_intake.CaseIntake | None
    problems: list[tuple[ColumnKey, str]]
    # (source, external_id) when both could be read: duplicates are found even in bad rows
    identity: tuple[case_intake.CaseSource, str] | None


class _Cells:
    """One data row's cells by column, converted as asked; what could not be is collected."""

    def __init__(self, values: Sequence[object], positions: Mapping[ColumnKey, int]) -> None:
        self.values = values
        self.positions = positions
        self.problems: list[tuple[ColumnKey, str]] = []

    def take(self, key: ColumnKey, convert: Callable[[object], Any]) -> Any:
        index = self.positions.get(key)
        if index is None or index >= len(self.values) or blank(self.values[index]):
            return None
        try:
            return convert(self.values[index])
        except CellProblem as problem:
            self.problems.append((key, str(problem)))
            return None

    def entries(self, key: ColumnKey, count: int) -> list[str | None]:
        """A phone or ID number per complainant, in the order of the names."""
        parts = [part or None for part in LIST_SEPARATOR.split(self.take(key, read_code) or "")]
        if parts == [None] or count == 0:
            return [None] * count
        if len(parts) != count:
            label = COLUMN_BY_KEY[key].header
            self.problems.append(
                (key, f"{label}有 {len(parts)} 个，反映人有 {count} 位，应按顺序一一对应")
            )
            return [None] * count
        return parts


class _RowReader:
    """Turns one data row into a CaseIntake, collecting every problem with its column."""

    def __init__(self, layout: _Layout, district_lookup: Mapping[str, str], now: datetime):
        self._positions = layout.positions
        self._lookup = district_lookup
        self._codes = frozenset(district_lookup.values())
        self._now = now

    def _district(self, value: object) -> str:
        text = read_text(value)
        if text in self._codes:
            return text
        if text.lower() in self._codes:
            return text.lower()
        code = self._lookup.get(text)
        if code is None:
            raise CellProblem(f"未知的区：「{text}」")
        return code

    def read(self, values: Sequence[object]) -> _RowResult:
        cells = _Cells(values, self._positions)
        problems, take, entries = cells.problems, cells.take, cells.entries
        source = take(ColumnKey.SOURCE, read_source)
        external_id = take(ColumnKey.EXTERNAL_ID, read_text)
        names = [
            part.strip()
            for part in LIST_SEPARATOR.split(take(ColumnKey.COMPLAINANT_NAME, read_text) or "")
        ]
        if names == [""]:
            names = []
        phones = entries(ColumnKey.COMPLAINANT_PHONE, len(names))
        id_numbers = entries(ColumnKey.COMPLAINANT_ID_NUMBER, len(names))
        data: dict[str, Any] = {
            "source": source or case_intake.CaseSource.NATIONAL_PLATFORM,
            "external_id": external_id,
            "received_at": take(ColumnKey.RECEIVED_AT, lambda value: read_moment(value, self._now)),
            "complainants": [
                _present(name=name, phone=phone, id_number=id_number.upper() if id_number else None)
                for name, phone, id_number in zip(names, phones, id_numbers, strict=True)
            ]
            or None,
            "workers_affected": take(ColumnKey.WORKERS_AFFECTED, read_count),
            "amount_claimed": take(ColumnKey.AMOUNT_CLAIMED, read_money),
            "employer": _present(
                name=take(ColumnKey.EMPLOYER_NAME, read_text),
                credit_code=take(ColumnKey.EMPLOYER_CREDIT_CODE, read_code),
            ),
            "project": _present(
                name=take(ColumnKey.PROJECT_NAME, read_text),
                type=take(ColumnKey.PROJECT_TYPE, read_project_type),
                general_contractor=take(ColumnKey.GENERAL_CONTRACTOR, read_text),
            )
            or None,
            "sector": take(ColumnKey.SECTOR, read_text),
            "district": take(ColumnKey.DISTRICT, self._district),
            "town": take(ColumnKey.TOWN, read_text),
            "description": take(ColumnKey.DESCRIPTION, read_text),
            "group_incident": take(ColumnKey.GROUP_INCIDENT, read_yes_no),
        }
        identity_known = external_id is not None and not any(
            key is ColumnKey.SOURCE for key, _ in problems
        )
        identity = (data["source"], external_id) if identity_known else None
        intake = self._validate(_present(**data), problems, len(names))
        return _RowResult(intake if not problems else None, problems, identity)

    @staticmethod
    def _validate(
        data: dict[str, Any], problems: list[tuple[ColumnKey, str]], complainants: int
    ) -> case_intake.CaseIntake | None:
        """Adds CaseIntake's own findings, except on columns whose cell could not even be read."""
        unreadable = {key for key, _ in problems}
        try:
            intake = case_intake.CaseIntake.model_validate(data)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                if _echo(detail):
                    continue
                key, prefix = _locate(detail["loc"], complainants)
                if key not in unreadable:
                    problems.append((key, prefix + _translate(key, detail)))
            return None
        numbers = [person.id_number for person in intake.complainants]
        for index, problem in id_number_problems(numbers):
            _, prefix = _locate(("complainants", index, "id_number"), complainants)
            problems.append((ColumnKey.COMPLAINANT_ID_NUMBER, prefix + problem))
        return intake


def _present(**values: Any) -> dict[str, Any]:
    """Blank optional cells are left out so that CaseIntake's defaults apply."""
    return {name: value for name, value in values.items() if value is not None}


# ---------------------------------------------------------------- the file


def read_case_file(
    content: bytes, filename: str, *, district_lookup: Mapping[str, str], now: datetime
) -> ImportParse:
    """Parse an uploaded export in one pass, so the office sees all its mistakes at once.

    `district_lookup` maps district names and short names to unit codes (the codes themselves
    are accepted too) because offices write 和平区, 和平 or tj.hp alike; `now` (aware) is
    passed in so that a 反映时间 in the future is refused deterministically.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    try:
        table = read_table(content, filename, suffixes=("xlsx", "csv"), max_rows=MAX_DATA_ROWS)
    except FileProblem as problem:
        return _refused(problem.messages)
    if not table:
        return _refused(["文件是空的"])
    (_, header_row), *data_rows = table
    layout = _layout(header_row)
    if layout.problems or not data_rows:
        return _refused(layout.problems or ["文件中只有表头，没有数据行"], layout.ignored)

    reader = _RowReader(layout, district_lookup, now)
    rows: list[ParsedRow] = []
    errors: list[RowError] = []
    first_seen: dict[tuple[case_intake.CaseSource, str], int] = {}
    for number, values in data_rows:
        result = reader.read(values)
        if result.identity is not None:
            earlier = first_seen.setdefault(result.identity, number)
            if earlier != number:
                result.problems.append((ColumnKey.EXTERNAL_ID, f"与第 {earlier} 行重复"))
        if result.problems:
            errors.extend(
                RowError(row=number, column=layout.header(key), message=message)
                for key, message in sorted(result.problems, key=layout.order)
            )
        elif result.intake is not None:
            rows.append(ParsedRow(row=number, intake=result.intake))
    return ImportParse(rows=rows, errors=errors, ignored_columns=layout.ignored)


def _refused(messages: Sequence[str], ignored: Sequence[str] = ()) -> ImportParse:
    return ImportParse(
        rows=[],
        errors=[RowError(row=0, column="", message=message) for message in messages],
        ignored_columns=list(ignored),
    )
