"""Report periods and ids from an instant, and the district ranking with ties and gaps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from domain.plan.model import ReportKind
from domain.reports.figures import DistrictRow
from domain.reports.periods import period_for, report_id, report_instant, scheduled_as_of
from domain.reports.ranking import rank_districts


def bj(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC) - timedelta(hours=8)


START = date(2026, 11, 20)


def test_a_scheduled_run_reports_as_of_the_last_midnight() -> None:
    fired = bj(2026, 12, 7, 8, 0) + timedelta(seconds=3)
    assert scheduled_as_of(ReportKind.WEEKLY, fired) == bj(2026, 12, 7)
    assert scheduled_as_of(ReportKind.DAILY, fired) == bj(2026, 12, 7)
    assert scheduled_as_of(ReportKind.MONTHLY, bj(2027, 1, 5, 8)) == bj(2027, 1, 1)


def test_periods_by_kind() -> None:
    weekly = period_for(ReportKind.WEEKLY, bj(2026, 12, 7), START)
    assert (weekly.start, weekly.label) == (bj(2026, 11, 30), "2026年11月30日—12月6日")
    first = period_for(ReportKind.WEEKLY, bj(2026, 11, 23), START)  # never before the start
    assert (first.start, first.label) == (bj(2026, 11, 20), "2026年11月20日—11月22日")
    daily = period_for(ReportKind.DAILY, bj(2027, 2, 1), START)
    assert (daily.start, daily.label) == (bj(2027, 1, 31), "2027年1月31日")
    monthly = period_for(ReportKind.MONTHLY, bj(2027, 1, 1), START)
    assert (monthly.start, monthly.label) == (bj(2026, 12, 1), "2026年12月1日—12月31日")
    now = period_for(ReportKind.MONTHLY, bj(2026, 12, 15, 10, 30), START)
    assert (now.start, now.label) == (bj(2026, 12, 1), "2026年12月1日—12月15日（截至10:30）")
    special = period_for(ReportKind.SPECIAL, bj(2026, 12, 15, 10, 30), START)
    assert special.start == bj(2026, 11, 20)


def test_report_ids_name_the_instant() -> None:
    assert report_id("c1", "weekly", bj(2026, 12, 7)) == "report:c1:weekly:20261207T0000"
    assert (
        report_id("c1", "special", bj(2026, 12, 7, 9, 5) + timedelta(seconds=7), "case:x")
        == "report:c1:special:20261207T090507.000000:case:x"
    )


def row(code: str, *rates: str | None) -> DistrictRow:
    values = [None if r is None else Decimal(r) for r in rates]
    return DistrictRow(
        rank=0, code=code, name=code, tasks_due=0, tasks_on_time=0, on_time_rate=values[0],
        cases_received=0, cases_closed=0, clearance_rate=values[1], indicator_rate=values[2],
    )  # fmt: skip


def test_ranking_orders_by_the_three_rates_and_shares_ties() -> None:
    ranked = rank_districts(
        [
            row("d", None, None, None),
            row("a", "80.0", "50.0", "90.0"),
            row("b", "80.0", "60.0", None),
            row("c", "80.0", "50.0", "90.0"),
            row("e", "0.0", None, None),
        ]
    )
    assert [(r.rank, r.code) for r in ranked] == [(1, "b"), (2, "a"), (2, "c"), (4, "e"), (5, "d")]


def test_a_monthly_bulletin_asked_for_covers_the_last_whole_month() -> None:
    for asked in (bj(2026, 12, 1, 10, 30), bj(2026, 12, 15, 9), bj(2026, 12, 1)):
        as_of = report_instant(ReportKind.MONTHLY, asked, START)
        assert as_of == bj(2026, 12, 1)
        covered = period_for(ReportKind.MONTHLY, as_of, START)
        assert covered.label == "2026年11月20日—11月30日"  # November, from the campaign's start
    january = report_instant(ReportKind.MONTHLY, bj(2027, 1, 3, 11), START)
    assert period_for(ReportKind.MONTHLY, january, START).label == "2026年12月1日—12月31日"
    # in its first month a campaign has no whole month behind it: the month so far
    early = report_instant(ReportKind.MONTHLY, bj(2026, 11, 25, 16), START)
    assert early == bj(2026, 11, 25, 16)
    assert period_for(ReportKind.MONTHLY, early, START).label == (
        "2026年11月20日—11月25日（截至16:00）"
    )
    weekly = report_instant(ReportKind.WEEKLY, bj(2026, 12, 1, 10, 30), START)
    assert weekly == bj(2026, 12, 1, 10, 30)
