"""The five source plans as templates: each loads and resolves against its own units file with the
real calendar, and the counts follow from the plan texts."""

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import plans
from domain.plan.loader import list_templates, load_plan_file
from domain.plan.model import Deliverable
from domain.plan.resolve import ResolvedCampaign, resolve_plan
from domain.units import UnitKind, UnitLevel
from domain.units_file import read_units_file
from domain.workdays import WorkingCalendar

NOW = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
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


def campaign(key: str) -> ResolvedCampaign:
    plan = load_plan_file(plans_file(f"{key}.yaml"), calendar=WorkingCalendar(), now=NOW)
    assert plan.key == key
    assert plan.units_file is not None
    units = read_units_file(plans_file(plan.units_file)).units
    return resolve_plan(plan, calendar=WorkingCalendar(), now=NOW, units=units)


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
    assert (c.period_start, c.period_end) == (date(2026, 11, 20), date(2027, 2, 5))
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
    assert {a.deadline for a in measures} == {date(2027, 2, 5)}
    assert {a.deadline_at for a in measures} == {datetime(2027, 2, 5, 16, tzinfo=UTC)}
    owed = {a.task_key: (a.deadline, a.deliverables) for a in c.assignments if a.unit == "tj.hp"}
    assert owed["report.phase-progress"] == (date(2026, 12, 30), [Deliverable.REPORT])
    assert owed["report.summary"] == (date(2027, 1, 30), [Deliverable.REPORT])
    reporting = {r.key: r for r in c.reporting}
    assert reporting["phase-progress"].due == date(2026, 12, 30)
    assert reporting["summary"].due == date(2027, 1, 30)
    assert len(reporting["weekly-report"].owners) == 16
    assert reporting["monthly-bulletin"].owners == ["tj.office"]
    assert [(g.key, g.date) for g in c.goals] == [
        ("hazards-cleared", date(2027, 2, 5)),
        ("cases-cleared", date(2027, 2, 5)),
    ]


def test_pian2_banzhu_monthly_occurrences():
    c = campaign("pian2-banzhu-standing")
    assert c.standing and c.period_end is None
    assert per_task(c) == {
        "labour-contracts": 5 * 12,
        "real-name": 5 * 12,
        "wage-ledger": 6 * 12,
        "credit-evaluation": 5,
        "joint-punishment": 5,
        "funds-supervision": 5,
        "emergency-response": 7,
        "inspection-accountability": 10 * 12,
    }
    ledger = [a for a in c.assignments if a.task_key == "wage-ledger" and a.unit == "bz.rszx"]
    assert [a.occurrence for a in ledger] == ["2026-12", *(f"2027-{m:02d}" for m in range(1, 12))]
    assert [a.deadline for a in ledger[:3]] == [
        date(2026, 12, 8),
        date(2027, 1, 8),
        date(2027, 2, 10),
    ]
    assert ledger[0].key == "wage-ledger:bz.rszx:2026-12"
    one_off = [a for a in c.assignments if a.task_key == "credit-evaluation"]
    assert {a.deadline for a in one_off} == {date(2027, 1, 1)}


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
    assert deadlines["settlement"] == date(2028, 1, 25)


def test_pian4_shuanggang_two_zeroes():
    c = campaign("pian4-shuanggang-winter")
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("publicity", date(2026, 11, 16), date(2026, 11, 30)),
        ("enforcement", date(2026, 11, 18), date(2027, 2, 5)),
    ]
    assert [(g.key, g.date, g.project_types) for g in c.goals] == [
        ("clear-public-projects", date(2026, 12, 31), ["政府投资项目", "国企项目", "PPP项目"]),
        ("clear-other-cases", date(2027, 2, 5), []),
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
    assert (daily.start, daily.end) == (date(2027, 1, 23), date(2027, 2, 5))


def test_pian5_hongqiao_overlapping_phases():
    c = campaign("pian5-hongqiao-winter")
    assert [(p.key, p.start, p.end) for p in c.phases] == [
        ("publicity", date(2026, 11, 1), date(2026, 11, 30)),
        ("screening", date(2026, 11, 15), date(2027, 1, 15)),
        ("enforcement", date(2026, 12, 1), date(2027, 2, 5)),
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
