from datetime import UTC, date, datetime

import pytest
from pydantic import BaseModel

from domain.calendar.workdays import WorkingCalendar
from domain.plan.dates import (
    DateContext,
    DateExpr,
    DateExprError,
    MonthDayTerm,
    OffsetUnit,
    PhaseTerm,
    evaluate,
    parse_date_expr,
)

CALENDAR = WorkingCalendar()
NOW = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)


def context(start: str = "2026-11-20", end: str | None = None, **phases: tuple[str, str]):
    return DateContext(
        calendar=CALENDAR,
        now=NOW,
        period_start=parse_date_expr(start),
        period_end=parse_date_expr(end) if end else None,
        phases={key: (parse_date_expr(a), parse_date_expr(b)) for key, (a, b) in phases.items()},
    )


def value(text: str, ctx: DateContext | None = None):
    return evaluate(parse_date_expr(text), ctx or context())


def test_parse_builds_an_ast_and_keeps_normalised_text():
    expr = parse_date_expr("  phase.zhifa-1.end   -  2 working days + 1 week ")
    assert expr.text == "phase.zhifa-1.end - 2 working days + 1 week"
    assert expr.term == PhaseTerm("zhifa-1", "end")
    assert [(o.sign, o.unit, o.amount) for o in expr.offsets] == [
        (-1, OffsetUnit.WORKING_DAY, 2),
        (1, OffsetUnit.DAY, 7),
    ]
    assert parse_date_expr("12-30").term == MonthDayTerm(12, 30)
    assert expr == DateExpr("phase.zhifa-1.end - 2 working days + 1 week")
    assert expr.phase_refs() == {"zhifa-1"}


def test_spring_festival_minus_one_day_for_a_november_2026_start():
    assert value("spring_festival - 1 day") == date(2027, 2, 5)


def test_working_days_cross_national_day_2026():
    ctx = context(start="2026-09-24")
    # 09-25..27 中秋 off, 10-01..07 国庆 off, 10-10 (Sat) makeup working day
    assert value("campaign.start + 10 working days", ctx) == date(2026, 10, 15)
    assert value("campaign.start + 10 days", ctx) == date(2026, 10, 4)
    assert value("2026-10-08 - 1 working day", ctx) == date(2026, 9, 30)


def test_now_plus_iso_duration_is_an_instant():
    result = value("now + PT10M")
    assert result == datetime(2026, 11, 26, 1, 10, tzinfo=UTC)
    assert isinstance(result, datetime)
    assert value("now - PT1H30M") == datetime(2026, 11, 25, 23, 30, tzinfo=UTC)


def test_dates_with_time_durations_start_at_beijing_midnight():
    assert value("2026-12-01 + PT10M") == datetime(2026, 11, 30, 16, 10, tzinfo=UTC)
    assert value("2026-12-01 + P3D") == date(2026, 12, 4)
    assert value("2026-12-01 + P1W") == date(2026, 12, 8)


def test_working_days_on_an_instant_keep_the_time_of_day():
    ctx = DateContext(
        calendar=CALENDAR,
        now=datetime(2026, 9, 30, 2, 0, tzinfo=UTC),
        period_start=date(2026, 9, 1),
    )
    assert value("now + 1 working day", ctx) == datetime(2026, 10, 8, 2, 0, tzinfo=UTC)


def test_month_days_land_on_or_after_the_period_start():
    assert value("12-30") == date(2026, 12, 30)
    assert value("01-30") == date(2027, 1, 30)
    assert value("11-20") == date(2026, 11, 20)
    assert value("11-19") == date(2027, 11, 19)


def test_month_day_in_the_period_start_means_the_current_year():
    assert value("campaign.start", context(start="11-01")) == date(2026, 11, 1)


def test_months_and_weeks():
    assert value("2027-01-31 + 1 month") == date(2027, 2, 28)
    assert value("campaign.start + 2 weeks") == date(2026, 12, 4)
    assert value("campaign.start - 11 months") == date(2025, 12, 20)


def test_phase_references_and_campaign_end():
    ctx = context(
        end="spring_festival - 1 day",
        paicha=("campaign.start", "12-31"),
        zhifa=("phase.paicha.end + 1 day", "campaign.end"),
    )
    assert value("phase.zhifa.start", ctx) == date(2027, 1, 1)
    assert value("phase.zhifa.end - 3 working days", ctx) == date(2027, 2, 2)


def test_unknown_phase():
    with pytest.raises(DateExprError) as caught:
        value("phase.nope.end")
    assert (caught.value.code, caught.value.message) == ("unknown_phase", "阶段 nope 不存在")


def test_cycle_between_phase_references():
    ctx = context(a=("phase.b.end", "12-31"), b=("11-20", "phase.a.start + 1 week"))
    with pytest.raises(DateExprError) as caught:
        value("phase.a.start", ctx)
    assert caught.value.code == "cycle"
    assert caught.value.message == "日期引用形成循环：phase.a.start → phase.b.end → phase.a.start"


def test_campaign_end_of_a_standing_plan():
    with pytest.raises(DateExprError) as caught:
        value("campaign.end")
    assert caught.value.code == "no_period_end"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "tomorrow",
        "12-32",
        "2026-02-30",
        "campaign.start +",
        "campaign.start + 3 fortnights",
        "now + P",
        "campaign.middle",
        "12-30 1 day",
    ],
)
def test_parse_errors(text: str):
    with pytest.raises(DateExprError) as caught:
        parse_date_expr(text)
    assert caught.value.code == "invalid_date_expr"


def test_parse_error_points_at_the_character():
    with pytest.raises(DateExprError) as caught:
        parse_date_expr("campaign.start + 3 fortnights")
    assert caught.value.message == (
        "无法解析日期表达式“campaign.start + 3 fortnights”：第 18 个字符处（“3 fortnights”）"
        "应为时长，如“3 days”“2 working days”“1 month”“PT10M”"
    )


class Holder(BaseModel):
    when: DateExpr


def test_date_expr_as_a_pydantic_field():
    assert Holder.model_validate({"when": date(2026, 12, 31)}).when == DateExpr("2026-12-31")
    holder = Holder(when=DateExpr("spring_festival - 1 day"))
    assert holder.model_dump_json() == '{"when":"spring_festival - 1 day"}'
    assert Holder.model_validate_json(holder.model_dump_json()) == holder
    assert Holder.model_json_schema()["properties"]["when"]["type"] == "string"
    with pytest.raises(ValueError) as caught:
        Holder.model_validate({"when": "tomorrow"})
    assert "无法解析日期表达式“tomorrow”" in str(caught.value)
