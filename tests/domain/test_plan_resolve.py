from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain.calendar.workdays import WorkingCalendar
from domain.escalation import DEFAULT_LADDER
from domain.plan.errors import PlanInvalid
from domain.plan.model import Plan
from domain.plan.resolve import ResolvedCampaign, assignment_key, resolve_plan
from domain.units.model import UnitSpec

CALENDAR = WorkingCalendar()
NOW = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)


def unit(code: str, kind: str, parent: str | None, level: str = "city", **extra: Any) -> UnitSpec:
    return UnitSpec(code=code, name=code, level=level, kind=kind, parent=parent, **extra)


UNITS = [
    unit("tj", "leading_group", None),
    unit("tj.office", "office", "tj"),
    unit("tj.rsj", "member_unit", "tj", deputy_leader=True),
    unit("tj.gaj", "member_unit", "tj", deputy_leader=True),
    unit("tj.xcb", "member_unit", "tj"),
    unit("tj.hp", "district", "tj", "district"),
    unit("tj.hp.office", "office", "tj.hp", "district"),
    unit("tj.hp.rsj", "member_unit", "tj.hp", "district"),
    unit("tj.hp.x", "town", "tj.hp", "town"),
    unit("tj.hp.x.y", "village", "tj.hp.x", "village"),
    unit("tj.hd", "district", "tj", "district"),
    unit("tj.hd.office", "office", "tj.hd", "district"),
    unit("other", "leading_group", None),
]


def task(key: str, units: list[str], deadline: str = "12-31", **extra: Any) -> dict[str, Any]:
    return {
        "key": key,
        "title": key,
        "lead_unit": "tj.office",
        "responsible_units": units,
        "deadline": deadline,
        **extra,
    }


def plan(tasks: list[dict[str, Any]], **changes: Any) -> Plan:
    data: dict[str, Any] = {
        "key": "demo",
        "title": "演示",
        "level": "city",
        "region": "天津市",
        "root_unit": "tj",
        "period": {"start": "2026-11-20", "end": "spring_festival - 1 day"},
        "phases": [{"key": "zhifa", "name": "执法化解", "start": "12-01", "end": "campaign.end"}],
        "tasks": tasks,
        **changes,
    }
    return Plan.model_validate(data)


def resolve(p: Plan, **kwargs: Any) -> ResolvedCampaign:
    return resolve_plan(p, calendar=CALENDAR, now=kwargs.pop("now", NOW), units=UNITS, **kwargs)


def units_of(campaign: ResolvedCampaign, task_key: str) -> list[str]:
    return [a.unit for a in campaign.assignments if a.task_key == task_key]


def test_selectors_expand_over_the_unit_tree():
    campaign = resolve(
        plan(
            [
                task("d", ["@districts"]),
                task("o", ["@district_offices"]),
                task("m", ["@members"]),
                task("v", ["@villages"]),
                task("t", ["@towns"]),
                task("l", ["@deputy_leaders"]),
                task("mix", ["@districts", "tj.hp", "tj.rsj", "tj.office"]),
                task("alone", []),
            ]
        )
    )
    assert units_of(campaign, "d") == ["tj.hp", "tj.hd"]
    assert units_of(campaign, "o") == ["tj.hp.office", "tj.hd.office"]
    assert units_of(campaign, "m") == ["tj.rsj", "tj.gaj", "tj.xcb"]
    assert units_of(campaign, "v") == ["tj.hp.x.y"]
    assert units_of(campaign, "t") == ["tj.hp.x"]
    assert units_of(campaign, "l") == ["tj.rsj", "tj.gaj"]
    assert units_of(campaign, "mix") == ["tj.hp", "tj.hd", "tj.rsj", "tj.office"]
    assert units_of(campaign, "alone") == ["tj.office"]


def test_assignment_carries_dates_and_a_stable_key():
    campaign = resolve(plan([task("xuanchuan", ["tj.rsj"], phase="zhifa")]))
    [assignment] = campaign.assignments
    assert assignment.key == "xuanchuan:tj.rsj" == assignment_key("xuanchuan", "tj.rsj", None)
    assert assignment.deadline == date(2026, 12, 31)
    assert assignment.deadline_at == datetime(2026, 12, 31, 16, tzinfo=UTC)
    assert assignment.phase_key == "zhifa"
    assert assignment.occurrence is None
    assert campaign.period_start == date(2026, 11, 20)
    assert campaign.period_end == date(2027, 2, 5)
    assert [(p.key, p.start, p.end) for p in campaign.phases] == [
        ("zhifa", date(2026, 12, 1), date(2027, 2, 5))
    ]
    assert campaign.provisional_years == [2027]
    assert campaign.escalation == DEFAULT_LADDER


def test_demo_deadline_ten_minutes_from_now():
    campaign = resolve(plan([task("demo", ["tj.rsj"], deadline="now + PT10M")]))
    [assignment] = campaign.assignments
    assert assignment.deadline_at == datetime(2026, 11, 26, 1, 10, tzinfo=UTC)
    assert assignment.deadline == date(2026, 11, 26)


def test_every_unknown_unit_is_reported_with_its_path():
    p = plan(
        [
            task("a", ["tj.rsj", "tj.nope"]),
            {**task("b", ["@villages", "@district_offices"]), "lead_unit": "tj.ghost"},
        ],
        leading_group=[{"role": "leader", "unit": "tj.boss"}],
        reporting=[{"key": "w", "kind": "weekly", "title": "周报", "owner": "x", "weekday": 5}],
    )
    units = [u for u in UNITS if u.kind != "village"]
    with pytest.raises(PlanInvalid) as caught:
        resolve_plan(p, calendar=CALENDAR, now=NOW, units=units)
    assert [(e.path, e.code, e.message) for e in caught.value.errors] == [
        ("leading_group[0].unit", "unknown_unit", "单位 tj.boss 不存在"),
        ("tasks[0].responsible_units[1]", "unknown_unit", "单位 tj.nope 不存在"),
        ("tasks[1].lead_unit", "unknown_unit", "单位 tj.ghost 不存在"),
        ("tasks[1].responsible_units[0]", "empty_selector", "选择器 @villages 未匹配到任何单位"),
        ("reporting[0].owner", "unknown_unit", "单位 x 不存在"),
    ]


def test_unknown_root_unit():
    with pytest.raises(PlanInvalid) as caught:
        resolve(plan([task("a", ["tj.rsj"])], root_unit="tianjin"))
    assert caught.value.errors[0].path == "root_unit"


STANDING = {"start": "2026-11-01", "standing": True}


def test_monthly_recurrence_from_today_to_the_horizon():
    monthly = {"every": "monthly", "day": 1, "deadline_offset_working_days": 5}
    recurring = {**task("ledger", ["tj.rsj", "tj.gaj"]), "deadline": None, "recurrence": monthly}
    campaign = resolve(plan([recurring], period=STANDING, phases=[]), horizon=date(2027, 3, 1))
    slots = [(a.occurrence, a.unit, a.deadline) for a in campaign.assignments]
    assert slots == [
        ("2026-12", "tj.rsj", date(2026, 12, 8)),
        ("2026-12", "tj.gaj", date(2026, 12, 8)),
        ("2027-01", "tj.rsj", date(2027, 1, 8)),  # 01-01 off: 01-04 … 01-08
        ("2027-01", "tj.gaj", date(2027, 1, 8)),
        ("2027-02", "tj.rsj", date(2027, 2, 10)),  # 02-05..08 off (provisional)
        ("2027-02", "tj.gaj", date(2027, 2, 10)),
        ("2027-03", "tj.rsj", date(2027, 3, 8)),
        ("2027-03", "tj.gaj", date(2027, 3, 8)),
    ]
    assert campaign.assignments[0].key == "ledger:tj.rsj:2026-12"
    assert campaign.period_end is None and campaign.standing


def test_default_horizon_of_a_standing_plan_is_a_year():
    monthly = {"every": "monthly", "day": 28}
    recurring = {**task("ledger", ["tj.rsj"]), "deadline": None, "recurrence": monthly}
    campaign = resolve(plan([recurring], period=STANDING, phases=[]))
    occurrences = [a.occurrence for a in campaign.assignments]
    assert occurrences[0] == "2026-11" and occurrences[-1] == "2027-10"
    assert len(occurrences) == 12  # 2027-11-28 is past 2027-11-26
    assert campaign.assignments[0].deadline == date(2026, 11, 30)  # 11-28 is a Saturday


def test_weekly_recurrence_uses_iso_weeks():
    weekly = {"every": "weekly", "day": 5}
    recurring = {**task("week", ["tj.rsj"]), "deadline": None, "recurrence": weekly}
    campaign = resolve(plan([recurring], period=STANDING, phases=[]), horizon=date(2026, 12, 12))
    assert [(a.occurrence, a.deadline) for a in campaign.assignments] == [
        ("2026-W48", date(2026, 11, 27)),
        ("2026-W49", date(2026, 12, 4)),
        ("2026-W50", date(2026, 12, 11)),
    ]


def test_resolved_campaign_survives_json():
    campaign = resolve(plan([task("a", ["@districts"], deadline="now + PT10M")]))
    assert ResolvedCampaign.model_validate_json(campaign.model_dump_json()) == campaign
