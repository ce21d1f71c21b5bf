"""Writes of the task ledger, each idempotent on a key the workflow derives."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.escalation import StepAction
from domain.tasks.records import EscalationInput, TaskChange, TaskSnapshot
from domain.units.roles import Role
from ledger.campaigns.tables import Campaign
from ledger.notifications import service as notifications
from ledger.tasks.tables import Escalation, Task, TaskEvent

ESCALATION_STATE = {
    StepAction.REMIND: "reminded",
    StepAction.WARN: "warned",
    StepAction.SUPERVISE: "supervised",
    StepAction.ACCOUNTABILITY: "accountability",
}


def _row(snapshot: TaskSnapshot) -> dict[str, Any]:
    spec = snapshot.spec
    row: dict[str, Any] = {
        "id": spec.task_id,
        "campaign_id": spec.campaign_id,
        "task_key": spec.task_key,
        "occurrence": spec.occurrence,
        "title": spec.title,
        "description": spec.description,
        "phase_key": spec.phase_key,
        "lead_unit": spec.lead_unit,
        "unit_code": snapshot.unit,
        "deadline": snapshot.deadline,
        "deadline_time": snapshot.deadline_time,
        "deliverables": list(spec.deliverables),
        "figure_fields": [f.model_dump() for f in spec.figure_fields],
        "status": snapshot.status.value,
        "progress": snapshot.progress,
        "pending_extension": snapshot.pending_extension,
        "completed_at": snapshot.completed_at,
    }
    if snapshot.note is not None:
        row["note"] = snapshot.note
    if snapshot.figures is not None:
        row["figures"] = {k: str(v) for k, v in snapshot.figures.items()}
    if snapshot.nil_report:
        row["nil_report"] = True
    return row


async def upsert_task(*, session: AsyncSession, snapshot: TaskSnapshot, **extra: Any) -> None:
    row = {**_row(snapshot), **extra}
    statement = insert(Task).values(row)
    mutable = {k: statement.excluded[k] for k in row if k != "id"}
    await session.execute(statement.on_conflict_do_update(index_elements=[Task.id], set_=mutable))


async def append_event(
    *,
    session: AsyncSession,
    task_id: str,
    event_key: str,
    kind: str,
    actor: str,
    at: Any,
    from_status: str | None,
    to_status: str | None,
    detail: dict[str, Any],
) -> bool:
    """Append once; False when this key was already written (a retried activity)."""
    result = await session.execute(
        insert(TaskEvent)
        .values(
            task_id=task_id,
            event_key=event_key,
            kind=kind,
            actor=actor,
            at=at,
            from_status=from_status,
            to_status=to_status,
            detail=detail,
        )
        .on_conflict_do_nothing(index_elements=[TaskEvent.event_key])
        .returning(TaskEvent.id)
    )
    return result.scalar_one_or_none() is not None


async def apply_change(*, session: AsyncSession, change: TaskChange) -> None:
    """The new row, the event, and the notifications it calls for, together."""
    await upsert_task(session=session, snapshot=change.snapshot)
    fresh = await append_event(
        session=session,
        task_id=change.snapshot.spec.task_id,
        event_key=change.event_key,
        kind=change.kind,
        actor=change.actor,
        at=change.at,
        from_status=change.from_status.value if change.from_status else None,
        to_status=change.to_status.value if change.to_status else None,
        detail=change.detail,
    )
    if not fresh or not change.message:
        return
    await notifications.announce(
        session=session,
        key=change.event_key,
        kind=change.kind,
        message=change.message,
        units=change.notify_units,
        office=change.notify_office,
        task_id=change.snapshot.spec.task_id,
    )


async def supervising_leader(*, session: AsyncSession, campaign_id: str) -> str | None:
    """The campaign's named leader, else the first active leader account."""
    named = await session.scalar(
        select(Campaign.supervising_leader).where(Campaign.id == campaign_id)
    )
    if named:
        return named
    leaders = await notifications.role_accounts(session=session, role=Role.LEADER)
    return leaders[0] if leaders else None


async def _new_escalation(session: AsyncSession, body: EscalationInput, leader: str | None) -> bool:
    """The escalation row, keyed so a retry adds none: False when it was there already."""
    step, spec = body.step, body.snapshot.spec
    inserted = await session.execute(
        insert(Escalation)
        .values(
            escalation_key=body.escalation_key,
            task_id=spec.task_id,
            campaign_id=spec.campaign_id,
            unit_code=body.snapshot.unit,
            step_key=step.key,
            action=step.action.value,
            label=step.label,
            deadline=body.snapshot.deadline,
            due_at=body.due_at,
            recorded_at=body.at,
            reason=body.reason,
            recipients=[r.value for r in step.recipients]
            + ([f"leader:{leader}"] if leader else []),
            leader=leader,
        )
        .on_conflict_do_nothing(index_elements=[Escalation.escalation_key])
        .returning(Escalation.id)
    )
    return inserted.scalar_one_or_none() is not None


async def record_escalation(
    *, session: AsyncSession, body: EscalationInput, leader: str | None, names: Sequence[str]
) -> bool:
    """Record a ladder step once and tell `names`; False when it was already recorded."""
    step = body.step
    spec = body.snapshot.spec
    extra: dict[str, Any] = {"escalation": ESCALATION_STATE[step.action]}
    if leader and step.action is StepAction.SUPERVISE:
        extra["supervising_leader"] = leader
    await upsert_task(session=session, snapshot=body.snapshot, **extra)
    if not await _new_escalation(session, body, leader):
        return False
    await append_event(
        session=session,
        task_id=spec.task_id,
        event_key=body.escalation_key,
        kind=f"escalation_{step.action.value}",
        actor="system",
        at=body.at,
        from_status=None,
        to_status=None,
        detail={
            "step": step.key,
            "label": step.label,
            "due_at": body.due_at.isoformat(),
            "recipients": list(names),
            "leader": leader,
        },
    )
    title = f"【{step.label}】{spec.title}"
    text = f"{body.reason}。办理单位：{body.snapshot.unit}" + (
        f"；包案领导：{leader}" if leader else ""
    )
    await notifications.notify(
        session=session,
        key=body.escalation_key,
        usernames=names,
        kind=step.action.value,
        title=title,
        body=text,
        task_id=spec.task_id,
    )
    return True


async def get(*, session: AsyncSession, task_id: str) -> Task | None:
    return await session.get(Task, task_id)


async def events(*, session: AsyncSession, task_id: str) -> Sequence[TaskEvent]:
    query = select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id)
    return (await session.scalars(query)).all()


async def escalations_of(*, session: AsyncSession, task_id: str) -> Sequence[Escalation]:
    query = select(Escalation).where(Escalation.task_id == task_id).order_by(Escalation.id)
    return (await session.scalars(query)).all()


def is_overdue(task: Task, today: date) -> bool:
    return task.status in ("open", "in_progress") and task.deadline < today
