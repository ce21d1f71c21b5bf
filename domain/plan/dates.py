"""Date expressions in plan templates: `spring_festival - 1 day`, `phase.paicha.end`, `12-30`.

Templates are reused year after year, so their dates are written relative to the campaign
rather than as fixed days, and are evaluated only when a campaign is started. The language is
parsed by hand (never `eval`) so that a template typed by an office cannot run code, and every
mistake is answered with a Chinese message that points at the offending character.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from domain.calendar import festivals
from domain.calendar.workdays import WorkingCalendar
from domain.escalation import SHANGHAI, beijing_date, start_of_day

MAX_LENGTH = 200

_TERM = re.compile(
    r"""(?P<iso>\d{4}-\d{2}-\d{2})(?![\d-])
    |(?P<md>\d{2}-\d{2})(?![\d-])
    |campaign\.(?P<campaign>start|end)\b
    |phase\.(?P<phase>[a-z0-9][a-z0-9_-]*)\.(?P<edge>start|end)\b
    |(?P<festival>spring_festival)\b
    |(?P<now>now)\b""",
    re.VERBOSE,
)
_OPERATOR = re.compile(r"[+-]")
_QUANTITY = re.compile(
    r"""(?P<n>\d{1,4})\s*(?P<unit>working\s+days?|days?|weeks?|months?)\b
    |P(?=\d|T\d)(?:(?P<w>\d{1,4})W|(?:(?P<d>\d{1,4})D)?
      (?:T(?=\d)(?:(?P<h>\d{1,4})H)?(?:(?P<m>\d{1,6})M)?(?:(?P<s>\d{1,6})S)?)?)(?![\w])""",
    re.VERBOSE,
)


class DateExprError(ValueError):
    """`code` is for machines (tests, the API's error list); the message is for the office."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class IsoDateTerm:
    value: date


@dataclass(frozen=True)
class MonthDayTerm:
    month: int
    day: int


@dataclass(frozen=True)
class AnchorTerm:
    name: Literal["campaign.start", "campaign.end", "spring_festival", "now"]


@dataclass(frozen=True)
class PhaseTerm:
    phase: str
    edge: Literal["start", "end"]

    @property
    def name(self) -> str:
        return f"phase.{self.phase}.{self.edge}"


Term = IsoDateTerm | MonthDayTerm | AnchorTerm | PhaseTerm


class OffsetUnit(StrEnum):
    DAY = "day"
    WORKING_DAY = "working_day"
    MONTH = "month"
    DURATION = "duration"


@dataclass(frozen=True)
class Offset:
    """Weeks become days when parsed; ISO durations keep their exact length in `duration`."""

    sign: int
    unit: OffsetUnit
    amount: int = 0
    duration: timedelta = timedelta()

    @property
    def has_time(self) -> bool:
        return self.unit is OffsetUnit.DURATION and self.duration % timedelta(days=1) != timedelta()


def _syntax_error(text: str, position: int, expected: str) -> DateExprError:
    found = f"“{text[position : position + 12]}”" if position < len(text) else "结尾"
    return DateExprError(
        "invalid_date_expr",
        f"无法解析日期表达式“{text}”：第 {position + 1} 个字符处（{found}）应为{expected}",
    )


def _term(match: re.Match[str]) -> Term:
    if match["iso"]:
        try:
            return IsoDateTerm(date.fromisoformat(match["iso"]))
        except ValueError:
            raise DateExprError("invalid_date_expr", f"日期 {match['iso']} 不存在") from None
    if match["md"]:
        month, day = (int(part) for part in match["md"].split("-"))
        try:
            date(2000, month, day)  # a leap year, so 02-29 is accepted
        except ValueError:
            raise DateExprError("invalid_date_expr", f"月日 {match['md']} 不存在") from None
        return MonthDayTerm(month, day)
    if match["campaign"]:
        return AnchorTerm("campaign.start" if match["campaign"] == "start" else "campaign.end")
    if match["phase"]:
        return PhaseTerm(match["phase"], "start" if match["edge"] == "start" else "end")
    return AnchorTerm("spring_festival" if match["festival"] else "now")


def _offset(sign: int, match: re.Match[str]) -> Offset:
    if match["n"]:
        amount = int(match["n"])
        unit = match["unit"].split()[0].rstrip("s")
        if unit == "working":
            return Offset(sign, OffsetUnit.WORKING_DAY, amount)
        if unit == "week":
            return Offset(sign, OffsetUnit.DAY, amount * 7)
        return Offset(sign, OffsetUnit.MONTH if unit == "month" else OffsetUnit.DAY, amount)
    weeks, days, hours, minutes, seconds = (
        int(match[name] or 0) for name in ("w", "d", "h", "m", "s")
    )
    length = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return Offset(sign, OffsetUnit.DURATION, duration=length)


class DateExpr:
    """A parsed expression that remembers its source text: templates and Temporal payloads carry
    the text, and the parse happens on construction so an invalid one never gets that far."""

    __slots__ = ("offsets", "term", "text")

    def __init__(self, text: str) -> None:
        source = " ".join(text.split())
        if not source:
            raise DateExprError("invalid_date_expr", "日期表达式不能为空")
        if len(source) > MAX_LENGTH:
            raise DateExprError("invalid_date_expr", f"日期表达式超过 {MAX_LENGTH} 个字符")
        match = _TERM.match(source)
        if match is None:
            raise _syntax_error(
                source,
                0,
                "日期、月-日、campaign.start/end、phase.<键>.start/end、spring_festival 或 now",
            )
        term = _term(match)
        offsets: list[Offset] = []
        position = match.end()
        while position < len(source):
            position += source[position] == " "
            operator = _OPERATOR.match(source, position)
            if operator is None:
                raise _syntax_error(source, position, "“+”或“-”")
            position = operator.end()
            position += position < len(source) and source[position] == " "
            quantity = _QUANTITY.match(source, position)
            if quantity is None:
                raise _syntax_error(
                    source, position, "时长，如“3 days”“2 working days”“1 month”“PT10M”"
                )
            offsets.append(_offset(1 if operator.group() == "+" else -1, quantity))
            position = quantity.end()
        self.text = source
        self.term: Term = term
        self.offsets: tuple[Offset, ...] = tuple(offsets)

    def phase_refs(self) -> set[str]:
        return {self.term.phase} if isinstance(self.term, PhaseTerm) else set()

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"DateExpr({self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateExpr) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    @classmethod
    def _from_input(cls, value: str) -> DateExpr:
        try:
            return cls(value)
        except DateExprError as error:
            raise PydanticCustomError(error.code, "{message}", {"message": error.message}) from None

    @staticmethod
    def _as_text(value: Any) -> Any:
        """YAML turns an unquoted 2026-12-31 into a date; accept it as the text it was."""
        if isinstance(value, DateExpr):
            return value.text
        if isinstance(value, date) and not isinstance(value, datetime):
            return value.isoformat()
        return value

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(
            cls._as_text,
            core_schema.no_info_after_validator_function(cls._from_input, core_schema.str_schema()),
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "title": "日期表达式",
            "description": "日期、月-日、campaign.start/end、phase.<键>.start/end、spring_festival"
            "或 now，后接若干“± N day(s)/working day(s)/week(s)/month(s)”或 ISO 时长",
            "examples": ["2026-12-31", "12-30", "spring_festival - 1 day", "now + PT10M"],
        }


def parse_date_expr(text: str) -> DateExpr:
    return DateExpr(text)


Anchor = DateExpr | date | datetime


@dataclass
class DateContext:
    """What an expression may refer to. Period and phase dates may themselves be expressions;
    they are evaluated on first use and cached, which is where a cycle shows up."""

    calendar: WorkingCalendar
    now: datetime
    period_start: Anchor
    period_end: Anchor | None = None
    phases: Mapping[str, tuple[Anchor, Anchor]] = field(default_factory=dict)
    _cache: dict[str, date | datetime] = field(default_factory=dict, init=False, repr=False)
    _active: list[str] = field(default_factory=list, init=False, repr=False)

    def resolve(self, name: str) -> date | datetime:
        """The value of `campaign.start`, `campaign.end` or `phase.<key>.<edge>`."""
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        if name in self._active:
            chain = " → ".join([*self._active[self._active.index(name) :], name])
            raise DateExprError("cycle", f"日期引用形成循环：{chain}")
        anchor = self._anchor(name)
        self._active.append(name)
        try:
            value = evaluate(anchor, self) if isinstance(anchor, DateExpr) else anchor
        finally:
            self._active.pop()
        self._cache[name] = value
        return value

    def _anchor(self, name: str) -> Anchor:
        if name == "campaign.start":
            return self.period_start
        if name == "campaign.end":
            if self.period_end is None:
                raise DateExprError("no_period_end", "本方案没有结束日期，不能引用 campaign.end")
            return self.period_end
        _, key, edge = name.split(".")
        if key not in self.phases:
            raise DateExprError("unknown_phase", f"阶段 {key} 不存在")
        start, end = self.phases[key]
        return start if edge == "start" else end

    def month_day_anchor(self) -> date:
        """Month-days and the festival land on or after the campaign's start; inside the start
        itself they mean the current year, which is the only reading that is not circular."""
        if "campaign.start" in self._active:
            return date(local_date(self.now).year, 1, 1)
        return local_date(self.resolve("campaign.start"))


def local_date(value: date | datetime) -> date:
    """The Beijing calendar day of an instant; offices think in their own days, not UTC's."""
    return beijing_date(value) if isinstance(value, datetime) else value


def _first_on_or_after(anchor: date, month: int, day: int) -> date:
    for year in range(anchor.year, anchor.year + 8):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= anchor:
            return candidate
    raise DateExprError("out_of_range", f"{month:02d}-{day:02d} 在 {anchor} 之后八年内不存在")


def _spring_festival_after(anchor: date) -> date:
    try:
        festival = festivals.spring_festival(anchor.year)
        return festival if festival >= anchor else festivals.spring_festival(anchor.year + 1)
    except ValueError as error:
        raise DateExprError("out_of_range", str(error)) from None


def _term_value(term: Term, ctx: DateContext) -> date | datetime:
    if isinstance(term, IsoDateTerm):
        return term.value
    if isinstance(term, MonthDayTerm):
        return _first_on_or_after(ctx.month_day_anchor(), term.month, term.day)
    if isinstance(term, PhaseTerm):
        return ctx.resolve(term.name)
    if term.name == "now":
        return ctx.now.astimezone(UTC)
    if term.name == "spring_festival":
        return _spring_festival_after(ctx.month_day_anchor())
    return ctx.resolve(term.name)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _shift_day(day: date, offset: Offset, calendar: WorkingCalendar) -> date:
    if offset.unit is OffsetUnit.WORKING_DAY:
        return calendar.add_working_days(day, offset.sign * offset.amount)
    if offset.unit is OffsetUnit.MONTH:
        return _add_months(day, offset.sign * offset.amount)
    return day + timedelta(days=offset.sign * offset.amount)


def _apply(value: date | datetime, offset: Offset, calendar: WorkingCalendar) -> date | datetime:
    if offset.unit is OffsetUnit.DURATION:
        if offset.has_time and not isinstance(value, datetime):
            value = start_of_day(value)
        if isinstance(value, datetime):
            return value + offset.sign * offset.duration
        return value + timedelta(days=offset.sign * offset.duration.days)
    if isinstance(value, datetime):
        local = value.astimezone(SHANGHAI)
        shifted = _shift_day(local.date(), offset, calendar)
        return datetime.combine(shifted, local.timetz()).astimezone(UTC)
    return _shift_day(value, offset, calendar)


def evaluate(expr: DateExpr, ctx: DateContext) -> date | datetime:
    """A `date` unless the expression involves `now` or a time-of-day duration, then a UTC
    `datetime`; a plain date as a point in time is the start of that Beijing day."""
    value = _term_value(expr.term, ctx)
    for offset in expr.offsets:
        value = _apply(value, offset, ctx.calendar)
    return value
