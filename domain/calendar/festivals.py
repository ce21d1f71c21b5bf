"""Dates of the lunar and solar-term festivals that the statutory holidays hang on.

The State Council publishes each year's arrangement only late in the year before, so deadlines
that reach further ahead need these dates computed rather than looked up.
"""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from lunardate import LunarDate

MIN_YEAR = 1900
MAX_YEAR = 2099


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"农历节日仅能推算 {MIN_YEAR}–{MAX_YEAR} 年，不支持 {year} 年")


def _lunar(year: int, month: int, day: int) -> date:
    """Festivals fall in the ordinary (non-leap) month, and lunar year Y's first eight months
    always land in Gregorian year Y, so the lunar year doubles as the Gregorian one."""
    _check_year(year)
    solar: date = LunarDate(year, month, day).to_solar_date()
    return solar


def spring_festival(year: int) -> date:
    """春节: the first day of the lunar year that begins in Gregorian `year`."""
    return _lunar(year, 1, 1)


def spring_festival_eve(year: int) -> date:
    """除夕: counted back from 春节 because the twelfth month ends on the 29th or the 30th."""
    return spring_festival(year) - timedelta(days=1)


def qingming(year: int) -> date:
    """清明 is a solar term, not a lunar date, so it moves between 4 and 5 April."""
    _check_year(year)
    terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
    day: date = next(d for d, name in terms if name == "清明")
    return day


def dragon_boat(year: int) -> date:
    """端午: fifth day of the fifth lunar month."""
    return _lunar(year, 5, 5)


def mid_autumn(year: int) -> date:
    """中秋: fifteenth day of the eighth lunar month; it can coincide with 国庆."""
    return _lunar(year, 8, 15)
