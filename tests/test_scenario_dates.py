"""The scenario helpers keep their promises whatever day the suite runs on: each is run for every
start day from today to five years ahead, as the server-running tests would call it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from domain.calendar import festivals
from domain.calendar.workdays import HolidaySpan, WorkingCalendar
from tests.scenario_dates import (
    MONDAY,
    arrangement_with_days_off,
    beijing_date,
    beijing_time,
    costs_a_weekday,
    days_off_around,
    first_month_day_on_or_after,
    machine_today,
    monday_before_next_new_year,
    monday_of,
    next_holiday,
    next_new_year,
    next_new_year_break,
    next_ordinary_monday,
    next_provisional_spring_festival,
    next_spring_festival,
    nth_working_day,
    previous_weekday,
    working_day_before,
    working_day_on_or_after,
    working_days_before_next_holiday,
)

CALENDAR = WorkingCalendar()
YEARS = 5


def start_days() -> Iterator[date]:
    today = machine_today()
    for offset in range(YEARS * 366):
        yield today + timedelta(days=offset)


def is_whole_break(span: HolidaySpan) -> bool:
    """Every day of the span off, and a working day on either side of it."""
    return (
        not any(map(CALENDAR.is_working_day, span.days()))
        and CALENDAR.is_working_day(span.start - timedelta(days=1))
        and CALENDAR.is_working_day(span.end + timedelta(days=1))
    )


def test_nth_working_day_agrees_with_the_calendar_arithmetic() -> None:
    for day in start_days():
        for n in (-6, -5, -4, -3, -2, -1, 1, 2, 3, 5, 9, 30, 60):
            assert nth_working_day(day, n, CALENDAR) == CALENDAR.add_working_days(day, n)
    with pytest.raises(ValueError):
        nth_working_day(machine_today(), 0)


def test_monday_before_next_new_year() -> None:
    for day in start_days():
        monday = monday_before_next_new_year(day, lead_days=7)
        new_year = next_new_year(monday)
        assert monday.weekday() == MONDAY and (monday - day).days >= 7
        assert monday < new_year <= monday + timedelta(days=7)


def test_next_spring_festival_is_the_first_far_enough() -> None:
    for day in start_days():
        festival = next_spring_festival(day, lead_days=30)
        assert festival == festivals.spring_festival(festival.year)
        assert (festival - day).days >= 30
        assert (festivals.spring_festival(festival.year - 1) - day).days < 30


def test_next_holiday_and_counting_across_it() -> None:
    for day in start_days():
        holiday = next_holiday(day, CALENDAR)
        assert holiday.end > day and is_whole_break(holiday) and costs_a_weekday(holiday)
        for n in (1, 10, 30):
            start = working_days_before_next_holiday(day, n, CALENDAR)
            end = CALENDAR.add_working_days(start, n)
            assert start > day and CALENDAR.is_working_day(start)
            between = HolidaySpan(start=start, end=end).days()
            assert any(d.weekday() < 5 and not CALENDAR.is_working_day(d) for d in between)


def test_a_count_of_working_days_ending_after_a_holiday() -> None:
    """test_case_logic's extension: a close deadline 30 working days before a holiday begins,
    60 working days after a day received in the future."""
    for day in start_days():
        soon = day + timedelta(days=7)
        holiday = next_holiday(nth_working_day(soon, 90, CALENDAR), CALENDAR)
        close = nth_working_day(holiday.start, -30, CALENDAR)
        received = nth_working_day(close, -60, CALENDAR)
        assert received > soon and CALENDAR.add_working_days(received, 60) == close
        assert CALENDAR.add_working_days(close, 30) == nth_working_day(holiday.end, 1, CALENDAR)
        assert costs_a_weekday(holiday)


def test_next_new_year_break() -> None:
    for day in start_days():
        span = next_new_year_break(day, lead_days=14, calendar=CALENDAR)
        new_year = date(span.end.year, 1, 1)
        assert span.start <= new_year <= span.end
        assert is_whole_break(span) and costs_a_weekday(span)
        assert (span.start - day).days >= 14
        # the case's receipt (4 working days before) and every ladder step lie ahead
        assert nth_working_day(span.start, -4, CALENDAR) - day >= timedelta(days=3)
        for year in range(next_new_year(day).year, new_year.year):  # none earlier would do
            earlier = days_off_around(date(year, 1, 1), CALENDAR)
            assert (earlier.start - day).days < 14 or not costs_a_weekday(earlier)


def test_next_provisional_spring_festival() -> None:
    for day in start_days():
        festival = next_provisional_spring_festival(day, lead_days=30, calendar=CALENDAR)
        assert festival == festivals.spring_festival(festival.year)
        assert CALENDAR.is_provisional(festival.year) and (festival - day).days >= 30
        holiday = days_off_around(festival, CALENDAR)
        assert holiday.start.year == holiday.end.year == festival.year
        assert is_whole_break(holiday) and costs_a_weekday(holiday)
        deadline = nth_working_day(holiday.start, -2, CALENDAR)
        assert nth_working_day(deadline, -3, CALENDAR) - day >= timedelta(days=7)
        assert nth_working_day(deadline, 2, CALENDAR) == nth_working_day(holiday.end, 1, CALENDAR)


def is_ordinary_week(monday: date) -> bool:
    week = [monday + timedelta(days=i) for i in range(5)]
    return all(map(CALENDAR.is_working_day, week)) and week[-1].year == monday.year


def test_next_ordinary_monday_and_its_loaded_week_off() -> None:
    for day in start_days():
        monday = next_ordinary_monday(day, lead_days=14, calendar=CALENDAR)
        week = [monday + timedelta(days=i) for i in range(5)]
        assert monday.weekday() == MONDAY and (monday - day).days >= 14
        assert is_ordinary_week(monday)
        before = monday - timedelta(days=7)
        assert (before - day).days < 14 or not is_ordinary_week(before)
        loaded = WorkingCalendar([arrangement_with_days_off(monday.year, (week[0], week[2]))])
        assert nth_working_day(monday, 2, loaded) == week[4]
        assert nth_working_day(monday, -3, loaded) - day >= timedelta(days=3)


def test_a_published_year_and_a_weekend_new_year_are_passed_over() -> None:
    """Fixed dates here: pure functions of the calendar, they never age."""
    published = WorkingCalendar(
        [arrangement_with_days_off(2027, (date(2027, 1, 1), date(2027, 1, 3)))]
    )
    assert next_provisional_spring_festival(date(2026, 12, 1), calendar=published) == date(
        2028, 1, 26
    )
    saturday = WorkingCalendar()  # 2028 provisional: 1 January a Saturday, no 补假
    assert date(2028, 1, 1).weekday() == 5 and saturday.is_provisional(2028)
    span = next_new_year_break(date(2027, 12, 1), calendar=saturday)
    assert (span.start, span.end) == (date(2028, 12, 30), date(2029, 1, 1))  # Sat to Mon


def test_campaign_starts_and_the_smaller_helpers() -> None:
    for day in start_days():
        on = working_day_on_or_after(day, CALENDAR)
        assert CALENDAR.is_working_day(on) and on >= day
        assert all(not CALENDAR.is_working_day(d) for d in _days(day, on))
        before = working_day_before(day, 14, CALENDAR)
        assert CALENDAR.is_working_day(before) and (day - before).days >= 14
        assert all(
            not CALENDAR.is_working_day(d)
            for d in _days(before + timedelta(1), day - timedelta(13))
        )
        for month, month_day in ((12, 30), (1, 30), (11, 1)):
            found = first_month_day_on_or_after(day, month, month_day)
            assert (found.month, found.day) == (month, month_day)
            assert day <= found < day + timedelta(days=366)
        assert (
            previous_weekday(day, 3).weekday() == 3
            and 0 < (day - previous_weekday(day, 3)).days <= 7
        )
        assert monday_of(day).weekday() == MONDAY and 0 <= (day - monday_of(day)).days < 7
        assert beijing_date(beijing_time(day, 0, 30)) == day


def _days(first: date, last: date) -> list[date]:
    """Days from `first` up to but not including `last`."""
    return [first + timedelta(days=n) for n in range((last - first).days)]
