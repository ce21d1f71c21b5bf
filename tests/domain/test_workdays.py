import time
from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from domain.calendar.workdays import (
    PROVISIONAL_NOTE,
    WorkingCalendar,
    YearArrangement,
    covering_years,
    official_arrangement,
    provisional_arrangement,
)

# Not the real 2027 notice (unpublished when written): a stand-in shaped like one, whose 春节
# break runs Feb 5-11 with 调休 on Sunday Jan 31 and Saturday Feb 20.
OFFICIAL_2027 = YearArrangement(
    year=2027,
    holidays=[
        "2027-01-01",
        {"start": "2027-02-05", "end": "2027-02-11"},
        {"start": "2027-10-01", "end": "2027-10-07"},
    ],
    makeup_workdays=["2027-01-31", "2027-02-20", "2027-10-09"],
    source="official",
    note="测试用 2027 年安排",
)


@pytest.fixture
def calendar():
    return WorkingCalendar()


def d(text):
    return date.fromisoformat(text)


# --- 2026, published data from chinese_calendar ---------------------------------------------


def test_official_2026_national_day_and_mid_autumn_as_the_library_has_them():
    arrangement = official_arrangement(2026)
    assert arrangement is not None
    assert arrangement.source == "official"
    off = arrangement.holiday_dates()
    assert {d("2026-09-25"), d("2026-09-26"), d("2026-09-27")} <= off
    assert {date(2026, 10, day) for day in range(1, 8)} <= off
    assert d("2026-10-08") not in off
    assert arrangement.makeup_workdays == (
        d("2026-01-04"),
        d("2026-02-14"),
        d("2026-02-28"),
        d("2026-05-09"),
        d("2026-09-20"),
        d("2026-10-10"),
    )


def test_2026_national_day_working_days(calendar):
    assert calendar.source(2026) == "official"
    assert not calendar.is_provisional(2026)
    for day in range(1, 8):
        assert not calendar.is_working_day(date(2026, 10, day))
    assert calendar.is_working_day(d("2026-10-08"))
    assert calendar.is_working_day(d("2026-09-20"))  # Sunday, 调休
    assert calendar.is_working_day(d("2026-10-10"))  # Saturday, 调休
    assert not calendar.is_working_day(d("2026-10-11"))
    assert not calendar.is_working_day(d("2026-09-25"))  # Friday, 中秋
    assert calendar.add_working_days(d("2026-09-30"), 1) == d("2026-10-08")
    assert calendar.add_working_days(d("2026-09-30"), 4) == d("2026-10-12")
    assert calendar.add_working_days(d("2026-09-24"), 1) == d("2026-09-28")
    assert calendar.add_working_days(d("2026-09-19"), 1) == d("2026-09-20")


def test_friday_plus_one_is_monday(calendar):
    assert calendar.add_working_days(d("2026-03-06"), 1) == d("2026-03-09")


def test_zero_rolls_forward_only_when_needed(calendar):
    assert calendar.add_working_days(d("2026-09-30"), 0) == d("2026-09-30")
    assert calendar.add_working_days(d("2026-10-03"), 0) == d("2026-10-08")
    assert calendar.add_working_days(d("2026-10-10"), 0) == d("2026-10-10")


def test_backward_counting(calendar):
    assert calendar.add_working_days(d("2026-10-08"), -1) == d("2026-09-30")
    assert calendar.add_working_days(d("2026-10-05"), -1) == d("2026-09-30")
    assert calendar.add_working_days(d("2026-09-28"), -1) == d("2026-09-24")
    assert calendar.add_working_days(d("2026-09-21"), -1) == d("2026-09-20")
    assert calendar.add_working_days(d("2026-03-09"), -1) == d("2026-03-06")
    assert calendar.add_working_days(d("2027-01-04"), -2) == d("2026-12-30")


def test_working_days_between(calendar):
    assert calendar.working_days_between(d("2026-09-30"), d("2026-10-08")) == 1
    assert calendar.working_days_between(d("2026-10-08"), d("2026-09-30")) == -1
    assert calendar.working_days_between(d("2026-10-01"), d("2026-10-01")) == 0
    assert calendar.working_days_between(d("2026-09-30"), d("2026-10-12")) == 4
    assert calendar.working_days_between(d("2026-12-31"), d("2027-01-04")) == 1


def test_arithmetic_agrees_with_walking_day_by_day(calendar):
    def walk(start, n):
        day, step, left = start, (1 if n > 0 else -1), abs(n)
        while left:
            day += timedelta(days=step)
            left -= calendar.is_working_day(day)
        return day

    for start in (d("2025-12-20"), d("2026-09-26"), d("2026-12-31"), d("2027-02-05")):
        for n in (1, 2, 7, 10, 30, 200, 400, -1, -10, -200):
            end = calendar.add_working_days(start, n)
            assert end == walk(start, n), (start, n)
            if calendar.is_working_day(start):
                assert calendar.working_days_between(start, end) == n


def test_adding_days_is_fast(calendar):
    calendar.add_working_days(d("2026-01-05"), 400)  # fill the per-year caches
    began = time.perf_counter()
    for _ in range(1000):
        calendar.add_working_days(d("2026-09-30"), 10)
        calendar.add_working_days(d("2026-09-30"), 200)
    assert time.perf_counter() - began < 0.1


# --- 2027, provisional ---------------------------------------------------------------------


def test_provisional_2027(calendar):
    assert calendar.source(2027) == "provisional"
    assert calendar.is_provisional(2027)
    assert not calendar.is_working_day(d("2027-01-01"))
    for text in ("2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"):
        assert not calendar.is_working_day(d(text)), text
    assert calendar.is_working_day(d("2027-02-09"))
    assert calendar.add_working_days(d("2026-12-31"), 1) == d("2027-01-04")
    assert calendar.add_working_days(d("2027-02-04"), 1) == d("2027-02-09")
    assert calendar.add_working_days(d("2027-02-09"), -1) == d("2027-02-04")


def test_provisional_has_only_statutory_days_and_no_makeup():
    arrangement = provisional_arrangement(2027)
    assert arrangement.source == "provisional"
    assert arrangement.note == PROVISIONAL_NOTE
    assert arrangement.makeup_workdays == ()
    assert sorted(arrangement.holiday_dates()) == [
        d("2027-01-01"),
        d("2027-02-05"),
        d("2027-02-06"),
        d("2027-02-07"),
        d("2027-02-08"),
        d("2027-04-05"),
        d("2027-05-01"),
        d("2027-05-02"),
        d("2027-06-09"),
        d("2027-09-15"),
        d("2027-10-01"),
        d("2027-10-02"),
        d("2027-10-03"),
    ]


def test_mid_autumn_on_national_day_merges_into_one_span():
    assert provisional_arrangement(2028).holiday_dates() >= {
        date(2028, 10, day) for day in (1, 2, 3)
    }
    assert [(s.start, s.end) for s in provisional_arrangement(2028).holidays][-1] == (
        d("2028-10-01"),
        d("2028-10-03"),
    )


@pytest.mark.parametrize("year", [2025, 2026])
def test_provisional_days_are_all_off_in_the_published_years(year):
    official = official_arrangement(year)
    assert official is not None
    assert provisional_arrangement(year).holiday_dates() <= official.holiday_dates()


def test_provisional_years_between(calendar):
    assert calendar.provisional_years_between(d("2026-01-01"), d("2026-12-31")) == []
    assert calendar.provisional_years_between(d("2026-12-01"), d("2028-01-05")) == [2027, 2028]
    assert calendar.provisional_years_between(d("2028-01-05"), d("2026-12-01")) == [2027, 2028]


def test_official_arrangement_is_none_past_the_library_data():
    assert official_arrangement(2027) is None


# --- loaded arrangements -------------------------------------------------------------------


def test_loaded_2027_overrides_provisional(calendar):
    loaded = calendar.with_arrangement(OFFICIAL_2027)
    assert calendar.source(2027) == "provisional"  # the original is untouched
    assert loaded.source(2027) == "loaded"
    assert not loaded.is_provisional(2027)
    assert loaded.provisional_years_between(d("2027-01-01"), d("2027-12-31")) == []
    assert calendar.add_working_days(d("2027-02-04"), 1) == d("2027-02-09")
    assert loaded.add_working_days(d("2027-02-04"), 1) == d("2027-02-12")
    assert loaded.add_working_days(d("2027-01-29"), 1) == d("2027-01-31")
    assert loaded.add_working_days(d("2027-02-19"), 1) == d("2027-02-20")
    assert loaded.add_working_days(d("2027-02-12"), -1) == d("2027-02-04")
    # loaded years replace the whole provisional year, not just the listed festivals
    assert loaded.is_working_day(d("2027-04-05"))
    assert not calendar.is_working_day(d("2027-04-05"))


def test_loaded_arrangement_can_override_an_official_year():
    year_2026 = YearArrangement(year=2026, source="official", note="覆盖")
    overridden = WorkingCalendar({2026: year_2026})
    assert overridden.source(2026) == "loaded"
    assert overridden.add_working_days(d("2026-09-30"), 1) == d("2026-10-01")


def test_loaded_provisional_stays_provisional():
    own = provisional_arrangement(2027).model_copy(update={"note": "本办暂定"})
    calendar = WorkingCalendar([own])
    assert calendar.source(2027) == "loaded"
    assert calendar.is_provisional(2027)


def test_round_trip_as_plain_data():
    calendar = WorkingCalendar().with_arrangement(OFFICIAL_2027)
    payload = [a.model_dump(mode="json") for a in calendar.arrangements]
    rebuilt = WorkingCalendar([YearArrangement.model_validate(p) for p in payload])
    assert rebuilt.arrangements == [OFFICIAL_2027]
    assert rebuilt.add_working_days(d("2027-02-04"), 1) == d("2027-02-12")


def test_with_arrangement_replaces_the_same_year():
    first = WorkingCalendar([OFFICIAL_2027])
    empty_2027 = YearArrangement(year=2027, source="official")
    second = first.with_arrangement(empty_2027)
    assert second.arrangements == [empty_2027]
    assert first.arrangements == [OFFICIAL_2027]


def test_calendar_rejects_ambiguous_loads():
    with pytest.raises(ValueError, match="重复加载"):
        WorkingCalendar([OFFICIAL_2027, OFFICIAL_2027])
    with pytest.raises(ValueError, match="不一致"):
        WorkingCalendar({2028: OFFICIAL_2027})


# --- validation ----------------------------------------------------------------------------


def _errors(**fields):
    with pytest.raises(ValidationError) as raised:
        YearArrangement(year=2027, source="official", **fields)
    return [(e["loc"], e["msg"]) for e in raised.value.errors()]


def test_makeup_day_that_is_also_a_holiday():
    errors = _errors(holidays=["2027-10-02"], makeup_workdays=["2027-09-26", "2027-10-02"])
    assert errors == [
        (("makeup_workdays", 1), "makeup_workdays[1]: 2027-10-02 同时被列为放假日和调休上班日")
    ]


def test_makeup_day_inside_a_holiday_span():
    errors = _errors(
        holidays=[{"start": "2027-10-01", "end": "2027-10-07"}], makeup_workdays=["2027-10-03"]
    )
    assert errors == [
        (("makeup_workdays", 0), "makeup_workdays[0]: 2027-10-03 同时被列为放假日和调休上班日")
    ]


def test_dates_outside_the_year():
    errors = _errors(
        holidays=["2027-01-01", {"start": "2027-12-31", "end": "2028-01-01"}],
        makeup_workdays=["2026-12-26"],
    )
    assert errors == [
        (("holidays", 1), "holidays[1]: 2028-01-01 不在 2027 年内"),
        (("makeup_workdays", 0), "makeup_workdays[0]: 2026-12-26 不在 2027 年内"),
    ]


def test_reversed_span_and_weekday_makeup_reported_together():
    errors = _errors(
        holidays=[{"start": "2027-10-07", "end": "2027-10-01"}], makeup_workdays=["2027-10-11"]
    )
    assert errors == [
        (("holidays", 0), "holidays[0]: 起始日期 2027-10-07 晚于结束日期 2027-10-01"),
        (
            ("makeup_workdays", 0),
            "makeup_workdays[0]: 2027-10-11 是周一，调休上班日只能是周六或周日",
        ),
    ]


def test_arrangement_is_frozen():
    with pytest.raises(ValidationError):
        OFFICIAL_2027.year = 2028  # type: ignore[misc]


def test_a_sealed_calendar_never_reads_the_installed_library():
    """A workflow rebuilds its calendar sealed: a year it was not given is computed
    provisionally, even where chinese_calendar has the published one (2026's 调休 Sundays)."""
    published = WorkingCalendar()
    sealed = WorkingCalendar(sealed=True)
    assert published.source(2026) == "official" and sealed.source(2026) == "provisional"
    makeup_sunday = date(2026, 1, 4)  # 2026 元旦 调休: a Sunday worked
    assert published.is_working_day(makeup_sunday)
    assert not sealed.is_working_day(makeup_sunday)


def test_frozen_years_carry_what_the_calendar_answers_today():
    frozen = WorkingCalendar().frozen(covering_years(date(2026, 12, 28)))
    assert [(a.year, a.source) for a in frozen] == [
        (2025, "official"),
        (2026, "official"),
        (2027, "provisional"),
    ]
    again = WorkingCalendar(frozen, sealed=True)
    assert again.is_working_day(date(2026, 1, 4))  # the 2026 arrangement travels with it
    assert again.add_working_days(date(2026, 12, 28), 5) == WorkingCalendar().add_working_days(
        date(2026, 12, 28), 5
    )
    reloaded = again.with_arrangement(
        YearArrangement(
            year=2027,
            holidays=[{"start": date(2027, 1, 1), "end": date(2027, 1, 4)}],
            source="official",
        )
    )
    assert reloaded.add_working_days(date(2026, 12, 28), 5) == date(2027, 1, 6)
    assert (
        reloaded.source(2024) == "provisional"
    )  # still sealed after a reload: the library has 2024
