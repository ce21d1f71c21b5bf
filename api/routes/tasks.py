"""Department tasks: the inbox, a task's history, and the actions on it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from api import task_views
from api.decisions import DecisionBody
from api.deps import Actor, CurrentActor, OfficeActor, SessionDep, TemporalDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from api.task_commands import actor_ref, send_update, visible_task
from api.task_views import TaskDetail, TaskRead
from api.updates import REFUSAL_STATUS
from domain.refusal import Refusal
from domain.tasks.completion import completion_refused
from domain.tasks.figures import FigureField
from domain.tasks.model import (
    AttachmentRef,
    CancelInput,
    CompleteInput,
    ExtensionDecisionInput,
    ExtensionRequestInput,
    ProgressInput,
    ReassignInput,
    TaskState,
)
from domain.tasks.rules import check_urge
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.calendar import service as calendar
from ledger.files import service as files
from ledger.tasks import queries as task_queries
from ledger.tasks import urge as task_urge
from ledger.tasks.queries import TaskSort
from ledger.tasks.tables import Task
from ledger.units import service as units
from workflows.client import TaskUpdate

router = resource_router("tasks", "任务")


class ProgressBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    percent: int = Field(ge=0, le=100)
    note: str = Field(default="", max_length=2000)


class CompleteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str = Field(default="", max_length=5000)
    figures: dict[str, Decimal] = Field(default_factory=dict)
    attachment_ids: list[str] = Field(default_factory=list, max_length=20)
    nil_report: bool = Field(default=False, description="零报告：本期无可报内容")


class ExtensionBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    new_deadline: date
    reason: str = Field(min_length=2, max_length=2000)


class ReassignBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit: str
    reason: str = Field(min_length=2, max_length=2000)


class CancelBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=2, max_length=2000)


class UrgeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    message: str = Field(default="请抓紧办理，按期完成。", min_length=2, max_length=500)


class Urged(BaseModel):
    id: str
    told: int = Field(description="收到催办通知的账号数")


class ActionResult(BaseModel):
    id: str
    status: str
    progress: int
    deadline: date
    unit: str
    request_id: str | None = None


def _result(state: TaskState, request_id: str | None = None) -> ActionResult:
    return ActionResult(
        id=state.spec.task_id,
        status=state.status.value,
        progress=state.progress,
        deadline=state.deadline,
        unit=state.unit,
        request_id=request_id,
    )


@router.get("", response_model=Page[TaskRead], summary="任务列表（默认本单位，期限近的在前）")
async def list_tasks(
    actor: CurrentActor,
    session: SessionDep,
    paging: PagingDep,
    campaign: str | None = None,
    phase: str | None = None,
    status: Annotated[str | None, Query(pattern="^(open|in_progress|completed|cancelled)$")] = None,
    overdue: bool | None = None,
    due_before: Annotated[date | None, Query(description="期限早于此日")] = None,
    due_from: Annotated[date | None, Query(description="期限不早于此日")] = None,
    unit: str | None = None,
    led: Annotated[bool, Query(description="本单位牵头的措施中各单位的任务")] = False,
    q: Annotated[str | None, Query(max_length=100, description="标题中的词（须全部包含）")] = None,
    escalation: Annotated[
        str | None,
        Query(pattern="^(reminded|warned|supervised|accountability)$", description="所处催办环节"),
    ] = None,
    sort: TaskSort = TaskSort.DEADLINE,
    order: Literal["asc", "desc"] = "asc",
) -> Page[TaskRead]:
    today = today_in_beijing()
    found, total = await task_queries.search(
        session=session,
        f=task_queries.TaskFilter(
            units=await _scope(actor, session, unit, led),
            lead_unit=(actor.unit or "") if led else None,
            campaign=campaign,
            phase=phase,
            status=status,
            overdue=overdue,
            due_before=due_before,
            due_from=due_from,
            q=q,
            escalation=escalation,
        ),
        today=today,
        limit=paging.limit,
        offset=paging.offset,
        sort=sort,
        descending=order == "desc",
    )
    working = await calendar.working_calendar(session=session)
    return Page[TaskRead].of([task_views.read(t, today, working) for t in found], total, paging)


async def _scope(
    actor: Actor, session: SessionDep, unit: str | None, led: bool
) -> list[str] | None:
    """The units whose tasks the caller lists: one it may act for (or, with `led`, any unit of
    the measures it leads), its territory by default, every unit for the office and leaders."""
    if unit is not None and not (led or await actor.may_act_for(unit, session=session)):
        raise ApiError(403, "forbidden", f"您无权查看单位 {unit} 的任务")
    if unit is not None:
        return [unit]
    if led or actor.role in (Role.OFFICE, Role.LEADER):
        return None
    if actor.role is Role.UNIT:
        return [actor.unit or ""]
    return sorted(await units.descendants(session=session, code=actor.unit or ""))


@router.get("/{task_id}", response_model=TaskDetail, summary="任务详情与全部记录")
async def task_detail(task_id: str, actor: CurrentActor, session: SessionDep) -> TaskDetail:
    task = await visible_task(session=session, actor=actor, task_id=task_id, lead_unit_too=True)
    return await task_views.detail(session, actor, task)


@router.post(
    "/{task_id}/progress-reports", response_model=ActionResult, status_code=201, summary="报告进度"
)
async def report_progress(
    task_id: str, body: ProgressBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> ActionResult:
    task = await visible_task(session=session, actor=actor, task_id=task_id)
    state = await send_update(
        client,
        task,
        TaskUpdate.PROGRESS,
        ProgressInput(actor=actor_ref(actor), percent=body.percent, note=body.note),
    )
    return _result(state)


@router.post("/{task_id}/complete", response_model=ActionResult, summary="办结任务")
async def complete_task(
    task_id: str, body: CompleteBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> ActionResult:
    task = await visible_task(session=session, actor=actor, task_id=task_id)
    attachments: list[AttachmentRef] = []
    for index, attachment_id in enumerate(body.attachment_ids):
        stored = await files.get(session=session, attachment_id=attachment_id)
        if stored is None or stored.uploaded_by != actor.username:
            raise ApiError(
                422,
                "unknown_attachment",
                f"attachment_ids[{index}]: 附件 {attachment_id} 不存在或不是您上传的",
            )
        attachments.append(
            AttachmentRef(
                attachment_id=stored.id,
                filename=stored.filename,
                sha256=stored.sha256,
                size=stored.size,
            )
        )
    completion = CompleteInput(
        actor=actor_ref(actor),
        note=body.note,
        figures=body.figures,
        attachments=tuple(attachments),
        nil_report=body.nil_report,
    )
    _check_completion(task, completion)
    return _result(await send_update(client, task, TaskUpdate.COMPLETE, completion))


def _check_completion(task: Task, body: CompleteInput) -> None:
    """The workflow's own rule, asked first so that each refusal names its field."""
    fields = [FigureField.model_validate(f) for f in task.figure_fields]
    refused = completion_refused(task.deliverables, fields, body)
    if refused is not None:
        details = [{"field": p.field, "message": p.message} for p in refused.problems]
        raise ApiError(422, refused.code, refused.message, details=details)


@router.post(
    "/{task_id}/extension-requests",
    response_model=ActionResult,
    status_code=201,
    summary="申请延期（编号见 request_id）",
)
async def request_task_extension(
    task_id: str, body: ExtensionBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> ActionResult:
    task = await visible_task(session=session, actor=actor, task_id=task_id)
    request_id = uuid.uuid4().hex[:12]
    state = await send_update(
        client,
        task,
        TaskUpdate.REQUEST_EXTENSION,
        ExtensionRequestInput(
            actor=actor_ref(actor),
            request_id=request_id,
            new_deadline=body.new_deadline,
            reason=body.reason,
        ),
    )
    return _result(state, request_id)


@router.post(
    "/{task_id}/extension-requests/{request_id}/decision",
    response_model=ActionResult,
    summary="审批延期申请（领导小组办公室）",
)
async def decide_task_extension(
    task_id: str,
    request_id: str,
    body: DecisionBody,
    actor: OfficeActor,
    session: SessionDep,
    client: TemporalDep,
) -> ActionResult:
    task = await visible_task(session=session, actor=actor, task_id=task_id)
    state = await send_update(
        client,
        task,
        TaskUpdate.DECIDE_EXTENSION,
        ExtensionDecisionInput(
            actor=actor_ref(actor), request_id=request_id, approve=body.approve, reason=body.reason
        ),
    )
    return _result(state, request_id)


@router.post(
    "/{task_id}/reassign", response_model=ActionResult, summary="改派任务（领导小组办公室）"
)
async def reassign_task(
    task_id: str, body: ReassignBody, actor: OfficeActor, session: SessionDep, client: TemporalDep
) -> ActionResult:
    task = await visible_task(session=session, actor=actor, task_id=task_id)
    if await units.get(session=session, code=body.unit) is None:
        raise ApiError(422, "unknown_unit", f"unit: 单位编码 {body.unit} 不存在")
    chain = await units.ancestors(session=session, code=body.unit)
    state = await send_update(
        client,
        task,
        TaskUpdate.REASSIGN,
        ReassignInput(
            actor=actor_ref(actor), unit=body.unit, unit_ancestors=tuple(chain), reason=body.reason
        ),
    )
    return _result(state)


@router.post("/{task_id}/cancel", response_model=ActionResult, summary="撤销任务（领导小组办公室）")
async def cancel_task(
    task_id: str, body: CancelBody, actor: OfficeActor, session: SessionDep, client: TemporalDep
) -> ActionResult:
    task = await visible_task(session=session, actor=actor, task_id=task_id)
    state = await send_update(
        client,
        task,
        TaskUpdate.CANCEL,
        CancelInput(actor=actor_ref(actor), reason=body.reason),
    )
    return _result(state)


@router.post(
    "/{task_id}/urge",
    response_model=Urged,
    status_code=201,
    summary="催办（领导小组办公室，或本项措施的牵头单位）",
)
async def urge_task(
    task_id: str, body: UrgeBody, actor: CurrentActor, session: SessionDep
) -> Urged:
    task = await visible_task(session=session, actor=actor, task_id=task_id, lead_unit_too=True)
    try:
        check_urge(
            actor_ref(actor),
            unit=task.unit_code,
            lead_unit=task.lead_unit,
            open_=task.status in task_queries.OPEN_STATUSES,
        )
    except Refusal as refusal:
        raise ApiError(REFUSAL_STATUS[refusal.kind], refusal.code, refusal.message) from None
    told = await task_urge.urge(
        session=session,
        task=task,
        actor=actor.username,
        by_unit=actor.unit,
        message=body.message,
        at=datetime.now(UTC),
    )
    await session.commit()
    return Urged(id=task.id, told=told)
