"""Reads of the task ledger: the inbox, a task's history, the supervision list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.paging import scalar_page
from ledger.tasks.tables import Escalation, Task

OPEN_STATUSES = ("open", "in_progress")


@dataclass(frozen=True)
class TaskFilter:
    units: Sequence[str] | None = None  # None: every unit
    campaign: str | None = None
    phase: str | None = None
    status: str | None = None
    overdue: bool | None = None
    due_before: date | None = None
    escalation: str | None = None


def _filtered(query: Select[Any], f: TaskFilter, today: date) -> Select[Any]:
    if f.units is not None:
        query = query.where(Task.unit_code.in_(list(f.units)))
    if f.campaign:
        query = query.where(Task.campaign_id == f.campaign)
    if f.phase:
        query = query.where(Task.phase_key == f.phase)
    if f.status:
        query = query.where(Task.status == f.status)
    if f.overdue is True:
        query = query.where(Task.status.in_(OPEN_STATUSES), Task.deadline < today)
    elif f.overdue is False:
        query = query.where(~(Task.status.in_(OPEN_STATUSES) & (Task.deadline < today)))
    if f.due_before:
        query = query.where(Task.deadline < f.due_before)
    if f.escalation:
        query = query.where(Task.escalation == f.escalation)
    return query


async def search(
    *, session: AsyncSession, f: TaskFilter, today: date, limit: int, offset: int
) -> tuple[Sequence[Task], int]:
    """A page of tasks, soonest deadline first, and the total that match."""
    query = _filtered(select(Task), f, today).order_by(Task.deadline, Task.id)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def supervision_list(
    *, session: AsyncSession, campaign: str | None, limit: int, offset: int
) -> tuple[Sequence[Escalation], int]:
    """A page of the 督办 and 问责 records of tasks still open (the office's supervision list),
    newest first; and how many there are."""
    query = (
        select(Escalation)
        .join(Task, Task.id == Escalation.task_id)
        .where(Escalation.action.in_(("supervise", "accountability")))
        .where(Task.status.in_(OPEN_STATUSES))
        .order_by(Escalation.recorded_at.desc(), Escalation.id)
    )
    if campaign:
        query = query.where(Escalation.campaign_id == campaign)
    return await scalar_page(session, query, limit=limit, offset=offset)
