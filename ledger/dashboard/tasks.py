"""A campaign's tasks on the dashboard: one read of its task tallies for phases, units, the
ladder and the ranking; the longest overdue and the 督办清单 as short lists off partial indexes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, true, tuple_
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
from ledger.tasks.tallies_table import TaskTally
from ledger.units.accounts_table import Account

SHORT_LIST = 10
SUPERVISED = (
    ESCALATION_STATE[StepAction.SUPERVISE],
    ESCALATION_STATE[StepAction.ACCOUNTABILITY],
)  # the task rows' rungs on the 督办清单
STEP_OF = {state: action.value for action, state in ESCALATION_STATE.items()}


@dataclass(frozen=True)
class TaskCounts:
    """Tasks of one phase, one unit or one rung (cancelled ones left out)."""

    total: int = 0
    completed: int = 0
    open: int = 0
    overdue: int = 0
    due: int = 0  # deadline passed
    on_time: int = 0  # due and completed by the end of its deadline day (Beijing)


@dataclass(frozen=True)
class TaskSums:
    """A campaign's tasks summed three ways at once; '' phase and rung read as None."""

    by_phase: dict[str | None, TaskCounts]
    by_unit: dict[str, TaskCounts]
    by_rung: dict[str | None, TaskCounts]

    @property
    def overdue(self) -> int:
        return sum(c.overdue for c in self.by_unit.values())

    def open_at(self, *rungs: str) -> int:
        return sum(self.by_rung.get(rung, TaskCounts()).open for rung in rungs)


async def task_sums(
    *, session: AsyncSession, campaign_id: str, scope: Scope, today: date
) -> TaskSums:
    """From the task tallies, by phase, by unit and by rung in one grouped pass (GROUPING
    SETS): a few dozen rows however many tasks the campaign has."""
    t = TaskTally
    is_open = t.status.in_(OPEN_STATUSES)
    due = t.deadline < today
    sets = func.grouping_sets(tuple_(t.phase_key), tuple_(t.unit_code), tuple_(t.escalation))
    query = (
        select(
            func.grouping(t.phase_key), func.grouping(t.unit_code), t.phase_key, t.unit_code,
            t.escalation, func.sum(t.tasks),
            func.sum(t.tasks).filter(t.status == "completed"),
            func.sum(t.tasks).filter(is_open),
            func.sum(t.tasks).filter(is_open, due),
            func.sum(t.tasks).filter(due),
            func.sum(t.tasks).filter(due, t.status == "completed", t.on_time),
        )
        .where(t.campaign_id == campaign_id, t.status != "cancelled", t.tasks != 0)
        .group_by(sets)
    )  # fmt: skip
    within = scope.where(t.unit_code)
    if within is not None:
        query = query.where(within)
    found = TaskSums(by_phase={}, by_unit={}, by_rung={})
    for no_phase, no_unit, phase, unit, rung, *sums in (await session.execute(query)).all():
        counts = TaskCounts(*(int(n or 0) for n in sums))
        if not no_phase:
            found.by_phase[phase or None] = counts
        elif not no_unit:
            found.by_unit[unit] = counts
        else:
            found.by_rung[rung or None] = counts
    return found


async def phases(
    *, session: AsyncSession, campaign_id: str, sums: TaskSums
) -> tuple[PhaseProgress, ...]:
    rows = (
        await session.scalars(
            select(CampaignPhase)
            .where(CampaignPhase.campaign_id == campaign_id)
            .order_by(CampaignPhase.start, CampaignPhase.key)
        )
    ).all()
    none = TaskCounts()
    return tuple(
        PhaseProgress(
            key=p.key, name=p.name, kind=p.kind, start=p.start, end=p.end, status=p.status,
            total=sums.by_phase.get(p.key, none).total,
            completed=sums.by_phase.get(p.key, none).completed,
            overdue=sums.by_phase.get(p.key, none).overdue,
        )
        for p in rows
    )  # fmt: skip


def units(sums: TaskSums, scope: Scope) -> tuple[UnitProgress, ...]:
    """Per responsible unit, the least complete first (挂图作战: who is behind)."""
    found = [
        UnitProgress(
            unit=code, name=scope.tree.name(code), district=scope.tree.district_of(code),
            total=c.total, completed=c.completed, overdue=c.overdue,
        )
        for code, c in sums.by_unit.items()
    ]  # fmt: skip
    return tuple(sorted(found, key=lambda u: (u.completed / u.total, -u.overdue, u.unit)))


def ladder_counts(sums: TaskSums, ladder: EscalationLadder) -> tuple[StepCount, ...]:
    """Open tasks at each rung now, in ladder order, named as the campaign's plan names them."""
    labels = {step.action: step.label for step in reversed(ladder.steps)}  # the first label wins
    return tuple(
        StepCount(
            action=action.value,
            state=state,
            label=labels.get(action, action.value),
            tasks=sums.open_at(state),
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
    the rung it last reached (its record, written with the task's rung in one transaction)
    and its leader, in one query."""
    rung = (
        select(Escalation.label, Escalation.recorded_at)
        .where(Escalation.task_id == Task.id)
        .order_by(Escalation.recorded_at.desc(), Escalation.id.desc())
        .limit(1)
        .lateral("rung")
    )
    query = (
        select(Task.id, Task.title, Task.unit_code, Task.deadline, Task.escalation,
               Task.supervising_leader, Account.display_name, rung.c.label, rung.c.recorded_at)
        .outerjoin(Account, Account.username == Task.supervising_leader)
        .outerjoin(rung, true())
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
    return tuple(
        SupervisionItem(
            task_id=task_id, title=title, unit=unit, unit_name=scope.tree.name(unit),
            action=STEP_OF.get(state or "", ""), label=label or STEP_OF.get(state or "", ""),
            deadline=deadline, recorded_at=at, leader=leader, leader_name=name or leader,
        )
        for task_id, title, unit, deadline, state, leader, name, label, at in (
            await session.execute(query)
        ).all()
    )  # fmt: skip
