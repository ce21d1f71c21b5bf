"""A campaign's tasks on the dashboard: one grouped pass over the campaign's index for phases,
units, the ladder and the ranking; the longest overdue and the latest 督办 as short lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, and_, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dashboard.figures import (
    OverdueTask,
    PhaseProgress,
    StepCount,
    SupervisionItem,
    UnitProgress,
)
from domain.escalation import EscalationLadder, StepAction
from ledger.campaigns.tables import CampaignPhase
from ledger.dashboard.scope import Scope
from ledger.tasks.queries import OPEN_STATUSES
from ledger.tasks.service import ESCALATION_STATE
from ledger.tasks.tables import Escalation, Task

SHORT_LIST = 10
SUPERVISED = (StepAction.SUPERVISE.value, StepAction.ACCOUNTABILITY.value)


@dataclass(frozen=True)
class TaskGroup:
    """Tasks of one phase, unit and rung (cancelled ones left out)."""

    phase: str | None
    unit: str
    escalation: str | None
    total: int
    completed: int
    open: int
    overdue: int
    due: int  # deadline passed
    on_time: int  # due and completed by the end of its deadline day (Beijing)


async def task_groups(
    *, session: AsyncSession, campaign_id: str, scope: Scope, today: date
) -> list[TaskGroup]:
    is_open = Task.status.in_(OPEN_STATUSES)
    due = Task.deadline < today
    deadline = Task.deadline
    completed_day = cast(func.timezone("Asia/Shanghai", Task.completed_at), Date)
    query = (
        select(
            Task.phase_key,
            Task.unit_code,
            Task.escalation,
            func.count(),
            func.count().filter(Task.status == "completed"),
            func.count().filter(is_open),
            func.count().filter(is_open, due),
            func.count().filter(due),
            func.count().filter(and_(due, Task.status == "completed", completed_day <= deadline)),
        )
        .where(Task.campaign_id == campaign_id, Task.status != "cancelled")
        .group_by(Task.phase_key, Task.unit_code, Task.escalation)
    )
    within = scope.where(Task.unit_code)
    if within is not None:
        query = query.where(within)
    return [TaskGroup(*row) for row in (await session.execute(query)).all()]


async def phases(
    *, session: AsyncSession, campaign_id: str, groups: Sequence[TaskGroup]
) -> tuple[PhaseProgress, ...]:
    rows = (
        await session.scalars(
            select(CampaignPhase)
            .where(CampaignPhase.campaign_id == campaign_id)
            .order_by(CampaignPhase.start, CampaignPhase.key)
        )
    ).all()
    return tuple(
        PhaseProgress(
            key=p.key, name=p.name, kind=p.kind, start=p.start, end=p.end, status=p.status,
            total=sum(g.total for g in groups if g.phase == p.key),
            completed=sum(g.completed for g in groups if g.phase == p.key),
            overdue=sum(g.overdue for g in groups if g.phase == p.key),
        )
        for p in rows
    )  # fmt: skip


def units(groups: Sequence[TaskGroup], scope: Scope) -> tuple[UnitProgress, ...]:
    """Per responsible unit, the least complete first (挂图作战: who is behind)."""
    sums: dict[str, list[int]] = {}
    for g in groups:
        row = sums.setdefault(g.unit, [0, 0, 0])
        row[0] += g.total
        row[1] += g.completed
        row[2] += g.overdue
    found = [
        UnitProgress(
            unit=code, name=scope.tree.name(code), district=scope.tree.district_of(code),
            total=total, completed=completed, overdue=overdue,
        )
        for code, (total, completed, overdue) in sums.items()
    ]  # fmt: skip
    return tuple(sorted(found, key=lambda u: (u.completed / u.total, -u.overdue, u.unit)))


def ladder_counts(groups: Sequence[TaskGroup], ladder: EscalationLadder) -> tuple[StepCount, ...]:
    """Open tasks at each rung now, in ladder order, named as the campaign's plan names them."""
    labels = {step.action: step.label for step in reversed(ladder.steps)}  # the first label wins
    return tuple(
        StepCount(
            action=action.value,
            state=state,
            label=labels.get(action, action.value),
            tasks=sum(g.open for g in groups if g.escalation == state),
        )
        for action, state in ESCALATION_STATE.items()
    )


async def longest_overdue(
    *, session: AsyncSession, campaign_id: str, scope: Scope, today: date
) -> tuple[OverdueTask, ...]:
    query = (
        select(Task.id, Task.title, Task.unit_code, Task.deadline, Task.escalation)
        .where(
            Task.campaign_id == campaign_id, Task.status.in_(OPEN_STATUSES), Task.deadline < today
        )
        .order_by(Task.deadline, Task.unit_code, Task.id)
        .limit(SHORT_LIST)
    )
    within = scope.where(Task.unit_code)
    if within is not None:
        query = query.where(within)
    return tuple(
        OverdueTask(
            task_id=task_id, title=title, unit=unit, unit_name=scope.tree.name(unit),
            deadline=deadline, days_overdue=(today - deadline).days, escalation=escalation,
        )
        for task_id, title, unit, deadline, escalation in (await session.execute(query)).all()
    )  # fmt: skip


async def supervision(
    *, session: AsyncSession, campaign_id: str, scope: Scope
) -> tuple[int, tuple[SupervisionItem, ...]]:
    """督办清单: 督办 and 问责 records of the campaign's open tasks, the latest first."""
    query = (
        select(Escalation, Task.title, func.count().over())
        .join(Task, Task.id == Escalation.task_id)
        .where(
            Escalation.campaign_id == campaign_id,
            Escalation.action.in_(SUPERVISED),
            Task.status.in_(OPEN_STATUSES),
        )
        .order_by(Escalation.recorded_at.desc(), Escalation.id.desc())
        .limit(SHORT_LIST)
    )
    within = scope.where(Escalation.unit_code)
    if within is not None:
        query = query.where(within)
    rows = (await session.execute(query)).all()
    items = tuple(
        SupervisionItem(
            task_id=e.task_id, title=title, unit=e.unit_code,
            unit_name=scope.tree.name(e.unit_code), action=e.action, label=e.label,
            deadline=e.deadline, recorded_at=e.recorded_at, leader=e.leader,
        )
        for e, title, _total in rows
    )  # fmt: skip
    return (rows[0][2] if rows else 0), items
