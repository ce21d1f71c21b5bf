"""A campaign's tasks as they stood at one instant: completions, overdue units, escalations.

Everything is judged by timestamps (completed_at, cancellation events, escalation records), so a
report re-run later for the same instant counts the same tasks the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.escalation import StepAction, deadline_at
from domain.reports.figures import EscalationRow, OverdueRow, TaskFigures
from domain.reports.periods import ReportPeriod, last_day
from ledger.reports.territory import Territory
from ledger.tasks.tables import Escalation, Task, TaskEvent

NAMED_ACTIONS = (StepAction.WARN, StepAction.SUPERVISE, StepAction.ACCOUNTABILITY)


@dataclass(frozen=True)
class TaskAsOf:
    id: str
    unit: str
    title: str
    deadline: date
    due: bool
    completed: bool
    on_time: bool
    nil_report: bool
    escalation: str | None


async def _changed_after(
    session: AsyncSession, campaign_id: str, at: datetime
) -> tuple[dict[str, date], dict[str, str]]:
    """Deadline and unit each task had at `at`, for those an extension or a reassignment
    changed later: the earliest such change after `at` says what was there before it."""
    later = await session.execute(
        select(TaskEvent.task_id, TaskEvent.kind, TaskEvent.detail)
        .join(Task, Task.id == TaskEvent.task_id)
        .where(
            Task.campaign_id == campaign_id,
            TaskEvent.kind.in_(("extension_approved", "reassigned")),
            TaskEvent.at >= at,
        )
        .order_by(TaskEvent.at.desc(), TaskEvent.id.desc())  # the earliest is applied last
    )
    deadlines: dict[str, date] = {}
    units: dict[str, str] = {}
    for task_id, kind, detail in later.all():
        if kind == "extension_approved":
            deadlines[task_id] = date.fromisoformat(detail["from_deadline"])
        else:
            units[task_id] = detail["from_unit"]
    return deadlines, units


async def _ladder_at(session: AsyncSession, campaign_id: str, at: datetime) -> dict[str, str]:
    """The last rung each task had reached by `at` (督办 column), by its label."""
    rows = await session.execute(
        select(Escalation.task_id, Escalation.label)
        .where(Escalation.campaign_id == campaign_id, Escalation.recorded_at < at)
        .order_by(Escalation.recorded_at, Escalation.id)  # the latest is written last
    )
    return {task_id: label for task_id, label in rows.all()}


async def tasks_as_of(*, session: AsyncSession, campaign_id: str, at: datetime) -> list[TaskAsOf]:
    """Tasks that existed at `at` and were not cancelled by then, with the deadline, unit and
    ladder rung they had then, so a later extension or reassignment changes no past report."""
    cancelled = set(
        (
            await session.scalars(
                select(TaskEvent.task_id)
                .join(Task, Task.id == TaskEvent.task_id)
                .where(
                    Task.campaign_id == campaign_id,
                    TaskEvent.to_status == "cancelled",
                    TaskEvent.at < at,
                )
            )
        ).all()
    )
    deadlines, units = await _changed_after(session, campaign_id, at)
    ladder = await _ladder_at(session, campaign_id, at)
    rows = (
        await session.scalars(
            select(Task)
            .where(Task.campaign_id == campaign_id, Task.created_at < at)
            .order_by(Task.deadline, Task.unit_code, Task.id)
        )
    ).all()
    found = []
    for task in rows:
        if task.id in cancelled:
            continue
        deadline = deadlines.get(task.id, task.deadline)
        exact = task.deadline_time if task.id not in deadlines else None
        lapses = exact or deadline_at(deadline)
        completed = task.completed_at is not None and task.completed_at < at
        found.append(
            TaskAsOf(
                id=task.id,
                unit=units.get(task.id, task.unit_code),
                title=task.title,
                deadline=deadline,
                due=lapses <= at,
                completed=completed,
                on_time=completed and task.completed_at is not None and task.completed_at <= lapses,
                nil_report=completed and task.nil_report,
                escalation=ladder.get(task.id),
            )
        )
    return sorted(found, key=lambda t: (t.deadline, t.unit, t.id))


def task_figures(tasks: Sequence[TaskAsOf]) -> TaskFigures:
    return TaskFigures(
        total=len(tasks),
        due=sum(t.due for t in tasks),
        completed=sum(t.completed for t in tasks),
        completed_on_time=sum(t.due and t.on_time for t in tasks),
        overdue=sum(t.due and not t.completed for t in tasks),
        nil_reports=sum(t.nil_report for t in tasks),
    )


def overdue_rows(
    tasks: Sequence[TaskAsOf], at: datetime, land: Territory
) -> tuple[OverdueRow, ...]:
    """逾期未完成单位点名: every due, unfinished task, longest overdue first, in whole days after
    its deadline day (a deadline on the period's last day lapsed at the instant: 0 days)."""
    day = last_day(at)
    rows = [
        OverdueRow(
            unit=t.unit,
            unit_name=land.name(t.unit),
            district_name=land.name(land.district_of.get(t.unit)) or None,
            title=t.title,
            deadline=t.deadline,
            days_overdue=max((day - t.deadline).days, 0),
            escalation=t.escalation,
        )
        for t in tasks
        if t.due and not t.completed
    ]
    return tuple(sorted(rows, key=lambda r: (-r.days_overdue, r.unit, r.title)))


async def escalation_rows(
    *, session: AsyncSession, campaign_id: str, period: ReportPeriod, land: Territory
) -> list[EscalationRow]:
    """约谈/通报/问责: the ladder's warnings, supervision and accountability in the period."""
    rows = (
        await session.execute(
            select(Escalation, Task.title)
            .join(Task, Task.id == Escalation.task_id)
            .where(
                Escalation.campaign_id == campaign_id,
                Escalation.action.in_([a.value for a in NAMED_ACTIONS]),
                Escalation.recorded_at >= period.start,
                Escalation.recorded_at < period.end,
            )
            .order_by(Escalation.recorded_at, Escalation.unit_code)
        )
    ).all()
    return [
        EscalationRow(
            unit=e.unit_code,
            unit_name=land.name(e.unit_code),
            action=e.action,
            label=e.label,
            title=title,
            deadline=e.deadline,
            recorded_at=e.recorded_at,
        )
        for e, title in rows
    ]
