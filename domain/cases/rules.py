"""Who may act on a case, in which state: the refusals behind 403, 409 and 422."""

from __future__ import annotations

from decimal import Decimal

from domain.cases.settlement import closure_problem, payment_problem, revision_problem
from domain.cases.state import STATUS_LABELS, CaseState, CaseStatus, DecisionInput
from domain.refusal import Refusal
from domain.tasks.model import ActorRef
from domain.units.roles import Role, may_act_for

OPEN = (CaseStatus.REGISTERED, CaseStatus.ROUTED, CaseStatus.VERIFYING, CaseStatus.RESOLVING)


def _status(state: CaseState, *allowed: CaseStatus) -> None:
    if state.status not in allowed:
        raise Refusal(
            "conflict", "wrong_state", f"案件{STATUS_LABELS[state.status]}，不能执行此操作"
        )


def _for_unit(actor: ActorRef, unit: str, ancestors: tuple[str, ...]) -> bool:
    return actor.role is not Role.LEADER and may_act_for(
        role=actor.role, own_unit=actor.unit, target_unit=unit, target_ancestors=ancestors
    )


def _holder(state: CaseState, actor: ActorRef) -> None:
    """The unit that holds the case (or the office, or the case's named leader)."""
    if state.handling_unit:
        allowed = _for_unit(actor, state.handling_unit, state.handling_ancestors)
    else:
        allowed = _for_unit(actor, state.start.receiving_unit, state.start.receiving_ancestors)
    if not allowed:
        raise Refusal(
            "forbidden", "forbidden", f"此案件由单位 {state.responsible_unit} 办理，您无权操作"
        )


def check_route(state: CaseState, actor: ActorRef, unit: str) -> None:
    if not _for_unit(actor, state.start.receiving_unit, state.start.receiving_ancestors):
        raise Refusal("forbidden", "forbidden", "只有首问负责单位或办公室可以分派案件")
    _status(state, CaseStatus.REGISTERED)
    if unit == state.start.receiving_unit:
        raise Refusal(
            "invalid", "same_unit", "分派单位不能是接收单位本身；如由本单位办理，请直接受理"
        )


def check_accept(state: CaseState, actor: ActorRef) -> None:
    _status(state, CaseStatus.REGISTERED, CaseStatus.ROUTED)
    _holder(state, actor)


def check_return(state: CaseState, actor: ActorRef) -> None:
    _status(state, CaseStatus.ROUTED)
    _holder(state, actor)


def check_verify(state: CaseState, actor: ActorRef) -> None:
    _status(state, CaseStatus.VERIFYING)
    _holder(state, actor)


def check_payment(state: CaseState, actor: ActorRef, amount: Decimal, payment_id: str) -> None:
    _status(state, CaseStatus.RESOLVING)
    _holder(state, actor)
    if any(p.payment_id == payment_id for p in state.payments):
        raise Refusal("conflict", "duplicate_payment", "该笔支付已登记")
    problem = payment_problem(state.verified_amount, state.payments, amount)
    if problem:
        raise Refusal("conflict", "payment_exceeds", problem)


def check_revision(state: CaseState, actor: ActorRef, amount: Decimal) -> None:
    _status(state, CaseStatus.RESOLVING)
    _holder(state, actor)
    problem = revision_problem(amount, state.payments)
    if problem:
        raise Refusal("invalid", "below_paid", problem)


def check_measure(state: CaseState, actor: ActorRef) -> None:
    _status(state, CaseStatus.RESOLVING)
    _holder(state, actor)


def check_transfer(state: CaseState, actor: ActorRef) -> None:
    _status(state, CaseStatus.VERIFYING, CaseStatus.RESOLVING)
    _holder(state, actor)
    if state.route is not None:
        raise Refusal("conflict", "route_recorded", "案件已记录办理去向")


def check_close(state: CaseState, actor: ActorRef) -> None:
    _status(state, CaseStatus.VERIFYING, CaseStatus.RESOLVING)
    _holder(state, actor)
    problem = closure_problem(state.verified_amount, state.payments, state.route)
    if problem:
        raise Refusal("conflict", "not_settled", problem)


def check_follow_up(state: CaseState, actor: ActorRef) -> None:
    _status(state, CaseStatus.CLOSED)
    _holder(state, actor)


def check_escalate(state: CaseState, actor: ActorRef) -> None:
    _status(state, *OPEN)
    if actor.role is Role.LEADER:
        return
    _holder(state, actor)
    if state.is_major:
        raise Refusal("conflict", "already_major", "案件已按重大案件办理")


def check_unfounded(state: CaseState, actor: ActorRef) -> None:
    check_verify(state, actor)


def check_extension_request(state: CaseState, actor: ActorRef) -> None:
    _status(state, CaseStatus.VERIFYING, CaseStatus.RESOLVING)
    _holder(state, actor)
    if state.extended:
        raise Refusal("conflict", "already_extended", "办结期限已延长过一次，不能再次申请")
    if state.extension_reason is not None:
        raise Refusal("conflict", "extension_pending", "已有待审批的延期申请")


def check_extension_decision(state: CaseState, body: DecisionInput) -> None:
    """The pending request, by its id; a request made before requests had ids takes any."""
    if body.actor.role is not Role.OFFICE:
        raise Refusal("forbidden", "forbidden", "只有领导小组办公室可以审批延期申请")
    if state.extension_reason is None:
        raise Refusal("not_found", "no_extension", "没有待审批的延期申请")
    pending = state.extension_request_id
    if pending is not None and body.request_id != pending:
        raise Refusal("not_found", "extension_not_found", f"延期申请 {body.request_id} 不存在")
    if not body.approve and len(body.reason.strip()) < 2:
        raise Refusal("invalid", "reason_required", "不同意延期时须说明理由")
