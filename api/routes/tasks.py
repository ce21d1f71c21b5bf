"""Department tasks: the inbox, a task's history, and the actions on it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from api.decisions import DecisionBody
from api.deps import CurrentActor, OfficeActor, SessionDep, TemporalDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from api.task_commands import actor_ref, send_update, visible_task
from domain.calendar.workdays import WorkingCalendar
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
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.calendar import service as calendar
from ledger.files import service as files
from ledger.tasks import queries as task_queries
from ledger.tasks import service as tasks
from ledger.tasks.tables import Task
from ledger.units import service as units
from workflows.client import TaskUpdate

router = resource_router("tasks", "任务")


class TaskRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    campaign_id: str
    task_key: str
    occurrence: str | None
    title: str
    phase_key: str | None
    lead_unit: str | None
    unit_code: str
    deadline: date
    deadline_time: datetime | None
    status: str
    progress: int
    escalation: str | None
    supervising_leader: str | None
    pending_extension: bool
    deliverables: list[str] = Field(
        description="应交内容：note 说明、figures 数据、files 附件、report 报告（可零报告）"
    )
    overdue: bool = False
    deadline_provisional: bool = Field(
        default=False, description="期限所在年份的放假安排尚未公布，按法定节假日暂估"
    )
    completed_at: datetime | None


class EventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: str
    actor: str
    at: datetime
    from_status: str | None
    to_status: str | None
    detail: dict[str, Any]


class EscalationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    step_key: str
    action: str
    label: str
    deadline: date
    due_at: datetime
    recorded_at: datetime
    reason: str
    recipients: list[str]
    leader: str | None


class TaskDetail(TaskRead):
    description: str
    note: str | None
    figures: dict[str, Any] | None
    nil_report: bool
    events: list[EventRead]
    escalations: list[EscalationRead]


def _read(task: Task, today: date, working: WorkingCalendar) -> TaskRead:
    view = TaskRead.model_validate(task)
    view.overdue = tasks.is_overdue(task, today)
    view.deadline_provisional = working.is_provisional(task.deadline.year)
    return view


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
    due_before: date | None = None,
    unit: str | None = None,
) -> Page[TaskRead]:
    if unit is not None and not await actor.may_act_for(unit, session=session):
        raise ApiError(403, "forbidden", f"您无权查看单位 {unit} 的任务")
    scope: list[str] | None
    if unit is not None:
        scope = [unit]
    elif actor.role is Role.UNIT:
        scope = [actor.unit or ""]
    elif actor.role is Role.DISTRICT:
        scope = sorted(await units.descendants(session=session, code=actor.unit or ""))
    else:
        scope = None
    today = today_in_beijing()
    found, total = await task_queries.search(
        session=session,
        f=task_queries.TaskFilter(
            units=scope,
            campaign=campaign,
            phase=phase,
            status=status,
            overdue=overdue,
            due_before=due_before,
        ),
        today=today,
        limit=paging.limit,
        offset=paging.offset,
    )
    working = await calendar.working_calendar(session=session)
    return Page[TaskRead].of([_read(t, today, working) for t in found], total, paging)


@router.get("/{task_id}", response_model=TaskDetail, summary="任务详情与全部记录")
async def task_detail(task_id: str, actor: CurrentActor, session: SessionDep) -> TaskDetail:
    task = await visible_task(session=session, actor=actor, task_id=task_id)
    base = _read(task, today_in_beijing(), await calendar.working_calendar(session=session))
    return TaskDetail(
        **base.model_dump(),
        description=task.description,
        note=task.note,
        figures=task.figures,
        nil_report=task.nil_report,
        events=[
            EventRead.model_validate(e)
            for e in await tasks.events(session=session, task_id=task_id)
        ],
        escalations=[
            EscalationRead.model_validate(e)
            for e in await tasks.escalations_of(session=session, task_id=task_id)
        ],
    )


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
    state = await send_update(
        client,
        task,
        TaskUpdate.COMPLETE,
        CompleteInput(
            actor=actor_ref(actor),
            note=body.note,
            figures=body.figures,
            attachments=tuple(attachments),
            nil_report=body.nil_report,
        ),
    )
    return _result(state)


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
