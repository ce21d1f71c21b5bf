"""How a task is shown: a row of the inbox, and the detail with its history, its ladder and the
names of the people and units in them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import Actor
from api.task_commands import actor_ref
from domain.calendar.workdays import WorkingCalendar
from domain.tasks.figures import FigureField
from domain.tasks.rules import allowed_actions
from infra.clock import today_in_beijing
from ledger.calendar import service as calendar
from ledger.campaigns import service as campaigns
from ledger.tasks import service as tasks
from ledger.tasks.tables import Escalation, Task, TaskEvent
from ledger.units import accounts

TaskAction = Literal[
    "progress", "complete", "request_extension", "decide_extension", "reassign", "cancel", "urge"
]


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
    actor_name: str = Field(default="", description="操作人姓名（系统操作为“系统”）")
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
    leader_name: str | None = Field(default=None, description="包案领导姓名")


class PendingExtension(BaseModel):
    request_id: str
    new_deadline: date
    reason: str
    requested_by: str
    requested_by_name: str
    requested_at: datetime


class TaskDetail(TaskRead):
    description: str = Field(description="措施原文（方案中的任务说明）")
    campaign_title: str
    phase_name: str | None
    figure_fields: list[FigureField] = Field(
        description="应填报的数据项（方案列出时）；为空而 deliverables 含 figures 时可自行填写"
    )
    note: str | None
    figures: dict[str, Any] | None
    nil_report: bool
    supervising_leader_name: str | None
    pending_request: PendingExtension | None = Field(description="待审批的延期申请")
    events: list[EventRead]
    escalations: list[EscalationRead]
    actions: list[TaskAction] = Field(description="当前账号现在可做的操作")


def read(task: Task, today: date, working: WorkingCalendar) -> TaskRead:
    view = TaskRead.model_validate(task)
    view.overdue = tasks.is_overdue(task, today)
    view.deadline_provisional = working.is_provisional(task.deadline.year)
    return view


def _pending(events: list[TaskEvent], names: dict[str, str]) -> PendingExtension | None:
    """The last request no decision answered, as the history tells it."""
    open_requests: dict[str, TaskEvent] = {}
    for event in events:
        request_id = str(event.detail.get("request_id", ""))
        if event.kind == "extension_requested":
            open_requests[request_id] = event
        elif event.kind in ("extension_approved", "extension_refused"):
            open_requests.pop(request_id, None)
    if not open_requests:
        return None
    request_id, event = list(open_requests.items())[-1]
    return PendingExtension(
        request_id=request_id,
        new_deadline=date.fromisoformat(str(event.detail["new_deadline"])),
        reason=str(event.detail.get("reason", "")),
        requested_by=event.actor,
        requested_by_name=names.get(event.actor, event.actor),
        requested_at=event.at,
    )


def _event(event: TaskEvent, names: dict[str, str]) -> EventRead:
    view = EventRead.model_validate(event)
    view.actor_name = "系统" if event.actor == "system" else names.get(event.actor, event.actor)
    return view


def _escalation(row: Escalation, names: dict[str, str]) -> EscalationRead:
    view = EscalationRead.model_validate(row)
    view.leader_name = names.get(row.leader, row.leader) if row.leader else None
    return view


async def _actions(
    session: AsyncSession, actor: Actor, task: Task, pending: bool
) -> list[TaskAction]:
    found = allowed_actions(
        actor_ref(actor),
        may_act=await actor.may_act_for(task.unit_code, session=session),
        unit=task.unit_code,
        lead_unit=task.lead_unit,
        open_=task.status in ("open", "in_progress"),
        pending=pending,
    )
    return [action for action in TASK_ACTIONS if action in found]


TASK_ACTIONS: tuple[TaskAction, ...] = (
    "progress", "complete", "request_extension", "decide_extension", "reassign", "cancel", "urge"
)  # fmt: skip


async def detail(session: AsyncSession, actor: Actor, task: Task) -> TaskDetail:
    working = await calendar.working_calendar(session=session)
    events = list(await tasks.events(session=session, task_id=task.id))
    ladder = list(await tasks.escalations_of(session=session, task_id=task.id))
    people = {e.actor for e in events} | {r.leader for r in ladder if r.leader}
    names = await accounts.display_names(
        session=session, usernames=people | {task.supervising_leader or ""}
    )
    campaign = await campaigns.get(session=session, campaign_id=task.campaign_id)
    phases = await campaigns.phases(session=session, campaign_id=task.campaign_id)
    pending = _pending(events, names)
    return TaskDetail(
        **read(task, today_in_beijing(), working).model_dump(),
        description=task.description,
        campaign_title=campaign.title if campaign else task.campaign_id,
        phase_name=next((p.name for p in phases if p.key == task.phase_key), None),
        figure_fields=[FigureField.model_validate(f) for f in task.figure_fields],
        note=task.note,
        figures=task.figures,
        nil_report=task.nil_report,
        supervising_leader_name=names.get(task.supervising_leader or ""),
        pending_request=pending,
        events=[_event(e, names) for e in events],
        escalations=[_escalation(r, names) for r in ladder],
        actions=await _actions(session, actor, task, task.pending_extension),
    )
