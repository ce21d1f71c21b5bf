"""Dates for tests that run a server, chosen from that server's clock.

A suite runs for years: a test that names a calendar date passes today and fails the month that
date goes by. Tests that run a server therefore ask here for "the next Monday before a New
Year" or "the next Spring Festival" counted from the server's own now (the time-skipping
server's clock, or the machine's clock that the dev server and `qingling up` run on), and skip
forward to it. Tests of pure functions keep their fixed dates: those never age.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from temporalio.testing import WorkflowEnvironment

from domain.calendar import festivals
from domain.calendar.workdays import HolidaySpan, WorkingCalendar, YearArrangement
from domain.escalation import SHANGHAI

MONDAY = 0


def beijing_date(instant: datetime) -> date:
    """The Beijing calendar day of an instant: offices (and deadlines) count Beijing days."""
    return instant.astimezone(SHANGHAI).date()


def beijing_time(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """A Beijing wall-clock time on `day`, as an aware UTC instant."""
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI).astimezone(UTC)


def machine_now() -> datetime:
    """The clock the dev server, the API and `qingling up` run on."""
    return datetime.now(UTC)


def machine_today() -> date:
    return beijing_date(machine_now())


def next_weekday(after: date, weekday: int) -> date:
    """The first `weekday` (0 = Monday) strictly after `after`."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def next_working_day(after: date, calendar: WorkingCalendar | None = None) -> date:
    return (calendar or WorkingCalendar()).add_working_days(after, 1)


def next_new_year(after: date) -> date:
    """The first 1 January strictly after `after`."""
    return date(after.year + 1, 1, 1)


def monday_before_next_new_year(after: date, *, lead_days: int = 0) -> date:
    """The last Monday before the New Year that is at least `lead_days` after `after`: a
    week whose deadlines cross 1 January. Moves on a year when this year's is too close."""
    new_year = next_new_year(after)
    while True:
        monday = new_year - timedelta(days=(new_year.weekday() - MONDAY) % 7 or 7)
        if (monday - after).days >= lead_days:
            return monday
        new_year = date(new_year.year + 1, 1, 1)


def next_spring_festival(after: date, *, lead_days: int = 0) -> date:
    """The first 春节 at least `lead_days` after `after`."""
    year = after.year
    while True:
        festival = festivals.spring_festival(year)
        if (festival - after).days >= lead_days:
            return festival
        year += 1


def next_holiday(after: date, calendar: WorkingCalendar | None = None) -> HolidaySpan:
    """The next run of days off that holds a weekday (a statutory holiday, not a weekend)."""
    working = calendar or WorkingCalendar()
    day = after + timedelta(days=1)
    while working.is_working_day(day) or day.weekday() >= 5:
        day += timedelta(days=1)
    start = day
    while not working.is_working_day(start - timedelta(days=1)):
        start -= timedelta(days=1)
    end = day
    while not working.is_working_day(end + timedelta(days=1)):
        end += timedelta(days=1)
    return HolidaySpan(start=start, end=end)


def working_days_before_next_holiday(
    after: date, n: int, calendar: WorkingCalendar | None = None
) -> date:
    """The working day `n` working days before the next holiday begins, never before `after`;
    counting `n` working days from it therefore crosses that holiday."""
    working = calendar or WorkingCalendar()
    probe = after
    while True:
        holiday = next_holiday(probe, working)
        day = working.add_working_days(holiday.start, -n)
        if day > after:
            return day
        probe = holiday.end


def arrangement_with_days_off(year: int, *spans: tuple[date, date]) -> YearArrangement:
    """An official-looking arrangement of `year` with exactly these days off, for tests that
    load a calendar relative to the dates they chose."""
    return YearArrangement(
        year=year,
        holidays=tuple(HolidaySpan(start=a, end=b) for a, b in spans),
        source="official",
        note="测试用安排",
    )


def previous_weekday(before: date, weekday: int) -> date:
    """The last `weekday` (0 = Monday) strictly before `before`: a clue received on a given
    weekday must already lie in the past, since the intake refuses (or ought to refuse) a
    反映时间 later than now."""
    return before - timedelta(days=(before.weekday() - weekday - 1) % 7 + 1)


def monday_of(day: date) -> date:
    """The Monday of `day`'s week: weekly indicators are filed under their week's Monday."""
    return day - timedelta(days=day.weekday())


def working_day_on_or_after(day: date, calendar: WorkingCalendar | None = None) -> date:
    """A campaign started from a winter template today, or after the holiday it falls in: on
    the Spring Festival's own days off "春节前" has already passed."""
    return (calendar or WorkingCalendar()).add_working_days(day, 0)


def working_day_before(today: date, days: int, calendar: WorkingCalendar | None = None) -> date:
    """The last working day at least `days` before `today`: a start in the past that is never
    inside a holiday."""
    return (calendar or WorkingCalendar()).add_working_days(today - timedelta(days=days - 1), -1)


def first_month_day_on_or_after(day: date, month: int, month_day: int) -> date:
    """What a template's `12-30` means for a campaign starting on `day`."""
    candidate = date(day.year, month, month_day)
    return candidate if candidate >= day else date(day.year + 1, month, month_day)


# ---- added for tests/workflows -------------------------------------------------------------


def nth_working_day(start: date, n: int, calendar: WorkingCalendar | None = None) -> date:
    """The `n`-th working day after `start` (before it when `n` < 0), found by walking day by
    day: tests state expected dates with it instead of restating add_working_days' bisection."""
    if n == 0:
        raise ValueError("n must not be 0")
    working = calendar or WorkingCalendar()
    step = timedelta(days=1 if n > 0 else -1)
    day, left = start, abs(n)
    while left:
        day += step
        left -= working.is_working_day(day)
    return day


def days_off_around(day: date, calendar: WorkingCalendar | None = None) -> HolidaySpan:
    """The whole run of consecutive days off (weekends included) that holds `day`, a day off."""
    working = calendar or WorkingCalendar()
    if working.is_working_day(day):
        raise ValueError(f"{day} is a working day")
    start, end = day, day
    while not working.is_working_day(start - timedelta(days=1)):
        start -= timedelta(days=1)
    while not working.is_working_day(end + timedelta(days=1)):
        end += timedelta(days=1)
    return HolidaySpan(start=start, end=end)


def costs_a_weekday(span: HolidaySpan) -> bool:
    """A break that takes a Monday-to-Friday off: only then does counting across it differ from
    counting weekdays (a provisional New Year on a Saturday costs nothing)."""
    return any(day.weekday() < 5 for day in span.days())


def next_new_year_break(
    after: date, *, lead_days: int = 0, calendar: WorkingCalendar | None = None
) -> HolidaySpan:
    """The days off around the first 1 January whose break starts at least `lead_days` after
    `after` and costs a weekday, so that a count across it must skip a working day."""
    working = calendar or WorkingCalendar()
    new_year = next_new_year(after)
    while True:
        span = days_off_around(new_year, working)
        if (span.start - after).days >= lead_days and costs_a_weekday(span):
            return span
        new_year = date(new_year.year + 1, 1, 1)


def next_provisional_spring_festival(
    after: date, *, lead_days: int = 0, calendar: WorkingCalendar | None = None
) -> date:
    """The first 春节 at least `lead_days` after `after` in a year whose arrangement nobody has
    published (chinese_calendar lacks it), so its break is the provisional computation."""
    working = calendar or WorkingCalendar()
    year = after.year
    while True:
        festival = festivals.spring_festival(year)
        if (festival - after).days >= lead_days and working.is_provisional(year):
            return festival
        year += 1


def next_ordinary_monday(
    after: date, *, lead_days: int = 0, calendar: WorkingCalendar | None = None
) -> date:
    """The first Monday at least `lead_days` after `after` whose Monday to Friday are all working
    days of one year: a week a test may turn into days off with one year's arrangement."""
    working = calendar or WorkingCalendar()
    monday = next_weekday(after + timedelta(days=lead_days - 1), MONDAY)
    while True:
        week = [monday + timedelta(days=i) for i in range(5)]
        if week[-1].year == monday.year and all(map(working.is_working_day, week)):
            return monday
        monday += timedelta(days=7)


async def skip_to(env: WorkflowEnvironment, moment: datetime) -> None:
    """Move the time-skipping server's clock forward to `moment` (never back)."""
    now = await env.get_current_time()
    if moment > now:
        await env.sleep(moment - now)
