from datetime import date, timedelta

import chinese_calendar
import holidays
import pytest

from domain.calendar.festivals import (
    dragon_boat,
    mid_autumn,
    qingming,
    spring_festival,
    spring_festival_eve,
)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
        (2028, date(2028, 1, 26)),
    ],
)
def test_spring_festival(year, expected):
    assert spring_festival(year) == expected


def test_eve_is_the_day_before_new_year_whatever_the_month_length():
    assert spring_festival_eve(2027) == date(2027, 2, 5)
    assert spring_festival_eve(2025) == date(2025, 1, 28)


@pytest.mark.parametrize(
    ("festival", "year", "expected"),
    [
        (qingming, 2024, date(2024, 4, 4)),
        (qingming, 2026, date(2026, 4, 5)),
        (qingming, 2027, date(2027, 4, 5)),
        (dragon_boat, 2026, date(2026, 6, 19)),
        (dragon_boat, 2027, date(2027, 6, 9)),
        (mid_autumn, 2026, date(2026, 9, 25)),
        (mid_autumn, 2027, date(2027, 9, 15)),
        (mid_autumn, 2028, date(2028, 10, 3)),
    ],
)
def test_other_festivals(festival, year, expected):
    assert festival(year) == expected


@pytest.mark.parametrize("year", range(2008, 2027))
def test_computed_festivals_fall_inside_published_days_off(year):
    for festival in (spring_festival, qingming, dragon_boat, mid_autumn):
        day = festival(year)
        assert not chinese_calendar.is_workday(day), (festival, day)


def test_years_outside_lunar_tables_are_refused_in_chinese():
    with pytest.raises(ValueError, match="不支持 2100 年"):
        spring_festival(2100)
    with pytest.raises(ValueError, match="不支持 1899 年"):
        qingming(1899)


def test_spring_festival_always_in_its_gregorian_year():
    for year in range(1901, 2100):
        day = spring_festival(year)
        assert day.year == year
        assert date(year, 1, 21) <= day <= date(year, 2, 20)
        assert spring_festival_eve(year) == day - timedelta(days=1)


def test_agrees_with_the_holidays_library_for_unpublished_years():
    names = {
        "春节": spring_festival,
        "清明节": qingming,
        "端午节": dragon_boat,
        "中秋节": mid_autumn,
    }
    for year in range(2027, 2100):
        listed = holidays.China(years=year, language="zh_CN")  # type: ignore[attr-defined]
        for name, festival in names.items():
            assert name in listed.get_list(festival(year)), (year, name)
