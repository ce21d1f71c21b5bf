"""领导的督办队列: tasks a leader supervises (the ladder named them at 督办), with the rung each
last reached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.tasks.queries import OPEN_STATUSES
from ledger.tasks.tables import Escalation, Task


@dataclass(frozen=True)
class LeaderTask:
    task: Task
    step_label: str | None  # the last rung recorded (督办, 问责 …)
    stepped_at: datetime | None


async def leader_tasks(
    *,
    session: AsyncSession,
    leader: str,
    include_closed: bool,
    limit: int,
    offset: int,
) -> tuple[list[LeaderTask], int]:
    """The leader's tasks, the longest overdue first, and how many there are."""
    query = select(Task).where(Task.supervising_leader == leader)
    if not include_closed:
        query = query.where(Task.status.in_(OPEN_STATUSES))
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    tasks: Sequence[Task] = (
        await session.scalars(query.order_by(Task.deadline, Task.id).limit(limit).offset(offset))
    ).all()
    rungs = (
        select(Escalation.task_id, Escalation.label, Escalation.recorded_at)
        .where(Escalation.task_id.in_([t.id for t in tasks]))
        .order_by(Escalation.recorded_at, Escalation.id)  # the latest is read last
    )
    steps = {task_id: (label, at) for task_id, label, at in (await session.execute(rungs)).all()}
    found = [
        LeaderTask(task=t, step_label=steps.get(t.id, (None, None))[0],
                   stepped_at=steps.get(t.id, (None, None))[1])
        for t in tasks
    ]  # fmt: skip
    return found, int(total or 0)


def days_overdue(task: Task, today: date) -> int:
    """Whole days past the deadline day of an unfinished task (0 when not overdue)."""
    if task.status not in OPEN_STATUSES:
        return 0
    return max((today - task.deadline).days, 0)
