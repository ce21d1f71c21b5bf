"""Reads of the task ledger: the inbox, a task's history, the supervision list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, case, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.paging import scalar_page
from ledger.tasks.tables import Escalation, Task

OPEN_STATUSES = ("open", "in_progress")


@dataclass(frozen=True)
class TaskFilter:
    units: Sequence[str] | None = None  # None: every unit
    lead_unit: str | None = None  # the measures this unit leads
    campaign: str | None = None
    phase: str | None = None
    status: str | None = None
    overdue: bool | None = None
    due_before: date | None = None
    due_from: date | None = None
    escalation: str | None = None
    q: str | None = None  # words in the title, all of them


def _filtered(query: Select[Any], f: TaskFilter, today: date) -> Select[Any]:
    if f.units is not None:
        query = query.where(Task.unit_code.in_(list(f.units)))
    if f.lead_unit is not None:
        query = query.where(Task.lead_unit == f.lead_unit)
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
    if f.due_from:
        query = query.where(Task.deadline >= f.due_from)
    for word in (f.q or "").split():
        query = query.where(Task.title.ilike(f"%{_escaped(word)}%", escape="\\"))
    if f.escalation:
        query = query.where(Task.escalation == f.escalation)
    return query


def _escaped(word: str) -> str:
    """A search word taken literally: LIKE's wildcards in it match themselves."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class TaskSort(StrEnum):
    DEADLINE = "deadline"
    TITLE = "title"
    STATUS = "status"


# Status in the order work goes: 待办, 办理中, 已完成, 已撤销 (not alphabetical codes).
_STATUS_ORDER = case(
    {"open": 0, "in_progress": 1, "completed": 2, "cancelled": 3}, value=Task.status, else_=4
)
_SORT_KEYS: dict[TaskSort, Any] = {
    TaskSort.DEADLINE: Task.deadline,
    TaskSort.TITLE: Task.title,
    TaskSort.STATUS: _STATUS_ORDER,
}


async def search(
    *,
    session: AsyncSession,
    f: TaskFilter,
    today: date,
    limit: int,
    offset: int,
    sort: TaskSort = TaskSort.DEADLINE,
    descending: bool = False,
) -> tuple[Sequence[Task], int]:
    """A page of tasks in the chosen order (soonest deadline first by default), ties broken by
    deadline and id so that pages never overlap, and the total that match."""
    key = _SORT_KEYS[sort]
    order = [key.desc() if descending else key.asc(), Task.deadline, Task.id]
    query = _filtered(select(Task), f, today).order_by(*order)
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
