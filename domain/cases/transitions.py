"""What each action does to a case, and the event it leaves in the ledger.

The case workflow checks an action with `domain.cases.rules`, applies it here to its state, and
records the event these functions return; keeping the changes pure keeps the workflow to
ordering, timers and recording.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from domain.calendar.workdays import WorkingCalendar
from domain.cases.settlement import ROUTE_LABELS, TerminalRoute, paid_total
from domain.cases.state import (
    CaseExtensionRequestInput,
    CaseState,
    CaseStatus,
    DecisionInput,
    FollowUpInput,
    MeasureInput,
    PaymentInput,
    ReasonInput,
    RevisionInput,
    RouteInput,
    TransferInput,
    UnfoundedInput,
    VerifyInput,
)
from domain.ladder import Limit, fired_after_move


@dataclass(frozen=True)
class CaseEvent:
    """`check_major` re-runs the major-case rule after recording (the figures changed);
    `moved` wakes the timer loop (a limit or the 回头看 began or ended)."""

    kind: str
    detail: dict[str, Any]
    units: tuple[str, ...] = ()
    office: bool = False
    leader: bool = False
    message: str | None = None
    payment: Any = None
    check_major: bool = False
    moved: bool = False


def route(state: CaseState, body: RouteInput) -> CaseEvent:
    state.status = CaseStatus.ROUTED
    state.handling_unit = body.unit
    state.handling_ancestors = body.unit_ancestors
    return CaseEvent(
        "routed",
        {"unit": body.unit, "note": body.note},
        units=(body.unit,),
        message=f"新分派案件 {state.start.case_number}，请在期限内受理",
    )


def accept(state: CaseState, body: ReasonInput) -> CaseEvent:
    if state.handling_unit is None:
        state.handling_unit = state.start.receiving_unit
        state.handling_ancestors = state.start.receiving_ancestors
    state.status = CaseStatus.VERIFYING
    return CaseEvent("accepted", {"note": body.reason}, moved=True)


def return_case(state: CaseState, body: ReasonInput) -> CaseEvent:
    returned_by = state.handling_unit
    state.status = CaseStatus.REGISTERED
    state.handling_unit = None
    state.handling_ancestors = ()
    return CaseEvent(
        "returned",
        {"unit": returned_by, "reason": body.reason},
        units=(state.start.receiving_unit,),
        message=f"案件 {state.start.case_number} 被 {returned_by} 退回：{body.reason}",
    )


def verify(state: CaseState, body: VerifyInput) -> CaseEvent:
    state.verified_workers = body.workers
    state.verified_amount = body.amount
    state.status = CaseStatus.RESOLVING
    detail = {"workers": body.workers, "amount": str(body.amount), "note": body.note}
    return CaseEvent("verified", detail, check_major=True)


def unfounded(state: CaseState, body: UnfoundedInput) -> CaseEvent:
    state.route = TerminalRoute.UNFOUNDED
    state.route_reason = body.reason
    return CaseEvent("unfounded", {"reason": body.reason, "evidence": list(body.evidence)})


def record_payment(state: CaseState, body: PaymentInput) -> CaseEvent:
    p = body.payment
    state.payments.append(p)
    detail = {
        "amount": str(p.amount),
        "payer": p.payer.value,
        "paid_total": str(paid_total(state.payments)),
    }
    return CaseEvent("payment", detail, payment=p)


def revise_amount(state: CaseState, body: RevisionInput) -> CaseEvent:
    before = state.verified_amount
    state.verified_amount = body.amount
    return CaseEvent(
        "amount_revised",
        {"from": str(before), "to": str(body.amount), "reason": body.reason},
        office=True,
        message=(
            f"案件 {state.start.case_number} 核实金额由 {before} 元修正为 {body.amount} 元："
            f"{body.reason}"
        ),
        check_major=True,
    )


def add_measure(state: CaseState, body: MeasureInput) -> CaseEvent:
    state.measures.append(body.kind)
    detail = {
        "kind": body.kind,
        "note": body.note,
        "due": body.due.isoformat() if body.due else None,
    }
    return CaseEvent("measure", detail)


def transfer(state: CaseState, body: TransferInput) -> CaseEvent:
    state.route = body.route
    state.route_reason = body.reason
    return CaseEvent(
        "transferred",
        {"route": body.route.value, "reason": body.reason},
        office=True,
        message=f"案件 {state.start.case_number} {ROUTE_LABELS[body.route]}：{body.reason}",
    )


def close(state: CaseState, body: ReasonInput, now: datetime) -> CaseEvent:
    """不解决不销账 was checked by the rules; the 回头看 falls due `follow_up_days` later."""
    state.status = CaseStatus.CLOSED
    state.closed_at = now
    state.follow_up_due = now + timedelta(days=state.start.settings.limits.follow_up_days)
    return CaseEvent(
        "closed",
        {
            "note": body.reason,
            "route": state.route.value if state.route else None,
            "paid_total": str(paid_total(state.payments)),
        },
        office=True,
        message=f"案件 {state.start.case_number} 已办结",
        moved=True,
    )


def request_extension(state: CaseState, body: CaseExtensionRequestInput) -> CaseEvent:
    state.extension_reason = body.reason
    state.extension_request_id = body.request_id
    return CaseEvent(
        "extension_requested",
        {"request_id": body.request_id, "reason": body.reason},
        office=True,
        message=f"案件 {state.start.case_number} 申请延长办结期限：{body.reason}",
    )


def follow_up(state: CaseState, body: FollowUpInput) -> CaseEvent:
    """A failed 回头看 reopens the case: its route, closure and check are undone."""
    if body.passed:
        state.status = CaseStatus.FINISHED
        return CaseEvent("follow_up_passed", {"note": body.note}, moved=True)
    state.status = CaseStatus.RESOLVING
    state.reopened += 1
    state.route = None
    state.closed_at = None
    state.follow_up_due = None
    state.fired_steps = [f for f in state.fired_steps if f != "follow_up"]
    return CaseEvent(
        "reopened",
        {"note": body.note},
        office=True,
        message=f"案件 {state.start.case_number} 回头看未通过，已重新启动：{body.note}",
        moved=True,
    )


def decide_extension(
    state: CaseState, body: DecisionInput, calendar: WorkingCalendar, now: datetime
) -> CaseEvent:
    """An approved extension moves the close limit: its rungs already due stay fired."""
    before = state.close_deadline
    request_id = state.extension_request_id
    state.extension_reason = None
    state.extension_request_id = None
    if body.approve:
        days = state.start.settings.limits.extension_working_days
        state.extended = True
        state.close_deadline = calendar.add_working_days(before, days)
        state.close_deadline_reason += f"，经批准延长 {days} 个工作日"
        state.fired_steps = fired_after_move(
            state.start.settings.ladder,
            Limit("close", state.close_deadline),
            state.fired_steps,
            calendar,
            now,
        )
    return CaseEvent(
        "extension_approved" if body.approve else "extension_refused",
        {
            "request_id": request_id,
            "from": before.isoformat(),
            "to": state.close_deadline.isoformat(),
            "reason": body.reason,
        },
        units=(state.responsible_unit,),
        message=(
            f"案件 {state.start.case_number} 延期申请已{'批准' if body.approve else '驳回'}"
            f"（办结期限 {state.close_deadline}）"
        ),
        moved=True,
    )


def mark_major(state: CaseState, reasons: list[str]) -> CaseEvent | None:
    """The rule's reasons on the latest figures; the first time a case is major it gets its
    专案组 (the handling unit and the territory), listed supervision and a leader."""
    state.major_reasons = reasons
    if not state.is_major or state.major_recorded:
        return None
    state.major_recorded = True
    state.task_force = list(dict.fromkeys([state.responsible_unit, state.start.intake.district]))
    why = "；".join(reasons) or f"人工升级：{state.escalated_by_hand}"
    return CaseEvent(
        "major",
        {"reasons": reasons, "by_hand": state.escalated_by_hand, "task_force": state.task_force},
        units=(state.responsible_unit,),
        office=True,
        leader=True,
        message=f"重大案件 {state.start.case_number}：{why}。已成立专案组、挂牌督办并由领导包案",
    )
