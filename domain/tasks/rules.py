"""Who may do what to a task, and when: the refusals behind 403, 409 and 422."""

from __future__ import annotations

from datetime import date

from domain.refusal import Refusal
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
    wanted = set(state.spec.deliverables)
    missing = []
    if "note" in wanted and not body.note.strip():
        missing.append("办理情况说明（note）")
    if "figures" in wanted and not body.figures:
        missing.append("数据（figures）")
    if "files" in wanted and not body.attachments:
        missing.append("附件（attachments）")
    if "report" in wanted and not (body.note.strip() or body.attachments or body.nil_report):
        missing.append("报告内容（note 或 attachments），无内容可报时请明确零报告（nil_report）")
    if missing:
        raise Refusal("invalid", "deliverables_missing", "缺少应交内容：" + "、".join(missing))


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
