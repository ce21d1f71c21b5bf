"""Reading plan templates (YAML or JSON) into validated plans, with errors an office can act on."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from domain.calendar.workdays import WorkingCalendar
from domain.plan.dates import DateExpr, local_date
from domain.plan.errors import PlanError, PlanInvalid, location
from domain.plan.model import Plan
from domain.plan.schedule import schedule_plan
from domain.units.model import UnitLevel

_MESSAGES: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不允许的字段",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_too_long": "文本过长（最多 {max_length} 个字符）",
    "string_pattern_mismatch": (
        "格式不符（键只能用小写字母、数字、“-”“_”；单位编码还可用“.”；选择器以“@”开头）"
    ),
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "enum": "取值应为 {expected} 之一",
    "literal_error": "取值应为 {expected} 之一",
    "too_short": "至少需要 {min_length} 项",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
}


def _message(error: ErrorDetails) -> str:
    """Our own checks already speak Chinese; pydantic's built-in ones are translated here."""
    template = _MESSAGES.get(error["type"])
    if template is None:
        return error["msg"]
    context = error.get("ctx", {})
    try:
        return template.format(**context)
    except KeyError:
        return template


def _from_validation(error: ValidationError) -> list[PlanError]:
    return [
        PlanError(path=location(e["loc"]), code=e["type"], message=_message(e))
        for e in error.errors(include_url=False)
    ]


def _parse(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark is not None else ""
        raise PlanInvalid(
            [PlanError(path="", code="syntax", message=f"YAML/JSON 格式错误{where}")]
        ) from error


def load_plan(
    text: str,
    *,
    calendar: WorkingCalendar | None = None,
    now: datetime | None = None,
    start: date | None = None,
) -> Plan:
    """Validate a template, evaluating its dates against `now` (the upload time by default: this
    runs in the API, never inside a workflow) so impossible dates are caught before a start.

    `start` (else the template's own, else the Beijing day of `now`) is written into the plan
    returned, so whoever evaluates it again later gets the same dates."""
    data = _parse(text)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as error:
        raise PlanInvalid(_from_validation(error)) from None
    moment = now or datetime.now(UTC)
    if start is not None or plan.period.start is None:
        chosen = DateExpr((start or local_date(moment)).isoformat())
        plan = plan.model_copy(update={"period": plan.period.model_copy(update={"start": chosen})})
    schedule_plan(plan, calendar=calendar or WorkingCalendar(), now=moment)
    return plan


def load_plan_file(
    path: Path,
    *,
    calendar: WorkingCalendar | None = None,
    now: datetime | None = None,
    start: date | None = None,
) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PlanInvalid(
            [
                PlanError(
                    path="", code="unreadable", message=f"无法读取文件 {path}：{error.strerror}"
                )
            ]
        ) from error
    return load_plan(text, calendar=calendar, now=now, start=start)


class TemplateInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    title: str
    file: str
    level: UnitLevel
    region: str


def list_templates(folder: Path) -> list[TemplateInfo]:
    """The templates an office can choose from; only the structure is checked, since a listing
    should not fail because one template's dates cannot be evaluated today."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            plan = Plan.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (ValidationError, yaml.YAMLError) as error:
            raise PlanInvalid(
                [PlanError(path=path.name, code="invalid_template", message=f"模板无效：{error}")]
            ) from error
        found.append(
            TemplateInfo(
                key=plan.key, title=plan.title, file=path.name, level=plan.level, region=plan.region
            )
        )
    return found


def plan_text(data: dict[str, Any]) -> str:
    """A plan given as JSON, as the text `load_plan` reads (errors then point at its paths)."""
    return yaml.safe_dump(data, allow_unicode=True)


def template_data(path: Path) -> dict[str, Any]:
    """A template file as data, for reading it as it is written."""
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded
