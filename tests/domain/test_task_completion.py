"""What a completion must carry, the figures a plan names, what an account may do to a task, and
unit codes named in sentences: pure rules."""

from __future__ import annotations

from copy import deepcopy
from decimal import Decimal
from typing import Any

import yaml

from domain.tasks.completion import completion_refused
from domain.tasks.figures import FigureField
from domain.tasks.model import CompleteInput
from domain.tasks.rules import allowed_actions
from domain.units.naming import codes_in, with_names
from tests.domain.test_plan_model import BASE, errors_of, load
from tests.workflows.task_fixtures import OFFICE, OTHER_UNIT, UNIT

FIELDS = (FigureField(key="visits", label="走访企业", unit="家"),)


def test_deliverables_then_figures() -> None:
    report = completion_refused(("report",), (), CompleteInput(actor=UNIT))
    assert report is not None and report.code == "deliverables_missing"
    assert [p.field for p in report.problems] == ["nil_report"]
    assert completion_refused(("report",), (), CompleteInput(actor=UNIT, nil_report=True)) is None
    figures = CompleteInput(actor=UNIT, figures={"visits": Decimal("0")})
    assert completion_refused(("figures",), FIELDS, figures) is None  # zero is a figure
    other = CompleteInput(actor=UNIT, figures={"走访": Decimal(3)})
    refused = completion_refused(("figures",), FIELDS, other)
    assert (
        refused is not None and refused.message == "数据有误：请填写走访企业；本任务没有数据项 走访"
    )
    assert completion_refused(("figures",), (), other) is None  # no names: any figures


def test_what_each_account_may_do() -> None:
    mine: dict[str, Any] = {
        "unit": "tj.rsj",
        "lead_unit": "tj.zjw",
        "open_": True,
        "pending": False,
    }
    assert allowed_actions(UNIT, may_act=True, **mine) == [
        "progress", "complete", "request_extension"
    ]  # fmt: skip
    assert allowed_actions(OTHER_UNIT, may_act=False, **mine) == ["urge"]  # it leads the measure
    pending = {**mine, "pending": True}
    assert allowed_actions(UNIT, may_act=True, **pending) == ["progress", "complete"]
    assert allowed_actions(OFFICE, may_act=True, **pending) == [
        "progress", "complete", "decide_extension", "reassign", "cancel", "urge"
    ]  # fmt: skip
    assert allowed_actions(OFFICE, may_act=True, **{**mine, "open_": False}) == []


def test_a_plan_names_the_figures_of_a_figures_task() -> None:
    data = deepcopy(BASE)
    data["tasks"][0]["deliverables"] = ["note", "figures"]
    data["tasks"][0]["figures"] = [{"key": "sessions", "label": "宣传场次", "unit": "场"}]
    plan = load(yaml.safe_dump(data, allow_unicode=True))
    assert plan.tasks[0].figures == [FigureField(key="sessions", label="宣传场次", unit="场")]
    data["tasks"][0]["deliverables"] = ["note"]
    data["tasks"][0]["figures"] *= 2
    assert errors_of(yaml.safe_dump(data, allow_unicode=True)) == [
        (
            "tasks[0].figures",
            "figures_not_asked",
            "列出数据项的任务须在 deliverables 中包含 figures",
        ),
        ("tasks[0].figures[1].key", "duplicate_key", "键 sessions 重复（与 figures[0] 相同）"),
    ]


def test_unit_codes_in_a_sentence_become_names() -> None:
    text = "任务改派：广泛宣传（tj.rsj → tj.hp.rsj），期限 2026-12-01。tj.zjw."
    assert codes_in(text) >= {"tj.rsj", "tj.hp.rsj", "tj.zjw", "2026-12-01"}
    names = {"tj.rsj": "市人社局", "tj.hp.rsj": "和平区人社局", "tj.zjw": "市住建委"}
    assert with_names(text, names) == (
        "任务改派：广泛宣传（市人社局 → 和平区人社局），期限 2026-12-01。市住建委."
    )
