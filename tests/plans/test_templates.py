"""The five source plans as templates: each loads and resolves against its own units file with the
real calendar, and the counts follow from the plan texts.

These are pure functions of (template, start, now): the starts below are fixed on purpose, and a
template names no year, so the same template started in 2027 or 2030 is tested too.
"""

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import plans
from documents.plan_file import list_templates, load_plan_file
from documents.units_file import read_units_file
from domain.calendar.workdays import WorkingCalendar
from domain.escalation import start_of_day
from domain.plan.errors import PlanInvalid
from domain.plan.model import Deliverable
from domain.plan.resolve import ResolvedCampaign, resolve_plan
from domain.units.model import UnitKind, UnitLevel

KEYS = [
    "pian1-tianjin-winter",
    "pian2-banzhu-standing",
    "pian3-mulaoyuan-special",
    "pian4-shuanggang-winter",
    "pian5-hongqiao-winter",
]


def plans_file(relative: str) -> Path:
    """Templates and unit files may sit in different checkouts of the `plans` package."""
    for folder in plans.__path__:
        candidate = Path(folder) / relative
        if candidate.exists():
            return candidate
    raise FileNotFoundError(relative)


STARTS = {  # the day each source plan's winter (or summer) begins
    "pian1-tianjin-winter": date(2026, 11, 20),
    "pian2-banzhu-standing": date(2026, 12, 1),
    "pian3-mulaoyuan-special": date(2027, 6, 2),
    "pian4-shuanggang-winter": date(2026, 11, 16),
    "pian5-hongqiao-winter": date(2026, 11, 1),
}


def campaign(key: str, start: date | None = None) -> ResolvedCampaign:
    """The template started on `start` (its source plan's day by default), at 09:00 that day."""
    day = start or STARTS[key]
    now = start_of_day(day) + timedelta(hours=9)
    plan = load_plan_file(plans_file(f"{key}.yaml"), calendar=WorkingCalendar(), now=now, start=day)
    assert plan.key == key
    assert plan.units_file is not None
    units = read_units_file(plans_file(plan.units_file)).units
    return resolve_plan(plan, calendar=WorkingCalendar(), now=now, units=units)


def per_task(c: ResolvedCampaign) -> dict[str, int]:
    return dict(Counter(a.task_key for a in c.assignments))


def test_all_five_templates_are_listed():
    folder = plans_file(f"{KEYS[0]}.yaml").parent
    infos = list_templates(folder)
    assert [i.key for i in infos] == KEYS
    assert [i.level for i in infos] == [UnitLevel.CITY] + [UnitLevel.TOWN] * 4
    assert infos[0].region == "天津市" and infos[0].file == "pian1-tianjin-winter.yaml"


@pytest.mark.parametrize("key", KEYS)
def test_every_template_resolves_with_unique_assignment_keys(key: str):
    c = campaign(key)
    keys = [a.key for a in c.assignments]
    assert len(keys) == len(set(keys)) > 0
    assert c.provisional_years == ([2027, 2028] if key.startswith("pian3") else [2027])


@pytest.mark.parametrize(
    "file",
    ["units-banzhu.yaml", "units-mulaoyuan.yaml", "units-shuanggang.yaml", "units-hongqiao.yaml"],
)
def test_town_unit_files_have_a_town_leading_group_and_office(file: str):
    units = read_units_file(plans_file(f"data/{file}")).units
    root = units[0]
    assert (root.kind, root.level, root.parent) == (UnitKind.LEADING_GROUP, UnitLevel.TOWN, None)
    assert [u.kind for u in units].count(UnitKind.OFFICE) == 1
    assert all(u.level is UnitLevel.TOWN for u in units)
    assert not [u for u in units if u.kind is UnitKind.VILLAGE]  # no plan names its villages


def test_pian1_tianjin_ten_measures():
    c = campaign("pian1-tianjin-winter")
    # 春节 2027 is Sat 02-06, its eve (02-05) a day off: "春节前" ends on Thu 02-04
    assert (c.period_start, c.period_end) == (date(2026, 11, 20), date(2027, 2, 4))
    assert c.phases == []
    assert per_task(c) == {
        "m01-publicity": 16,
        "m02-screening": 16,
        "m03-liaison": 16,
        "m04-source": 16 + 4,  # 发展改革、财政、国资、住建
        "m05-early-warning": 16 + 1,  # 市人社局
        "m06-rapid-handling": 16 + 2,  # 政务服务办、信访办
        "m07-enforcement": 6,  # 法院与人社、住建、公安、检察、金融监管
        "m08-joint-punishment": 16,
        "m09-atmosphere": 16 + 2,  # 宣传部、网信办
        "m10-harmony": 16 + 1,  # 公安局
        "report.phase-progress": 16,  # 各区阶段进展（12-30前），可零报告
        "report.summary": 16,  # 各区总结（01-30前）
    }
    measures = [a for a in c.assignments if not a.task_key.startswith("report.")]
    assert len(measures) == 160
    assert {a.deadline for a in measures} == {date(2027, 2, 4)}
    assert {a.deadline_at for a in measures} == {datetime(2027, 2, 4, 16, tzinfo=UTC)}
    owed = {a.task_key: (a.deadline, a.deliverables) for a in c.assignments if a.unit == "tj.hp"}
    assert owed["report.phase-progress"] == (date(2026, 12, 30), [Deliverable.REPORT])
    # 01-30 is a Saturday: due on Monday 02-01 (民法典 第二百零三条), and the task says why
    assert owed["report.summary"] == (date(2027, 2, 1), [Deliverable.REPORT])
    summary = next(a for a in c.assignments if a.key == "report.summary:tj.hp")
    assert "原定 2027-01-30（星期六）为休息日，顺延至 2027-02-01（星期一）" in summary.description
    reporting = {r.key: r for r in c.reporting}
    assert reporting["phase-progress"].due == date(2026, 12, 30)
    assert reporting["summary"].due == date(2027, 2, 1)
    assert len(reporting["weekly-report"].owners) == 16
    assert reporting["monthly-bulletin"].owners == ["tj.office"]
    assert [(g.key, g.date) for g in c.goals] == [
        ("hazards-cleared", date(2027, 2, 4)),
        ("cases-cleared", date(2027, 2, 4)),
    ]


def test_pian1_started_next_winter_ends_before_its_spring_festival():
    c = campaign("pian1-tianjin-winter", date(2027, 11, 20))
    # 春节 2028 is Wed 01-26 and its eve a day off: the last working day before is Mon 01-24
    assert (c.period_start, c.period_end) == (date(2027, 11, 20), date(2028, 1, 24))
    measures = [a for a in c.assignments if not a.task_key.startswith("report.")]
    assert {a.deadline for a in measures} == {date(2028, 1, 24)}
    reporting = {r.key: r for r in c.reporting}
    assert reporting["phase-progress"].due == date(2027, 12, 30)
    assert reporting["summary"].due == date(2028, 1, 31)  # 01-30 is a Sunday
    assert reporting["summary"].due_note == (
        "原定 2028-01-30（星期日）为休息日，顺延至 2028-01-31（星期一）"
    )
    assert [g.date for g in c.goals] == [date(2028, 1, 24)] * 2
    assert c.provisional_years == [2027, 2028]


def test_pian1_started_in_2030():
    c = campaign("pian1-tianjin-winter", date(2030, 11, 20))
    # 春节 2031 is Thu 01-23, its eve Wed 01-22 a day off: the period ends Tue 01-21
    assert c.period_end == date(2031, 1, 21)
    reporting = {r.key: r for r in c.reporting}
    assert (reporting["phase-progress"].due, reporting["summary"].due) == (
        date(2030, 12, 30),
        date(2031, 1, 30),  # a Thursday: stays
    )
    assert reporting["summary"].due_note == ""


def test_no_template_names_a_year():
    for key in KEYS:
        text = plans_file(f"{key}.yaml").read_text("utf-8")
        assert not re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text), key


def test_a_start_that_puts_a_phase_end_before_its_start_names_the_path():
    # 篇五 started on 12-02: its month-days fall on or after the start, so publicity
    # (11-01–11-30) is all next November, after the period; screening would start next
    # 11-15 but end this 01-15; enforcement start next 12-01 but end before this 春节
    with pytest.raises(PlanInvalid) as raised:
        campaign("pian5-hongqiao-winter", date(2026, 12, 2))
    assert {(e.path, e.code) for e in raised.value.errors} == {
        ("phases[0]", "outside_period"),
        ("phases[1].end", "before_start"),
        ("phases[2].end", "before_start"),
    }


def test_pian2_banzhu_monthly_occurrences():
    c = campaign("pian2-banzhu-standing")
    assert c.standing and c.period_end is None
    assert per_task(c) == {
        "labour-contracts": 5 * 13,  # 2026-12 up to 2027-12: a year from the start day
        "real-name": 5 * 13,
        "wage-ledger": 6 * 13,
        "credit-evaluation": 5,
        "joint-punishment": 5,
        "funds-supervision": 5,
        "emergency-response": 7,
        "inspection-accountability": 10 * 13,
    }
    ledger = [a for a in c.assignments if a.task_key == "wage-ledger" and a.unit == "bz.rszx"]
    assert [a.occurrence for a in ledger] == ["2026-12", *(f"2027-{m:02d}" for m in range(1, 13))]
    assert [a.deadline for a in ledger[:3]] == [
        date(2026, 12, 8),
        date(2027, 1, 8),
        date(2027, 2, 10),
    ]
    assert ledger[0].key == "wage-ledger:bz.rszx:2026-12"
    one_off = [a for a in c.assignments if a.task_key == "credit-evaluation"]
    assert {a.deadline for a in one_off} == {date(2027, 1, 4)}  # a month on is New Year's Day


def test_pian3_mulaoyuan_two_phases():
    c = campaign("pian3-mulaoyuan-special")
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("publicity", date(2027, 6, 2), date(2027, 6, 30)),
        ("enforcement", date(2027, 7, 1), date(2027, 7, 31)),
    ]
    assert per_task(c) == {
        "publicity": 7,
        "mobilisation": 7,
        "full-screening": 3,
        "settlement": 3,
        "joint-inspection": 7,
    }
    deadlines = {a.task_key: a.deadline for a in c.assignments}
    assert deadlines["full-screening"] == date(2027, 6, 30)
    assert deadlines["settlement"] == date(2028, 1, 24)  # the last working day before 春节
    # 07-31 is a Saturday and the plan keeps the inspections inside their phase
    assert deadlines["joint-inspection"] == date(2027, 7, 30)


def test_pian4_shuanggang_two_zeroes():
    c = campaign("pian4-shuanggang-winter")
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("publicity", date(2026, 11, 16), date(2026, 11, 30)),
        ("enforcement", date(2026, 11, 18), date(2027, 2, 4)),
    ]
    assert [(g.key, g.date, g.project_types) for g in c.goals] == [
        ("clear-public-projects", date(2026, 12, 31), ["政府投资项目", "国企项目", "PPP项目"]),
        ("clear-other-cases", date(2027, 2, 4), []),
    ]
    assert per_task(c) == {
        "publicity": 2,
        "self-inspection": 2,
        "joint-enforcement": 16,
        "clear-public-projects": 3,
        "clear-other-cases": 3,
        "emergency-stability": 4,
    }
    daily = next(r for r in c.reporting if r.kind == "daily")
    assert (daily.start, daily.end) == (date(2027, 1, 23), date(2027, 2, 4))


def test_pian5_hongqiao_overlapping_phases():
    c = campaign("pian5-hongqiao-winter")
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("publicity", date(2026, 11, 1), date(2026, 11, 30)),
        ("screening", date(2026, 11, 15), date(2027, 1, 15)),
        ("enforcement", date(2026, 12, 1), date(2027, 2, 4)),
    ]
    assert per_task(c) == {
        "publicity-self-check": 4,
        "daily-patrol": 1,
        "project-screening": 3,
        "courier-screening": 1,
        "employer-inspection": 1,
        "project-inspection": 3,
        "joint-inspection": 11,
    }
