"""Pure case rules: credit codes, masking, major cases, money, time limits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from domain.calendar.workdays import WorkingCalendar
from domain.cases.identifiers import id_number_problems, resident_id_problem, uscc_problem
from domain.cases.intake import CaseSource, Complainant, Employer, ProjectType
from domain.cases.limits import (
    DEFAULT_LIMITS,
    CampaignGoal,
    TimeLimits,
    accept_deadline,
    close_deadline,
)
from domain.cases.major import DEFAULT_MAJOR_RULE, MajorCaseRule, major_reasons
from domain.cases.rules import check_extension_decision
from domain.cases.settlement import (
    Payer,
    Payment,
    TerminalRoute,
    closure_problem,
    paid_total,
    payment_problem,
    revision_problem,
)
from domain.cases.state import DecisionInput
from domain.refusal import Refusal
from tests.workflows.case_fixtures import OFFICE, case_state

CAL = WorkingCalendar()


def test_credit_code_check_digit() -> None:
    assert uscc_problem("91350100M000100Y43") is None  # the standard's own example
    assert uscc_problem("91350100M000100Y44") == "统一社会信用代码校验位不正确"
    assert uscc_problem("91350100M000100Y4") == "统一社会信用代码应为 18 位（实际 17 位）"
    assert uscc_problem("91350100M000100YI3") == "统一社会信用代码含非法字符"
    assert resident_id_problem("120101198001011234") is None
    assert resident_id_problem("120101198001011235") == "公民身份号码校验位不正确"
    assert resident_id_problem("12010119800101123") == "公民身份号码应为 18 位（实际 17 位）"
    assert (
        resident_id_problem("12010119800101123A") == "公民身份号码校验位不正确"
    )  # not X: a wrong check digit
    assert resident_id_problem("120101198013011231") == "公民身份号码中的出生日期或地区码不正确"
    with pytest.raises(ValidationError) as caught:
        Employer(name="某公司", credit_code="91350100M000100Y44")
    assert caught.value.errors()[0]["loc"] == ("credit_code",)
    assert (
        Employer(name="某公司", credit_code="91350100m000100y43").credit_code
        == "91350100M000100Y43"
    )


def test_masking_keeps_only_what_identifies_nobody() -> None:
    person = Complainant(name="欧阳建国", phone="13812345678", id_number="12010119800101008X")
    assert person.masked() == Complainant.model_construct(
        name="欧***", phone="138****5678", id_number="120101********008X"
    )
    assert Complainant(name="王五").masked().phone is None


def test_id_numbers_with_a_wrong_check_digit_are_named_by_position() -> None:
    numbers = [None, "120101198001011231", "12010119800101008x", "120101198013011231"]
    assert id_number_problems(numbers) == [
        (1, "公民身份号码校验位不正确"),
        (3, "公民身份号码中的出生日期或地区码不正确"),
    ]


def test_major_reasons_by_each_criterion() -> None:
    def reasons(**kw: object) -> list[str]:
        base: dict[str, object] = {
            "workers": 5,
            "amount": Decimal("1000.00"),
            "project_type": ProjectType.SOCIAL,
            "group_incident": False,
            "extreme_incident": False,
        }
        return major_reasons(DEFAULT_MAJOR_RULE, **{**base, **kw})  # type: ignore[arg-type]

    assert reasons() == []
    assert reasons(workers=30) == ["涉及 30 人（≥30 人）"]
    assert reasons(workers=29) == []
    assert reasons(amount=Decimal("1000000.00")) == ["金额 1,000,000.00 元（≥1,000,000.00 元）"]
    assert reasons(amount=Decimal("999999.99")) == []
    assert reasons(project_type=ProjectType.GOVERNMENT) == ["政府投资项目"]
    assert reasons(project_type=ProjectType.PPP) == []
    assert reasons(group_incident=True, extreme_incident=True) == ["群体性事件", "极端事件"]
    strict = MajorCaseRule(min_workers=10, project_types=(ProjectType.PPP,))
    assert major_reasons(
        strict,
        workers=12,
        amount=Decimal(0),
        project_type=ProjectType.PPP,
        group_incident=False,
        extreme_incident=False,
    ) == ["涉及 12 人（≥10 人）", "PPP项目"]


def payment(amount: str) -> Payment:
    return Payment(payment_id=amount, amount=Decimal(amount), payer=Payer.EMPLOYER)


def test_money_rules() -> None:
    paid = [payment("300.10"), payment("0.20")]
    assert paid_total(paid) == Decimal("300.30")
    assert payment_problem(None, [], Decimal("1.00")) == "案件尚未核实欠薪金额，不能登记支付"
    assert payment_problem(Decimal("300.30"), paid, Decimal("0.01")) is not None
    assert payment_problem(Decimal("400.00"), paid, Decimal("99.70")) is None
    assert revision_problem(Decimal("300.29"), paid) == "修正后的核实金额不能低于已支付的 300.30 元"
    assert revision_problem(Decimal("300.30"), paid) is None
    assert closure_problem(Decimal("300.30"), paid, None) is None
    assert (
        closure_problem(Decimal("300.31"), paid, None)
        == "尚欠 0.01 元未支付，不能办结（不解决不销账）"
    )
    assert closure_problem(None, [], TerminalRoute.UNFOUNDED) is None
    assert closure_problem(Decimal("9.00"), [], TerminalRoute.COURT) is None
    with pytest.raises(ValidationError):
        payment("-1.00")
    with pytest.raises(ValidationError):
        payment("1.001")


def test_time_limits_across_the_spring_festival_2027() -> None:
    assert accept_deadline(date(2027, 2, 3), DEFAULT_LIMITS, CAL) == date(
        2027, 2, 12
    )  # 02-04, (05–08 off), 09–12
    close, why = close_deadline(date(2027, 1, 4), CaseSource.HOTLINE, None, DEFAULT_LIMITS, (), CAL)
    assert (close, why) == (CAL.add_working_days(date(2027, 1, 4), 60), "限时办结（60 个工作日）")
    assert close == date(2027, 3, 31)  # Jan 19, Feb 12 (05–08 off), Mar 26 → 57, then 29, 30, 31
    faster = TimeLimits(per_source={CaseSource.PETITION: 30})
    assert (
        close_deadline(date(2027, 1, 4), CaseSource.PETITION, None, faster, (), CAL)[1]
        == "限时办结（30 个工作日）"
    )


def test_campaign_goals_tighten_matching_cases_only() -> None:
    goals = (
        CampaignGoal(
            name="两清零（一）",
            deadline=date(2026, 12, 31),
            project_types=(ProjectType.GOVERNMENT, ProjectType.SOE, ProjectType.PPP),
        ),
        CampaignGoal(name="两清零（二）", deadline=date(2027, 2, 5)),
    )
    public = close_deadline(
        date(2026, 11, 26), CaseSource.HOTLINE, ProjectType.SOE, DEFAULT_LIMITS, goals, CAL
    )
    assert public == (date(2026, 12, 31), "专项行动目标：两清零（一）")
    private = close_deadline(
        date(2026, 11, 26), CaseSource.HOTLINE, ProjectType.SOCIAL, DEFAULT_LIMITS, goals, CAL
    )
    assert private == (date(2027, 2, 5), "专项行动目标：两清零（二）")


def test_an_extension_decision_names_the_pending_request() -> None:
    state = case_state(date(2027, 3, 1))
    state.extension_reason = "企业资产正在拍卖"
    state.extension_request_id = "e1"
    check_extension_decision(state, DecisionInput(actor=OFFICE, approve=True, request_id="e1"))
    with pytest.raises(Refusal) as stale:
        check_extension_decision(state, DecisionInput(actor=OFFICE, approve=True, request_id="e0"))
    assert (stale.value.kind, stale.value.code) == ("not_found", "extension_not_found")
    # a request made before requests had ids (replayed histories, runs begun earlier)
    state.extension_request_id = None
    check_extension_decision(state, DecisionInput(actor=OFFICE, approve=True, request_id="any"))
