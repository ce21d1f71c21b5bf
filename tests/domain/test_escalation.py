from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from domain.calendar.workdays import WorkingCalendar
from domain.escalation import (
    DEFAULT_LADDER,
    EscalationLadder,
    EscalationStep,
    Recipient,
    StepAction,
    deadline_at,
    step_due_at,
    step_due_at_instant,
)

CALENDAR = WorkingCalendar()


def utc(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def due_times(deadline: date) -> dict[str, datetime]:
    return {step.key: step_due_at(deadline, step, CALENDAR) for step in DEFAULT_LADDER.steps}


def test_default_ladder_climbs_from_reminder_to_accountability():
    steps = DEFAULT_LADDER.steps
    assert [(s.key, s.action, s.offset_working_days) for s in steps] == [
        ("remind", StepAction.REMIND, -3),
        ("warn", StepAction.WARN, 0),
        ("supervise", StepAction.SUPERVISE, 2),
        ("accountability", StepAction.ACCOUNTABILITY, 5),
    ]
    assert steps[0].recipients == [Recipient.UNIT]
    assert steps[1].recipients == [Recipient.UNIT, Recipient.UNIT_HEAD, Recipient.OFFICE]
    assert steps[2].recipients == [Recipient.OFFICE, Recipient.LEADER]
    assert steps[3].recipients == [Recipient.OFFICE, Recipient.LEADER]
    assert steps[0].label == "到期前提醒"


def test_deadline_is_the_end_of_the_beijing_day():
    assert deadline_at(date(2026, 12, 30)) == utc(2026, 12, 30, 16)
    assert deadline_at(date(2026, 12, 30)).tzinfo == UTC


def test_national_day_2026_official_calendar():
    # 中秋 09-25..27 off, 国庆 10-01..07 off, 调休上班 10-10 (Sat).
    assert due_times(date(2026, 9, 30)) == {
        "remind": utc(2026, 9, 24, 1),  # 09-29, 09-28, (09-25..27 off), 09-24 at 09:00 +08
        "warn": utc(2026, 9, 30, 16),
        "supervise": utc(2026, 10, 9, 16),  # 10-08, 10-09
        "accountability": utc(2026, 10, 13, 16),  # 10-10 (makeup Sat), 10-12, 10-13
    }


def test_deadline_on_a_makeup_saturday_counts_back_over_the_holiday():
    assert due_times(date(2026, 10, 10))["remind"] == utc(2026, 9, 30, 1)
    assert due_times(date(2026, 9, 20))["warn"] == utc(2026, 9, 20, 16)


def test_new_year_2027_provisional():
    assert CALENDAR.is_provisional(2027)
    assert due_times(date(2026, 12, 31)) == {
        "remind": utc(2026, 12, 28, 1),
        "warn": utc(2026, 12, 31, 16),
        "supervise": utc(2027, 1, 5, 16),  # 01-01 off: 01-04, 01-05
        "accountability": utc(2027, 1, 8, 16),
    }


def test_spring_festival_2027_deadline_on_a_day_off_is_not_moved():
    # provisional: 02-05..02-08 off; the deadline 02-05 (春节前一天) is itself a day off.
    assert due_times(date(2027, 2, 5)) == {
        "remind": utc(2027, 2, 2, 1),
        "warn": utc(2027, 2, 5, 16),
        "supervise": utc(2027, 2, 10, 16),  # 02-09, 02-10
        "accountability": utc(2027, 2, 15, 16),  # 02-11, 02-12, 02-15
    }


def step(key: str, offset: int) -> dict[str, object]:
    return {
        "key": key,
        "action": "remind",
        "label": "提醒",
        "offset_working_days": offset,
        "recipients": ["unit"],
    }


def test_ladder_reports_every_ordering_and_key_problem_with_its_path():
    with pytest.raises(ValidationError) as caught:
        EscalationLadder.model_validate(
            {"steps": [step("a", -1), step("b", 1), step("a", 1), step("c", 0)]}
        )
    errors = [(e["loc"], e["type"], e["msg"]) for e in caught.value.errors()]
    assert errors == [
        (("steps", 2, "key"), "duplicate_key", "键 a 重复（与 steps[0] 相同）"),
        (("steps", 2, "offset_working_days"), "not_increasing", "偏移工作日须严格大于上一步（1）"),
        (("steps", 3, "offset_working_days"), "not_increasing", "偏移工作日须严格大于上一步（1）"),
    ]


def test_ladder_and_steps_must_not_be_empty():
    with pytest.raises(ValidationError) as caught:
        EscalationLadder.model_validate({"steps": []})
    assert caught.value.errors()[0]["type"] == "too_short"
    with pytest.raises(ValidationError) as caught:
        EscalationStep.model_validate({**step("a", 1), "recipients": []})
    assert caught.value.errors()[0]["loc"] == ("recipients",)


def test_ladder_survives_a_json_round_trip():
    assert EscalationLadder.model_validate_json(DEFAULT_LADDER.model_dump_json()) == DEFAULT_LADDER


def test_a_deadline_to_the_minute_keeps_its_time_of_day() -> None:
    steps = {s.key: s for s in DEFAULT_LADDER.steps}
    deadline = utc(2027, 1, 4, 2)  # Mon 01-04 10:00 Beijing
    assert step_due_at_instant(deadline, steps["warn"], CALENDAR) == deadline
    assert step_due_at_instant(deadline, steps["remind"], CALENDAR) == utc(2026, 12, 29, 2)
    assert step_due_at_instant(deadline, steps["supervise"], CALENDAR) == utc(2027, 1, 6, 2)
