"""Working-day (工作日) arithmetic for statutory deadlines.

Deadlines in wage-arrears campaigns are counted in working days, but the State Council publishes
each year's holiday arrangement only late in the year before. A calendar therefore has to answer
for years nobody has published yet, and has to be able to say which answers rest on a guess.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from functools import cache
from typing import Literal, Self

import chinese_calendar
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from domain.calendar import festivals

Source = Literal["loaded", "official", "provisional"]

PROVISIONAL_NOTE = "暂按法定节假日推算，待国务院办公厅公布当年安排后更新"

_WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class HolidaySpan(BaseModel):
    """Consecutive days off, inclusive at both ends, as the State Council notices write them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: date
    end: date

    def days(self) -> Iterator[date]:
        for ordinal in range(self.start.toordinal(), self.end.toordinal() + 1):
            yield date.fromordinal(ordinal)


class YearArrangement(BaseModel):
    """One year's days off and 调休 working weekends, as published or as provisionally computed.

    Tuples rather than lists because instances are cached and shared between calendars.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int
    holidays: tuple[HolidaySpan, ...] = ()
    makeup_workdays: tuple[date, ...] = ()
    source: Literal["official", "provisional"]
    note: str = ""

    @field_validator("holidays", mode="before")
    @classmethod
    def _single_days_as_spans(cls, value: object) -> object:
        """Offices list lone days off as plain dates; storing spans only keeps readers simple."""
        if isinstance(value, list | tuple):
            return [{"start": v, "end": v} if isinstance(v, date | str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _dates_are_consistent(self) -> Self:
        """Report every problem at once, each at its own path, so an office can fix a whole
        pasted notice in one pass."""
        problems: list[InitErrorDetails] = []

        def report(field: str, index: int, value: object, reason: str) -> None:
            problems.append(
                InitErrorDetails(
                    type=PydanticCustomError(
                        "year_arrangement",
                        "{path}: {reason}",
                        {"path": f"{field}[{index}]", "reason": reason},
                    ),
                    loc=(field, index),
                    input=value,
                )
            )

        for index, span in enumerate(self.holidays):
            if span.start > span.end:
                report("holidays", index, span, f"起始日期 {span.start} 晚于结束日期 {span.end}")
            for day in sorted({span.start, span.end}):
                if day.year != self.year:
                    report("holidays", index, span, f"{day} 不在 {self.year} 年内")
        days_off = self.holiday_dates()
        for index, day in enumerate(self.makeup_workdays):
            if day.year != self.year:
                report("makeup_workdays", index, day, f"{day} 不在 {self.year} 年内")
            if day.weekday() < 5:
                weekday = _WEEKDAY_NAMES[day.weekday()]
                report(
                    "makeup_workdays", index, day, f"{day} 是{weekday}，调休上班日只能是周六或周日"
                )
            if day in days_off:
                report("makeup_workdays", index, day, f"{day} 同时被列为放假日和调休上班日")
        if problems:
            raise ValidationError.from_exception_data(type(self).__name__, problems)
        return self

    def holiday_dates(self) -> frozenset[date]:
        return frozenset(day for span in self.holidays for day in span.days())


def covering_years(*days: date) -> range:
    """The years a deadline counted from these days can reach: a ladder runs up to 60 working
    days either side, and a case or hazard limit a few months ahead."""
    return range(min(d.year for d in days) - 1, max(d.year for d in days) + 2)


def _days_of_year(year: int) -> Iterator[date]:
    return HolidaySpan(start=date(year, 1, 1), end=date(year, 12, 31)).days()


def _as_spans(days: Iterable[date]) -> tuple[HolidaySpan, ...]:
    """Group days into runs so stored arrangements read like the published notices."""
    spans: list[HolidaySpan] = []
    for day in sorted(set(days)):
        if spans and spans[-1].end + timedelta(days=1) == day:
            spans[-1] = HolidaySpan(start=spans[-1].start, end=day)
        else:
            spans.append(HolidaySpan(start=day, end=day))
    return tuple(spans)


@cache
def official_arrangement(year: int) -> YearArrangement | None:
    """The published arrangement as shipped in chinese_calendar, or None past its data."""
    try:
        chinese_calendar.get_holiday_detail(date(year, 1, 1))
    except NotImplementedError:
        return None
    days_off: list[date] = []
    makeup: list[date] = []
    for day in _days_of_year(year):
        is_day_off, festival = chinese_calendar.get_holiday_detail(day)
        if festival is not None:
            (days_off if is_day_off else makeup).append(day)
    return YearArrangement(
        year=year,
        holidays=_as_spans(days_off),
        makeup_workdays=tuple(makeup),
        source="official",
        note=f"国务院办公厅公布的 {year} 年节假日安排"
        f"（据 chinese_calendar {chinese_calendar.__version__}）",
    )


@cache
def provisional_arrangement(year: int) -> YearArrangement:
    """Only the statutory days under the rules in force since 2025, with no 调休 or 补假: those
    are decided case by case and guessing them would move deadlines in unknown directions.
    Meaningful for future years only."""
    spring = festivals.spring_festival(year)
    days_off = [
        date(year, 1, 1),
        *(spring + timedelta(days=offset) for offset in range(-1, 3)),
        festivals.qingming(year),
        date(year, 5, 1),
        date(year, 5, 2),
        festivals.dragon_boat(year),
        festivals.mid_autumn(year),
        date(year, 10, 1),
        date(year, 10, 2),
        date(year, 10, 3),
    ]
    return YearArrangement(
        year=year, holidays=_as_spans(days_off), source="provisional", note=PROVISIONAL_NOTE
    )


class WorkingCalendar:
    """Working days from the office's loaded arrangements, else chinese_calendar's published
    data, else the provisional computation.

    Only the loaded arrangements are state, so a calendar crosses Temporal boundaries as the plain
    list `arrangements` and is rebuilt with `WorkingCalendar(that_list)`. A workflow rebuilds it
    `sealed`: then years it was not given are only ever computed provisionally, never read from
    the installed library, whose next release would otherwise change a running deadline on
    replay. `frozen(years)` is what a workflow is given: every year it may need, as of now.
    """

    __slots__ = ("_loaded", "_sealed", "_working_ordinals")

    def __init__(
        self,
        arrangements: Mapping[int, YearArrangement] | Iterable[YearArrangement] = (),
        *,
        sealed: bool = False,
    ) -> None:
        loaded: dict[int, YearArrangement] = {}
        if isinstance(arrangements, Mapping):
            for year, arrangement in arrangements.items():
                if year != arrangement.year:
                    raise ValueError(
                        f"arrangements[{year}]: 键 {year} 与安排所属年份 {arrangement.year} 不一致"
                    )
                loaded[year] = arrangement
        else:
            for index, arrangement in enumerate(arrangements):
                if arrangement.year in loaded:
                    raise ValueError(f"arrangements[{index}]: {arrangement.year} 年的安排重复加载")
                loaded[arrangement.year] = arrangement
        self._loaded = loaded
        self._sealed = sealed
        self._working_ordinals: dict[int, tuple[int, ...]] = {}

    @property
    def arrangements(self) -> list[YearArrangement]:
        return [self._loaded[year] for year in sorted(self._loaded)]

    def with_arrangement(self, arrangement: YearArrangement) -> WorkingCalendar:
        """A new calendar, so workflows holding the old one keep replaying the same answers."""
        return WorkingCalendar({**self._loaded, arrangement.year: arrangement}, sealed=self._sealed)

    def frozen(self, years: Iterable[int]) -> list[YearArrangement]:
        """These years' arrangements as this calendar answers them today, for a workflow."""
        return [self.arrangement(year) for year in sorted(set(years))]

    def _published(self, year: int) -> YearArrangement | None:
        return None if self._sealed else official_arrangement(year)

    def arrangement(self, year: int) -> YearArrangement:
        loaded = self._loaded.get(year)
        if loaded is not None:
            return loaded
        return self._published(year) or provisional_arrangement(year)

    def source(self, year: int) -> Source:
        if year in self._loaded:
            return "loaded"
        return "official" if self._published(year) is not None else "provisional"

    def is_provisional(self, year: int) -> bool:
        """True also for a loaded arrangement that is itself marked provisional."""
        return self.arrangement(year).source == "provisional"

    def provisional_years_between(self, a: date, b: date) -> list[int]:
        """Lets an answer warn that a deadline may move once the State Council publishes."""
        low, high = sorted((a.year, b.year))
        return [year for year in range(low, high + 1) if self.is_provisional(year)]

    def is_working_day(self, day: date) -> bool:
        ordinals = self._ordinals(day.year)
        index = bisect_left(ordinals, day.toordinal())
        return index < len(ordinals) and ordinals[index] == day.toordinal()

    def add_working_days(self, start: date, n: int) -> date:
        """`start` itself is not counted, as deadlines run from the day after notice; n == 0
        rolls a non-working day forward to the next working day."""
        if n == 0:
            return start if self.is_working_day(start) else self.add_working_days(start, 1)
        year = start.year
        ordinals = self._ordinals(year)
        if n > 0:
            index = bisect_right(ordinals, start.toordinal())
            while index + n > len(ordinals):
                n -= len(ordinals) - index
                year, index = year + 1, 0
                ordinals = self._ordinals(year)
            return date.fromordinal(ordinals[index + n - 1])
        remaining = -n
        before = bisect_left(ordinals, start.toordinal())
        while remaining > before:
            remaining -= before
            year -= 1
            ordinals = self._ordinals(year)
            before = len(ordinals)
        return date.fromordinal(ordinals[before - remaining])

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative when b precedes a, so that
        working_days_between(deadline, today) reads as days overdue (or, negated, days left)."""
        if b < a:
            return -self.working_days_between(b, a)
        low, high = a.toordinal(), b.toordinal()
        return sum(
            bisect_right(ordinals, high) - bisect_right(ordinals, low)
            for ordinals in map(self._ordinals, range(a.year, b.year + 1))
        )

    def _ordinals(self, year: int) -> tuple[int, ...]:
        """Sorted working days of one year, so arithmetic is bisection instead of day walking."""
        cached = self._working_ordinals.get(year)
        if cached is None:
            arrangement = self.arrangement(year)
            days_off = arrangement.holiday_dates()
            makeup = set(arrangement.makeup_workdays)
            cached = tuple(
                day.toordinal()
                for day in _days_of_year(year)
                if day in makeup or (day.weekday() < 5 and day not in days_off)
            )
            self._working_ordinals[year] = cached
        return cached
