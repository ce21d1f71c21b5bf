"""Days off as Chinese law counts them (民法典 第二百零三条): a deadline on a day off ends on the
next working day, "before" a festival means before its holiday begins, and a plan may choose
otherwise per deadline. Pure functions, so the dates are fixed."""

from datetime import UTC, date, datetime

import pytest
import yaml

from documents.plan_file import load_plan
from domain.calendar.workdays import WorkingCalendar
from domain.plan.errors import PlanInvalid
from domain.plan.model import DayOffRule, ReportKind, report_day_off_rule
from domain.plan.schedule import day_off_note, on_day_off, schedule_plan

CALENDAR = WorkingCalendar()
NOW = datetime(2026, 11, 20, 1, tzinfo=UTC)


def plan(**changes: object) -> str:
    data: dict[str, object] = {
        "key": "demo",
        "title": "演示",
        "level": "city",
        "region": "天津市",
        "root_unit": "tj",
        "period": {"end": "spring_festival - 1 working day"},
        "tasks": [
            {"key": "a", "title": "元旦截止", "lead_unit": "tj.office", "deadline": "01-01"},
            {
                "key": "b",
                "title": "照常截止",
                "lead_unit": "tj.office",
                "deadline": "01-01",
                "on_day_off": "keep",
            },
            {
                "key": "c",
                "title": "提前截止",
                "lead_unit": "tj.office",
                "deadline": "01-01",
                "on_day_off": "previous_working_day",
            },
        ],
        "reporting": [
            {"key": "s", "kind": "summary", "title": "总结", "owner": "tj.office", "due": "01-30"},
        ],
    }
    data.update(changes)
    return yaml.safe_dump(data, allow_unicode=True)


def test_the_rule_itself():
    new_year = date(2027, 1, 1)  # a Friday, and a holiday
    assert on_day_off(new_year, DayOffRule.NEXT_WORKING_DAY, CALENDAR) == date(2027, 1, 4)
    assert on_day_off(new_year, DayOffRule.PREVIOUS_WORKING_DAY, CALENDAR) == date(2026, 12, 31)
    assert on_day_off(new_year, DayOffRule.KEEP, CALENDAR) == new_year
    working = date(2026, 12, 31)
    assert {on_day_off(working, rule, CALENDAR) for rule in DayOffRule} == {working}
    assert day_off_note(new_year, date(2027, 1, 4)) == (
        "原定 2027-01-01（星期五）为休息日，顺延至 2027-01-04（星期一）"
    )
    assert day_off_note(new_year, date(2026, 12, 31)).endswith("提前至 2026-12-31（星期四）")


def test_each_deadline_follows_its_own_rule_and_the_moves_are_recorded():
    loaded = load_plan(plan(), calendar=CALENDAR, now=NOW)
    dates = schedule_plan(loaded, calendar=CALENDAR, now=NOW)
    assert loaded.period.start is not None and loaded.period.start.text == "2026-11-20"
    assert [dates.values[f"tasks[{i}].deadline"] for i in range(3)] == [
        date(2027, 1, 4),
        date(2027, 1, 1),
        date(2026, 12, 31),
    ]
    assert dates.values["reporting[0].due"] == date(2027, 2, 1)  # 01-30 is a Saturday
    assert dates.moved == {
        "tasks[0].deadline": date(2027, 1, 1),
        "tasks[2].deadline": date(2027, 1, 1),
        "reporting[0].due": date(2027, 1, 30),
    }


def test_before_the_spring_festival_is_the_last_working_day_before_its_holiday():
    # 春节 2027 is Saturday 02-06; its eve, Friday 02-05, is already a day off
    dates = schedule_plan(load_plan(plan(), calendar=CALENDAR, now=NOW), calendar=CALENDAR, now=NOW)
    assert dates.period_end == date(2027, 2, 4)
    assert CALENDAR.is_working_day(date(2027, 2, 4))
    assert not CALENDAR.is_working_day(date(2027, 2, 5))


def test_reports_on_a_rhythm_keep_holidays_only_when_daily_and_never_move_earlier():
    assert report_day_off_rule(ReportKind.DAILY, None) is DayOffRule.KEEP
    assert report_day_off_rule(ReportKind.WEEKLY, None) is DayOffRule.NEXT_WORKING_DAY
    assert report_day_off_rule(ReportKind.MONTHLY, None) is DayOffRule.NEXT_WORKING_DAY
    assert report_day_off_rule(ReportKind.DAILY, DayOffRule.NEXT_WORKING_DAY) is (
        DayOffRule.NEXT_WORKING_DAY
    )
    weekly = {
        "key": "w",
        "kind": "weekly",
        "title": "周报",
        "owner": "tj.office",
        "weekday": 5,
        "on_day_off": "previous_working_day",
    }
    with pytest.raises(PlanInvalid) as caught:
        load_plan(plan(reporting=[weekly]), calendar=CALENDAR, now=NOW)
    assert [(e.path, e.code) for e in caught.value.errors] == [
        ("reporting[0].on_day_off", "day_off_rule")
    ]


def test_an_explicit_start_overrides_the_template_and_is_written_into_the_plan():
    text = plan(period={"start": "2026-11-01", "end": "spring_festival - 1 working day"})
    loaded = load_plan(text, calendar=CALENDAR, now=NOW, start=date(2027, 11, 20))
    assert loaded.period.start is not None and loaded.period.start.text == "2027-11-20"
    again = schedule_plan(loaded, calendar=CALENDAR, now=datetime(2031, 1, 1, tzinfo=UTC))
    assert (again.period_start, again.period_end) == (date(2027, 11, 20), date(2028, 1, 24))
