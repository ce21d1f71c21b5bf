"""The Schedule each recurring duty gets: when it fires, from when to when, what it starts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from temporalio.client import ScheduleOverlapPolicy

from activities.report_schedules import report_schedule, scheduled_duties
from domain.plan.model import ReportKind
from domain.plan.resolve import ResolvedReporting
from domain.reports.requests import ReportRequest, SchedulesInput, schedule_id


def duty(key: str, kind: ReportKind, **fields: object) -> ResolvedReporting:
    values: dict[str, object] = {
        "key": key, "kind": kind, "title": key, "owners": ["tj.office"], "due": None,
        "weekday": None, "day_of_month": None, "start": None, "end": None,
    }  # fmt: skip
    return ResolvedReporting.model_validate(values | fields)


BODY = SchedulesInput(
    campaign_id="c1",
    reporting=(
        duty("weekly", ReportKind.WEEKLY, weekday=7),
        duty("monthly", ReportKind.MONTHLY, day_of_month=5),
        duty("daily", ReportKind.DAILY, start=date(2027, 1, 23), end=date(2027, 2, 5)),
        duty("special", ReportKind.SPECIAL),
        duty("summary", ReportKind.SUMMARY, due=date(2027, 1, 30)),
    ),
    period_start=date(2026, 11, 20),
    period_end=date(2027, 2, 5),
)


def test_only_recurring_duties_get_a_schedule() -> None:
    assert [d.key for d in scheduled_duties(BODY)] == ["weekly", "monthly", "daily"]
    assert schedule_id("c1", "weekly") == "reports:c1:weekly"


def test_weekly_fires_at_eight_on_its_weekday_for_the_campaign() -> None:
    weekly = report_schedule(BODY, BODY.reporting[0])
    [calendar] = weekly.spec.calendars
    assert [(r.start, r.end) for r in calendar.hour] == [(8, 8)]
    assert [r.start for r in calendar.day_of_week] == [0]  # ISO 7 (Sunday) is Temporal's 0
    assert weekly.spec.time_zone_name == "Asia/Shanghai"
    assert weekly.spec.start_at == datetime(2026, 11, 19, 16, tzinfo=UTC)  # 11-20 00:00 Beijing
    assert weekly.spec.end_at == datetime(2027, 2, 5, 16, tzinfo=UTC)  # end of 02-05 Beijing
    action = weekly.action
    assert action.workflow == "Report"  # type: ignore[attr-defined]
    [request] = action.args  # type: ignore[attr-defined]
    assert request == ReportRequest(campaign_id="c1", duty_key="weekly", kind=ReportKind.WEEKLY)
    # a run waiting out a long holiday must not make the next firing be skipped
    assert weekly.policy.overlap is ScheduleOverlapPolicy.ALLOW_ALL
    assert weekly.policy.catchup_window == timedelta(days=10)


def test_monthly_and_daily_ranges() -> None:
    monthly = report_schedule(BODY, BODY.reporting[1])
    assert [r.start for r in monthly.spec.calendars[0].day_of_month] == [5]
    daily = report_schedule(BODY, BODY.reporting[2])
    # each day of 01-23 … 02-05 is reported on the next morning
    assert daily.spec.start_at == datetime(2027, 1, 23, 16, tzinfo=UTC)
    assert daily.spec.end_at == datetime(2027, 2, 6, 16, tzinfo=UTC)
