import json
from copy import deepcopy
from datetime import UTC, datetime
from typing import Any

import pytest
import yaml

from documents.plan_file import load_plan
from domain.calendar.workdays import WorkingCalendar
from domain.escalation import DEFAULT_LADDER
from domain.plan.errors import PlanInvalid
from domain.plan.model import LeaderRole, PhaseKind, Plan

NOW = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)

BASE: dict[str, Any] = {
    "key": "demo",
    "title": "演示专项行动",
    "level": "city",
    "region": "天津市",
    "root_unit": "tj",
    "period": {"start": "2026-11-20", "end": "spring_festival - 1 day"},
    "phases": [
        {
            "key": "xuanchuan",
            "name": "宣传自查",
            "kind": "publicity",
            "start": "campaign.start",
            "end": "11-30",
        },
        {"key": "paicha", "name": "排查", "kind": "screening", "start": "11-25", "end": "01-15"},
        {
            "key": "zhifa",
            "name": "执法化解",
            "kind": "enforcement",
            "start": "12-01",
            "end": "campaign.end",
        },
    ],
    "tasks": [
        {
            "key": "xuanchuan",
            "title": "广泛宣传",
            "phase": "xuanchuan",
            "lead_unit": "tj.office",
            "responsible_units": ["@districts"],
            "deadline": "phase.xuanchuan.end",
        },
    ],
    "reporting": [
        {
            "key": "progress",
            "kind": "phase_progress",
            "title": "阶段进展",
            "owner": "@districts",
            "due": "12-30",
        },
    ],
}


def plan_text(**changes: Any) -> str:
    data = deepcopy(BASE)
    data.update(changes)
    return yaml.safe_dump(data, allow_unicode=True)


def load(text: str) -> Plan:
    return load_plan(text, calendar=WorkingCalendar(), now=NOW)


def errors_of(text: str) -> list[tuple[str, str, str]]:
    with pytest.raises(PlanInvalid) as caught:
        load(text)
    return [(e.path, e.code, e.message) for e in caught.value.errors]


def test_valid_plan_loads_with_defaults():
    plan = load(plan_text())
    assert plan.phases[2].kind is PhaseKind.ENFORCEMENT
    assert plan.escalation == DEFAULT_LADDER
    assert plan.tasks[0].deliverables == ["note"]
    assert str(plan.period.end) == "spring_festival - 1 day"


def test_json_text_loads_too_and_round_trips():
    plan = load(json.dumps(BASE, ensure_ascii=False))
    assert Plan.model_validate_json(plan.model_dump_json()) == plan


def test_unquoted_yaml_dates_are_accepted():
    plan = load(plan_text().replace("start: '2026-11-20'", "start: 2026-11-20"))
    assert str(plan.period.start) == "2026-11-20"


def test_schema_is_available_for_the_api():
    schema = Plan.model_json_schema()
    assert schema["title"] == "根治欠薪专项行动方案"
    assert "Phase" in schema["$defs"]
    assert schema["$defs"]["Phase"]["properties"]["start"]["title"] == "日期表达式"


def test_field_errors_are_all_reported_in_chinese_with_paths():
    data = deepcopy(BASE)
    del data["title"]
    data["colour"] = "red"
    data["level"] = "province"
    data["phases"][1]["end"] = "01-15 + 2 fortnights"
    data["tasks"][0]["key"] = "Bad Key"
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == [
        ("title", "missing", "缺少必填字段"),
        ("level", "enum", "取值应为 'city', 'district', 'town' or 'village' 之一"),
        (
            "phases[1].end",
            "invalid_date_expr",
            "无法解析日期表达式“01-15 + 2 fortnights”：第 9 个字符处（“2 fortnights”）"
            "应为时长，如“3 days”“2 working days”“1 month”“PT10M”",
        ),
        (
            "tasks[0].key",
            "string_pattern_mismatch",
            "格式不符（键只能用小写字母、数字、“-”“_”；单位编码还可用“.”；选择器以“@”开头）",
        ),
        ("colour", "extra_forbidden", "不允许的字段"),
    ]


def test_structural_errors_are_all_reported():
    data = deepcopy(BASE)
    data["phases"].append(deepcopy(data["phases"][0]))
    data["tasks"] += [
        {"key": "xuanchuan", "title": "重复", "lead_unit": "tj.office", "deadline": "12-01"},
        {
            "key": "paicha",
            "title": "排查",
            "phase": "nope",
            "lead_unit": "tj.office",
            "responsible_units": ["@everyone"],
            "deadline": "phase.gone.end",
        },
        {"key": "no-deadline", "title": "无期限", "lead_unit": "tj.office"},
    ]
    data["reporting"][0]["due"] = None
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == [
        ("phases[3].key", "duplicate_key", "键 xuanchuan 重复（与 phases[0] 相同）"),
        ("tasks[1].key", "duplicate_key", "键 xuanchuan 重复（与 tasks[0] 相同）"),
        ("tasks[2].deadline", "unknown_phase", "引用的阶段 gone 不存在"),
        ("tasks[2].phase", "unknown_phase", "阶段 nope 不存在"),
        ("tasks[3].deadline", "required", "非周期任务必须有截止日期"),
        ("reporting[0].due", "required", "此类报送必须填写 due"),
        (
            "tasks[2].responsible_units[0]",
            "unknown_selector",
            "选择器 @everyone 不存在，可用：@deputy_leaders、@district_offices、@districts、"
            "@members、@towns、@villages",
        ),
    ]


def test_phase_end_before_start_and_other_date_errors_together():
    data = deepcopy(BASE)
    data["phases"][2]["end"] = "11-30"
    data["phases"].append(
        {"key": "old", "name": "早于行动", "start": "2026-01-01", "end": "2026-02-01"}
    )
    data["tasks"][0]["deadline"] = "2026-11-03"
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == [
        ("phases[2].end", "before_start", "结束日期 2026-11-30 早于开始日期 2026-12-01"),
        ("phases[3]", "outside_period", "阶段 2026-01-01–2026-02-01 完全在行动期限之外"),
        ("tasks[0].deadline", "before_period", "截止日期 2026-11-03 早于行动开始日期 2026-11-20"),
    ]


def test_partly_outside_phase_is_accepted():
    data = deepcopy(BASE)
    data["phases"][0]["start"] = "2026-11-01"
    assert load(yaml.safe_dump(data, allow_unicode=True)).phases[0].key == "xuanchuan"


def test_cyclic_phase_references():
    data = deepcopy(BASE)
    data["phases"][0]["start"] = "phase.paicha.end"
    data["phases"][1]["end"] = "phase.xuanchuan.start + 1 week"
    errors = errors_of(yaml.safe_dump(data, allow_unicode=True))
    assert errors[:2] == [
        (
            "phases[0].start",
            "cycle",
            "日期引用形成循环：phase.xuanchuan.start → phase.paicha.end → phase.xuanchuan.start",
        ),
        (
            "phases[1].end",
            "cycle",
            "日期引用形成循环：phase.paicha.end → phase.xuanchuan.start → phase.paicha.end",
        ),
    ]


def test_period_end_is_required_unless_standing():
    assert errors_of(plan_text(period={"start": "2026-11-20"})) == [
        ("period.end", "required", "非常态化方案必须有结束日期"),
    ]


def test_recurrence_only_in_standing_plans_and_without_own_deadline():
    data = deepcopy(BASE)
    data["tasks"][0]["recurrence"] = {"every": "weekly", "day": 9}
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == [
        ("tasks[0].recurrence", "not_standing", "只有常态化方案可设周期任务"),
        ("tasks[0].deadline", "recurring_deadline", "周期任务的截止日期由周期推算，不应另设"),
        ("tasks[0].recurrence.day", "weekday", "每周任务的 day 应为 1–7（周一至周日）"),
    ]


def test_standing_plan_may_not_refer_to_campaign_end():
    data = deepcopy(BASE)
    data["period"] = {"start": "2026-11-20", "standing": True}
    errors = errors_of(yaml.safe_dump(data, allow_unicode=True))
    assert errors == [
        ("phases[2].end", "no_period_end", "本方案没有结束日期，不能引用 campaign.end"),
    ]


def test_yaml_syntax_error():
    assert errors_of("key: [unclosed") == [("", "syntax", "YAML/JSON 格式错误第 1 行第 15 列")]


def test_chinese_phase_kinds_and_roles_are_accepted_as_aliases():
    data = deepcopy(BASE)
    data["phases"][1]["kind"] = "排查"
    data["leading_group"] = [{"role": "常务副组长", "title": "镇党委副书记"}]
    plan = load(yaml.safe_dump(data, allow_unicode=True))
    assert plan.phases[1].kind is PhaseKind.SCREENING
    assert plan.phases[1].kind.label == "排查"
    assert plan.leading_group[0].role is LeaderRole.EXECUTIVE_DEPUTY
    assert plan.model_dump(mode="json")["leading_group"][0]["role"] == "executive_deputy"


def test_leading_group_member_needs_a_unit_or_a_title():
    data = deepcopy(BASE)
    data["leading_group"] = [{"role": "member"}, {"role": "member", "unit": "市人社局"}]
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == [
        (
            "leading_group[1].unit",
            "string_pattern_mismatch",
            "格式不符（键只能用小写字母、数字、“-”“_”；单位编码还可用“.”；选择器以“@”开头）",
        ),
    ]
    data["leading_group"] = [{"role": "member"}]
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == [
        ("leading_group[0]", "required", "须填写单位编码或职务"),
    ]
