"""What the indicator and project routes share: who may write, how refusals read, uploads.

District accounts write only for their own district; the office writes for every district.
A submission is checked whole and saved whole: every refusal lists all its problems.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from datetime import date
from typing import Annotated, Any, NoReturn, TypeVar

from fastapi import Depends, UploadFile
from pydantic import BaseModel, ConfigDict, ValidationError

from api.deps import Actor, CurrentActor
from api.errors import ApiError, validation_details
from documents.indicator_sheet import IndicatorSheet, RowT, read_indicator_sheet
from documents.spreadsheet import FileProblem, UnsupportedFile
from domain.indicators.districts import MONDAY_MESSAGE
from domain.units.roles import Role

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

ModelT = TypeVar("ModelT", bound=BaseModel)


class WeekBody(BaseModel):
    """A week's rows as JSON; each row is checked by the domain model, all problems at once."""

    model_config = ConfigDict(extra="forbid")
    rows: list[dict[str, Any]]


class Saved(BaseModel):
    saved: int


async def _writer(actor: CurrentActor) -> Actor:
    if actor.role not in (Role.OFFICE, Role.DISTRICT):
        raise ApiError(403, "forbidden_role", "指标和工程项目由各区或领导小组办公室报送")
    return actor


IndicatorWriter = Annotated[Actor, Depends(_writer)]


def _where(detail: dict[str, Any]) -> str:
    """A problem's place as people read it: a field, an Excel row and column, or the file."""
    if detail.get("field"):
        return f"{detail['field']}："
    if detail.get("row"):
        column = f"「{detail['column']}」" if detail.get("column") else ""
        return f"第 {detail['row']} 行{column}："
    return ""


def refuse(status: int, code: str, details: Sequence[dict[str, Any]], prefix: str = "") -> NoReturn:
    """Raise with every problem in `details`; the message names the first and counts them."""
    more = f"（共 {len(details)} 处）" if len(details) > 1 else ""
    first = details[0]
    raise ApiError(status, code, f"{prefix}{_where(first)}{first['message']}{more}", list(details))


def validated(model: type[ModelT], data: dict[str, Any]) -> ModelT:
    """The domain model, or 422 with each field's problem."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        refuse(422, "invalid_indicators", validation_details(list(error.errors())), "指标有误：")


def require_monday(week_start: date) -> None:
    if week_start.weekday() != 0:
        refuse(422, "invalid_week", [{"field": "week_start", "message": MONDAY_MESSAGE}])


def scoped_district(actor: Actor, district: str | None) -> str | None:
    """The district a listing is limited to: a district account sees only its own."""
    if actor.role is not Role.DISTRICT:
        return district
    if district is not None and district != actor.unit:
        raise ApiError(403, "forbidden", f"只能查看本区（{actor.unit}）的数据")
    return actor.unit


def refuse_foreign(actor: Actor, rows: Sequence[tuple[dict[str, Any], str]], what: str) -> None:
    """403 naming every row (its place, its district) a district account may not write."""
    if actor.role is not Role.DISTRICT:
        return
    message = f"只能报送本区（{actor.unit}）{what}的指标"
    details = [{**place, "message": message} for place, district in rows if district != actor.unit]
    if details:
        refuse(403, "forbidden", details)


def json_places(
    subjects: Sequence[str], known: Container[str], *, field: str, what: str, code: str
) -> list[dict[str, Any]]:
    """Where each row of a JSON submission is (rows[i].field); 422 naming every row whose
    subject is not known, e.g. 未知的区：tj.mars."""
    places = [{"field": f"rows[{index}].{field}"} for index in range(len(subjects))]
    unknown = [
        {**place, "message": f"未知的{what}：{subject}"}
        for place, subject in zip(places, subjects, strict=True)
        if subject not in known
    ]
    if unknown:
        refuse(422, code, unknown, "指标有误：")
    return places


def _whole_file(problem: FileProblem) -> list[dict[str, Any]]:
    return [{"row": 0, "column": "", "message": message} for message in problem.messages]


async def read_upload(
    file: UploadFile,
    *,
    week_start: date,
    sheet: IndicatorSheet[RowT],
    subjects: dict[str, str],
    model: type[ModelT],
) -> tuple[ModelT, list[dict[str, Any]]]:
    """The week's submission from an uploaded sheet, and where each row is (Excel row, subject
    column); the whole file is refused on any problem, listing every one."""
    require_monday(week_start)
    content = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ApiError(413, "too_large", "文件不能超过 20 MB")
    try:
        parse = read_indicator_sheet(content, file.filename or "", sheet=sheet, subjects=subjects)
    except UnsupportedFile as problem:
        refuse(415, "unsupported_file", _whole_file(problem))
    except FileProblem as problem:
        refuse(422, "invalid_file", _whole_file(problem))
    if parse.errors:
        refuse(
            422,
            "invalid_rows",
            [error.model_dump() for error in parse.errors],
            "上传的指标有误，未保存任何数据：",
        )
    rows = [row for _, row in parse.rows]
    places = [{"row": number, "column": parse.subject_column} for number, _ in parse.rows]
    return validated(model, {"week_start": week_start, "rows": rows}), places
