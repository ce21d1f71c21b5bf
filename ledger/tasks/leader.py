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
    rungs = await latest_rungs(session=session, task_ids=[t.id for t in tasks])
    found = [
        LeaderTask(
            task=t,
            step_label=rungs[t.id].label if t.id in rungs else None,
            stepped_at=rungs[t.id].recorded_at if t.id in rungs else None,
        )
        for t in tasks
    ]
    return found, int(total or 0)


async def latest_rungs(*, session: AsyncSession, task_ids: Sequence[str]) -> dict[str, Escalation]:
    """The last ladder record of each of these tasks (a page of them: one query)."""
    if not task_ids:
        return {}
    rungs = (
        select(Escalation)
        .where(Escalation.task_id.in_(list(task_ids)))
        .order_by(Escalation.recorded_at, Escalation.id)  # the latest is read last
    )
    return {rung.task_id: rung for rung in (await session.scalars(rungs)).all()}


def days_overdue(task: Task, today: date) -> int:
    """Whole days past the deadline day of an unfinished task (0 when not overdue)."""
    if task.status not in OPEN_STATUSES:
        return 0
    return max((today - task.deadline).days, 0)
