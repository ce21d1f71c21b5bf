"""Who may do what to a task, and when: the refusals behind 403, 409 and 422."""

from __future__ import annotations

from datetime import date

from domain.refusal import Refusal
from domain.tasks.completion import completion_refused
from domain.tasks.model import (
    STATUS_LABELS,
    TERMINAL,
    ActorRef,
    CancelInput,
    CompleteInput,
    ExtensionDecisionInput,
    ExtensionRequestInput,
    ProgressInput,
    ReassignInput,
    TaskState,
)
from domain.units.roles import Role, may_act_for


def _forbidden(message: str) -> Refusal:
    return Refusal("forbidden", "forbidden", message)


def _conflict(code: str, message: str) -> Refusal:
    return Refusal("conflict", code, message)


def _require_own_unit(state: TaskState, actor: ActorRef) -> None:
    if (
        not may_act_for(
            role=actor.role,
            own_unit=actor.unit,
            target_unit=state.unit,
            target_ancestors=state.unit_ancestors,
        )
        or actor.role is Role.LEADER
    ):
        raise _forbidden(f"此任务由单位 {state.unit} 办理，您无权操作")


def _require_office(actor: ActorRef, what: str) -> None:
    if actor.role is not Role.OFFICE:
        raise _forbidden(f"只有领导小组办公室可以{what}")


def _require_open(state: TaskState) -> None:
    if state.status in TERMINAL:
        raise _conflict("task_closed", f"任务{STATUS_LABELS[state.status]}，不能再操作")


def check_progress(state: TaskState, body: ProgressInput) -> None:
    _require_own_unit(state, body.actor)
    _require_open(state)
    if body.percent < state.progress:
        raise Refusal("invalid", "progress_backwards", f"进度不能回退（当前 {state.progress}%）")


def check_complete(state: TaskState, body: CompleteInput) -> None:
    _require_own_unit(state, body.actor)
    _require_open(state)
    refused = completion_refused(state.spec.deliverables, state.spec.figure_fields, body)
    if refused is not None:
        raise Refusal("invalid", refused.code, refused.message)


def check_extension_request(state: TaskState, body: ExtensionRequestInput, today: date) -> None:
    _require_own_unit(state, body.actor)
    _require_open(state)
    if state.pending_extension() is not None:
        raise _conflict("extension_pending", "已有待审批的延期申请，请等待办公室决定")
    if any(r.request_id == body.request_id for r in state.extensions):
        raise _conflict("duplicate_request", "该延期申请已提交")
    if body.new_deadline <= state.deadline:
        raise Refusal(
            "invalid", "deadline_not_later", f"新的期限须晚于当前期限 {state.deadline.isoformat()}"
        )
    if body.new_deadline < today:
        raise Refusal("invalid", "deadline_in_past", "新的期限不能早于今天")


def check_extension_decision(state: TaskState, body: ExtensionDecisionInput) -> None:
    _require_office(body.actor, "审批延期申请")
    request = next((r for r in state.extensions if r.request_id == body.request_id), None)
    if request is None:
        raise Refusal("not_found", "extension_not_found", "延期申请不存在")
    if request.status != "pending":
        raise _conflict("extension_decided", "该延期申请已处理")
    _require_open(state)
    if not body.approve and len(body.reason.strip()) < 2:
        raise Refusal("invalid", "reason_required", "不同意延期时须说明理由")


def check_reassign(state: TaskState, body: ReassignInput) -> None:
    _require_office(body.actor, "改派任务")
    _require_open(state)
    if body.unit == state.unit:
        raise _conflict("same_unit", "任务已由该单位办理")


def check_cancel(state: TaskState, body: CancelInput) -> None:
    _require_office(body.actor, "撤销任务")
    _require_open(state)


def check_urge(actor: ActorRef, *, unit: str, lead_unit: str | None, open_: bool) -> None:
    """催办: the office urges any unit; a measure's lead unit urges the units that share it."""
    leads = actor.unit is not None and actor.unit == lead_unit and actor.unit != unit
    if actor.role is not Role.OFFICE and not leads:
        raise _forbidden("只有领导小组办公室或本项措施的牵头单位可以催办")
    if not open_:
        raise _conflict("task_closed", "任务已办结或撤销，无需催办")


def allowed_actions(
    actor: ActorRef, *, may_act: bool, unit: str, lead_unit: str | None, open_: bool, pending: bool
) -> list[str]:
    """What the rules above let this account do to a task now, for the page to offer."""
    if not open_:
        return []
    found = []
    if may_act and actor.role is not Role.LEADER:
        found += ["progress", "complete"] + ([] if pending else ["request_extension"])
    if actor.role is Role.OFFICE:
        found += (["decide_extension"] if pending else []) + ["reassign", "cancel"]
    try:
        check_urge(actor, unit=unit, lead_unit=lead_unit, open_=open_)
        found.append("urge")
    except Refusal:
        pass
    return found
