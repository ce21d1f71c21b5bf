"""The case workflow alone on the time-skipping server, its ledger activity replaced by name."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from decimal import Decimal

import pytest
from temporalio import activity
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.calendar.workdays import WorkingCalendar
from domain.cases.intake import ProjectType
from domain.cases.records import CaseChange, RecordOutcome
from domain.cases.settlement import Payer, Payment, TerminalRoute
from domain.cases.state import (
    CaseExtensionRequestInput,
    CaseState,
    CaseStatus,
    DecisionInput,
    FollowUpInput,
    PaymentInput,
    ReasonInput,
    RevisionInput,
    RouteInput,
    TransferInput,
    UnfoundedInput,
    VerifyInput,
)
from domain.escalation import Recipient
from domain.reports.requests import SpecialInput
from tests.polling import eventually
from tests.scenario_dates import (
    beijing_date,
    beijing_time,
    next_holiday,
    next_new_year_break,
    nth_working_day,
    skip_to,
)
from tests.workflows.case_fixtures import HANDLER, LEADER, OFFICE, RECEIVER, STRANGER, case_state
from workers.main import sandbox_runner
from workflows.case import CaseWorkflow
from workflows.client import register_case


class Ledger:
    def __init__(self) -> None:
        self.changes: list[CaseChange] = []
        self.special_reports: list[str] = []

    @activity.defn(name="case.record")
    async def record(self, change: CaseChange) -> RecordOutcome:
        self.changes.append(change)
        return RecordOutcome(leader="leader" if change.notify_leader else None)

    @activity.defn(name="report.special_for_case")
    async def special_for_case(self, body: SpecialInput) -> int:
        self.special_reports.append(body.case_id)
        return 1

    def kinds(self) -> list[str]:
        return [c.kind for c in self.changes]


@pytest.fixture
async def harness(
    time_skipping_env: WorkflowEnvironment,
) -> AsyncIterator[tuple[WorkflowEnvironment, Ledger, str]]:
    ledger = Ledger()
    queue = f"case-{uuid.uuid4().hex[:8]}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=[CaseWorkflow],
        activities=[ledger.record, ledger.special_for_case],
        workflow_runner=sandbox_runner(),
    ):
        yield time_skipping_env, ledger, queue


async def start(
    env: WorkflowEnvironment, queue: str, state: CaseState
) -> WorkflowHandle[CaseWorkflow, CaseState]:
    return await env.client.start_workflow(
        CaseWorkflow.run, state, id=state.start.case_id, task_queue=queue
    )


async def refused(call: object) -> ApplicationError:
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await call  # type: ignore[misc]
    assert isinstance(caught.value.cause, ApplicationError)
    return caught.value.cause


def pay(amount: str, payer: Payer = Payer.EMPLOYER, pid: str | None = None) -> PaymentInput:
    return PaymentInput(
        actor=HANDLER,
        payment=Payment(
            payment_id=pid or uuid.uuid4().hex[:8], amount=Decimal(amount), payer=payer
        ),
    )


async def routed_and_verified(handle, amount: str = "186000.00") -> None:
    await handle.execute_update(
        CaseWorkflow.route,
        RouteInput(actor=RECEIVER, unit="tj.hp.rsj", unit_ancestors=("tj.hp", "tj")),
    )
    await handle.execute_update(CaseWorkflow.accept, ReasonInput(actor=HANDLER, reason="属地受理"))
    await handle.execute_update(
        CaseWorkflow.verify, VerifyInput(actor=HANDLER, workers=12, amount=Decimal(amount))
    )


async def test_paid_in_full_closes_and_finishes_after_the_follow_up(harness) -> None:
    env, ledger, queue = harness
    today = beijing_date(await env.get_current_time())
    handle = await start(env, queue, case_state(today))
    await routed_and_verified(handle)
    await handle.execute_update(
        CaseWorkflow.record_payment, pay("100000.00", Payer.GENERAL_CONTRACTOR)
    )
    partial = await refused(
        handle.execute_update(CaseWorkflow.close, ReasonInput(actor=HANDLER, reason="办结"))
    )
    assert (partial.type, partial.message) == (
        "Conflict",
        "尚欠 86,000.00 元未支付，不能办结（不解决不销账）",
    )
    too_much = await refused(handle.execute_update(CaseWorkflow.record_payment, pay("86000.01")))
    assert too_much.type == "Conflict"
    assert too_much.message.startswith("支付金额 86,000.01 元超过尚欠金额 86,000.00 元")
    await handle.execute_update(
        CaseWorkflow.record_payment, pay("86000.00", Payer.GUARANTEE_DEPOSIT)
    )
    closed = await handle.execute_update(
        CaseWorkflow.close, ReasonInput(actor=HANDLER, reason="工资已全部支付")
    )
    assert closed.status is CaseStatus.CLOSED
    await env.sleep(timedelta(days=31))
    await eventually(lambda: "follow_up_due" in ledger.kinds())
    done = await handle.execute_update(
        CaseWorkflow.follow_up,
        FollowUpInput(actor=HANDLER, passed=True, note="电话回访，工资已到账"),
    )
    assert done.status is CaseStatus.FINISHED
    assert (await handle.result()).status is CaseStatus.FINISHED
    # the platform sends the same clue again: the ended case answers, nothing starts anew
    again = case_state(today).model_copy(deep=True)
    again.start = again.start.model_copy(update={"case_id": handle.id, "case_number": "NEW-1"})
    existing, created = await register_case(env.client, again)
    assert (created, existing.start.case_number, existing.status) == (
        False,
        done.start.case_number,
        CaseStatus.FINISHED,
    )
    assert (await handle.describe()).run_id == (
        await env.client.get_workflow_handle(handle.id).describe()
    ).run_id
    assert ledger.kinds() == [
        "registered",
        "routed",
        "accepted",
        "verified",
        "payment",
        "payment",
        "closed",
        "follow_up_due",
        "follow_up_passed",
    ]
    assert [c.payment.payer for c in ledger.changes if c.payment] == [
        Payer.GENERAL_CONTRACTOR,
        Payer.GUARANTEE_DEPOSIT,
    ]


async def test_a_failed_follow_up_reopens_the_case(harness) -> None:
    env, ledger, queue = harness
    today = beijing_date(await env.get_current_time())
    handle = await start(env, queue, case_state(today))
    await routed_and_verified(handle, "5000.00")
    await handle.execute_update(CaseWorkflow.record_payment, pay("5000.00"))
    await handle.execute_update(CaseWorkflow.close, ReasonInput(actor=HANDLER, reason="已支付"))
    reopened = await handle.execute_update(
        CaseWorkflow.follow_up,
        FollowUpInput(actor=HANDLER, passed=False, note="工人反映仍有 2 人未到账"),
    )
    assert (reopened.status, reopened.reopened) == (CaseStatus.RESOLVING, 1)
    assert ledger.kinds()[-1] == "reopened"
    assert ledger.changes[-1].notify_office
    revised = await handle.execute_update(
        CaseWorkflow.revise_amount,
        RevisionInput(actor=HANDLER, amount=Decimal("6200.00"), reason="补核 2 人工资"),
    )
    assert revised.verified_amount == Decimal("6200.00")
    below = await refused(
        handle.execute_update(
            CaseWorkflow.revise_amount,
            RevisionInput(actor=HANDLER, amount=Decimal("4000.00"), reason="错误修正"),
        )
    )
    assert (below.type, below.message) == (
        "Invalid",
        "修正后的核实金额不能低于已支付的 5,000.00 元",
    )
    await handle.execute_update(CaseWorkflow.record_payment, pay("1200.00"))
    assert (
        await handle.execute_update(
            CaseWorkflow.close, ReasonInput(actor=HANDLER, reason="补发完毕")
        )
    ).status is CaseStatus.CLOSED


async def test_terminal_routes_allow_closing_without_payment(harness) -> None:
    env, _, queue = harness
    today = beijing_date(await env.get_current_time())
    police = await start(env, queue, case_state(today))
    await routed_and_verified(police)
    await police.execute_update(
        CaseWorkflow.transfer,
        TransferInput(
            actor=HANDLER,
            route=TerminalRoute.POLICE,
            reason="经责令仍拒不支付，涉嫌拒不支付劳动报酬罪",
        ),
    )
    assert (
        await police.execute_update(
            CaseWorkflow.close, ReasonInput(actor=HANDLER, reason="移送公安")
        )
    ).route is TerminalRoute.POLICE
    false_claim = await start(env, queue, case_state(today))
    await false_claim.execute_update(
        CaseWorkflow.accept, ReasonInput(actor=RECEIVER, reason="本单位办理")
    )
    await false_claim.execute_update(
        CaseWorkflow.unfounded,
        UnfoundedInput(actor=RECEIVER, reason="考勤与工资表核对无欠薪", evidence=("att-1",)),
    )
    closed = await false_claim.execute_update(
        CaseWorkflow.close, ReasonInput(actor=RECEIVER, reason="不属实")
    )
    assert (closed.status, closed.route) == (CaseStatus.CLOSED, TerminalRoute.UNFOUNDED)


async def test_major_at_intake_and_after_verification(harness) -> None:
    env, ledger, queue = harness
    today = beijing_date(await env.get_current_time())
    many = await start(env, queue, case_state(today, workers=45))
    await eventually(
        lambda: "major" in [c.kind for c in ledger.changes if c.state.start.case_id == many.id]
    )
    major = next(c for c in ledger.changes if c.kind == "major")
    assert major.detail["reasons"] == ["涉及 45 人（≥30 人）"]
    assert major.notify_leader and major.notify_office
    small = await start(env, queue, case_state(today))
    await routed_and_verified(small, "1250000.00")
    kinds = [c.kind for c in ledger.changes if c.state.start.case_id == small.id]
    assert kinds[-2:] == ["verified", "major"]
    assert ledger.changes[-1].detail["reasons"] == ["金额 1,250,000.00 元（≥1,000,000.00 元）"]
    soe = await start(env, queue, case_state(today, project_type=ProjectType.SOE))
    state = await soe.execute_update(CaseWorkflow.registration)
    assert state.major_reasons == ["国企项目"]
    assert ledger.special_reports == [many.id, small.id, soe.id]  # a 专报 for each, once


async def test_manual_escalation_and_permissions(harness) -> None:
    env, ledger, queue = harness
    today = beijing_date(await env.get_current_time())
    handle = await start(env, queue, case_state(today))
    stranger = await refused(
        handle.execute_update(CaseWorkflow.accept, ReasonInput(actor=STRANGER, reason="受理"))
    )
    assert (stranger.type, stranger.message) == (
        "Forbidden",
        "此案件由单位 tj.rsj 办理，您无权操作",
    )
    bad_route = await refused(
        handle.execute_update(CaseWorkflow.route, RouteInput(actor=HANDLER, unit="tj.hp.rsj"))
    )
    assert bad_route.type == "Forbidden"
    early = await refused(
        handle.execute_update(CaseWorkflow.close, ReasonInput(actor=RECEIVER, reason="办结"))
    )
    assert (early.type, early.message) == ("Conflict", "案件已登记，不能执行此操作")
    escalated = await handle.execute_update(
        CaseWorkflow.escalate, ReasonInput(actor=LEADER, reason="舆情关注度高")
    )
    assert escalated.is_major
    again = await refused(
        handle.execute_update(CaseWorkflow.escalate, ReasonInput(actor=OFFICE, reason="再次升级"))
    )
    assert again.type == "Conflict"
    await handle.execute_update(
        CaseWorkflow.route,
        RouteInput(actor=RECEIVER, unit="tj.hp.rsj", unit_ancestors=("tj.hp", "tj")),
    )
    back = await handle.execute_update(
        CaseWorkflow.return_case, ReasonInput(actor=HANDLER, reason="不属本区管辖")
    )
    assert (back.status, back.handling_unit) == (CaseStatus.REGISTERED, None)
    assert [c.kind for c in ledger.changes][-3:] == ["major", "routed", "returned"]


async def test_accept_limit_climbs_the_ladder_across_new_year(harness) -> None:
    env, ledger, queue = harness
    calendar = WorkingCalendar()
    today = beijing_date(await env.get_current_time())
    new_year = next_new_year_break(today, lead_days=14, calendar=calendar)
    # Received 4 working days before a New Year break that costs a weekday: of the 5 working
    # days to accept, 3 come before the break and 2 after it.
    received = nth_working_day(new_year.start, -4, calendar)
    deadline = nth_working_day(new_year.end, 2, calendar)
    handle = await start(env, queue, case_state(received))
    state = await handle.execute_update(CaseWorkflow.registration)
    assert state.accept_deadline == deadline
    await skip_to(env, beijing_time(nth_working_day(deadline, 5, calendar) + timedelta(days=1), 1))
    await eventually(
        lambda: len([c for c in ledger.changes if c.kind.startswith("escalation_")]) >= 4
    )
    steps = [
        c.detail["step"]
        for c in ledger.changes
        if c.kind.startswith("escalation_") and c.detail["limit"] == "accept"
    ]
    assert steps == ["remind", "warn", "supervise", "accountability"]
    supervise = next(c for c in ledger.changes if c.detail.get("step") == "supervise")
    assert supervise.notify_leader and supervise.step is not None  # its recipients decide
    assert supervise.step.recipients == [Recipient.OFFICE, Recipient.LEADER]
    await handle.execute_update(CaseWorkflow.accept, ReasonInput(actor=RECEIVER, reason="补受理"))
    await env.sleep(timedelta(days=1))
    assert [
        c.detail["step"]
        for c in ledger.changes
        if c.kind.startswith("escalation_") and c.detail["limit"] == "accept"
    ] == steps


async def test_the_close_limit_may_be_extended_once_with_approval(harness) -> None:
    env, ledger, queue = harness
    calendar = WorkingCalendar()
    soon = beijing_date(await env.get_current_time()) + timedelta(days=7)
    # A close deadline 30 working days before a holiday begins (and 60 after a receipt a week
    # ahead or later): the 30 working days of the extension end on the first working day after
    # that holiday.
    holiday = next_holiday(nth_working_day(soon, 90, calendar), calendar)
    close = nth_working_day(holiday.start, -30, calendar)
    received = nth_working_day(close, -60, calendar)
    assert received > soon
    handle = await start(env, queue, case_state(received))
    await routed_and_verified(handle)
    assert (await handle.query(CaseWorkflow.current)).close_deadline == close
    asked = await handle.execute_update(
        CaseWorkflow.request_extension,
        CaseExtensionRequestInput(actor=HANDLER, reason="企业资产正在拍卖", request_id="e1"),
    )
    assert (asked.extension_reason, asked.extension_request_id) == ("企业资产正在拍卖", "e1")
    pending = await refused(
        handle.execute_update(
            CaseWorkflow.request_extension,
            CaseExtensionRequestInput(actor=HANDLER, reason="再次申请", request_id="e2"),
        )
    )
    assert pending.type == "Conflict"
    by_unit = await refused(
        handle.execute_update(
            CaseWorkflow.decide_extension,
            DecisionInput(actor=HANDLER, approve=True, request_id="e1"),
        )
    )
    assert by_unit.type == "Forbidden"
    other = await refused(
        handle.execute_update(
            CaseWorkflow.decide_extension,
            DecisionInput(actor=OFFICE, approve=True, reason="同意", request_id="e2"),
        )
    )
    assert (other.type, other.message) == ("NotFound", "延期申请 e2 不存在")
    approved = await handle.execute_update(
        CaseWorkflow.decide_extension,
        DecisionInput(actor=OFFICE, approve=True, reason="同意", request_id="e1"),
    )
    assert approved.extension_request_id is None
    assert approved.close_deadline == nth_working_day(holiday.end, 1, calendar)
    assert approved.close_deadline_reason == "限时办结（60 个工作日），经批准延长 30 个工作日"
    once = await refused(
        handle.execute_update(
            CaseWorkflow.request_extension,
            CaseExtensionRequestInput(actor=HANDLER, reason="还要延期", request_id="e3"),
        )
    )
    assert (once.type, once.message) == ("Conflict", "办结期限已延长过一次，不能再次申请")
    assert ledger.kinds()[-2:] == ["extension_requested", "extension_approved"]
    assert [c.detail["request_id"] for c in ledger.changes[-2:]] == ["e1", "e1"]
    nothing = await refused(
        handle.execute_update(
            CaseWorkflow.decide_extension,
            DecisionInput(actor=OFFICE, approve=False, reason="不同意"),
        )
    )
    assert nothing.type == "NotFound"
