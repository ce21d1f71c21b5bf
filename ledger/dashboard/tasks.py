"""A campaign's tasks on the dashboard: one read of its task tallies for phases, units, the
ladder and the ranking; the longest overdue and the 督办清单 as short lists off partial indexes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
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
from ledger.tasks.leader import latest_rungs
from ledger.tasks.queries import OPEN_STATUSES
from ledger.tasks.service import ESCALATION_STATE
from ledger.tasks.tables import Task
from ledger.tasks.tallies_table import TaskTally
from ledger.units.accounts_table import Account

SHORT_LIST = 10
SUPERVISED = (
    ESCALATION_STATE[StepAction.SUPERVISE],
    ESCALATION_STATE[StepAction.ACCOUNTABILITY],
)  # the task rows' rungs on the 督办清单
STEP_OF = {state: action.value for action, state in ESCALATION_STATE.items()}


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
    """From the task tallies: a campaign's groups, however many tasks it has."""
    t = TaskTally
    is_open = t.status.in_(OPEN_STATUSES)
    due = t.deadline < today
    query = (
        select(
            t.phase_key, t.unit_code, t.escalation, func.sum(t.tasks),
            func.sum(t.tasks).filter(t.status == "completed"),
            func.sum(t.tasks).filter(is_open),
            func.sum(t.tasks).filter(is_open, due),
            func.sum(t.tasks).filter(due),
            func.sum(t.tasks).filter(due, t.status == "completed", t.on_time),
        )
        .where(t.campaign_id == campaign_id, t.status != "cancelled", t.tasks != 0)
        .group_by(t.phase_key, t.unit_code, t.escalation)
    )  # fmt: skip
    within = scope.where(t.unit_code)
    if within is not None:
        query = query.where(within)
    return [
        TaskGroup(phase or None, unit, rung or None, *(int(n or 0) for n in sums))
        for phase, unit, rung, *sums in (await session.execute(query)).all()
    ]


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
) -> tuple[SupervisionItem, ...]:
    """督办清单: the campaign's open tasks at 督办 or 问责, the longest overdue first, each with
    the rung it last reached and its leader."""
    query = (
        select(Task.id, Task.title, Task.unit_code, Task.deadline, Task.escalation,
               Task.supervising_leader, Account.display_name)
        .outerjoin(Account, Account.username == Task.supervising_leader)
        .where(
            Task.campaign_id == campaign_id,
            Task.status.in_(OPEN_STATUSES),
            Task.escalation.in_(SUPERVISED),
        )
        .order_by(Task.deadline, Task.id)
        .limit(SHORT_LIST)
    )  # fmt: skip
    within = scope.where(Task.unit_code)
    if within is not None:
        query = query.where(within)
    rows = (await session.execute(query)).all()
    rungs = await latest_rungs(session=session, task_ids=[row[0] for row in rows])
    found = []
    for task_id, title, unit, deadline, state, leader, name in rows:
        rung = rungs.get(task_id)  # written with the row's rung in one transaction
        step = STEP_OF.get(state or "", "")
        found.append(
            SupervisionItem(
                task_id=task_id, title=title, unit=unit, unit_name=scope.tree.name(unit),
                action=rung.action if rung else step, label=rung.label if rung else step,
                deadline=deadline, recorded_at=rung.recorded_at if rung else None,
                leader=leader, leader_name=name or leader,
            )
        )  # fmt: skip
    return tuple(found)
