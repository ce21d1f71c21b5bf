"""Ledger writes and task launches of the campaign workflow."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError

from domain.campaigns import (
    LAUNCH_PAGE_SIZE,
    CampaignStart,
    CampaignSummary,
    CloseInput,
    ExtendInput,
    LaunchResult,
    PhaseChange,
    PhaseWindow,
    PreparedCampaign,
    resolution_horizon,
)
from domain.escalation import beijing_date, deadline_at
from domain.plan.model import Plan
from domain.plan.resolve import ResolvedAssignment, ResolvedCampaign, resolve_plan
from domain.tasks.figures import FigureField
from domain.tasks.model import TaskSpec, TaskState
from ledger.calendar import service as calendar
from ledger.campaigns import service as campaigns
from ledger.campaigns.tables import Campaign
from ledger.tasks import launch as task_launch
from ledger.tasks.tables import Task
from ledger.units import service as units
from workflows.client import start_task

START_CONCURRENCY = 32


def task_id(campaign_id: str, assignment: ResolvedAssignment) -> str:
    """`task:{campaign}:{assignment key}`: the business key is the workflow id."""
    return f"task:{campaign_id}:{assignment.key}"


def _row(campaign_id: str, a: ResolvedAssignment) -> dict[str, Any]:
    return {
        "id": task_id(campaign_id, a),
        "campaign_id": campaign_id,
        "task_key": a.task_key,
        "occurrence": a.occurrence,
        "title": a.title,
        "description": a.description,
        "phase_key": a.phase_key,
        "lead_unit": a.lead_unit,
        "unit_code": a.unit,
        "deadline": a.deadline,
        "deadline_time": None if a.deadline_at == deadline_at(a.deadline) else a.deadline_at,
        "deliverables": [d.value for d in a.deliverables],
        "figure_fields": [f.model_dump() for f in a.figures],
        "status": "open",
        "progress": 0,
    }


def _found(campaign: Campaign | None, campaign_id: str) -> Campaign:
    """A campaign row that vanished will not come back on a retry: fail for good, saying so."""
    if campaign is None:
        raise ApplicationError(
            f"专项行动 {campaign_id} 不在台账中", type="campaign_missing", non_retryable=True
        )
    return campaign


class CampaignActivities:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], client: Client):
        self.session_factory = session_factory
        self.client = client

    async def _resolve(
        self, session: AsyncSession, start: CampaignStart, horizon: date | None
    ) -> ResolvedCampaign:
        return resolve_plan(
            Plan.model_validate(start.plan),
            calendar=await calendar.working_calendar(session=session),
            now=start.created_at,
            units=await units.all_specs(session=session),
            horizon=horizon,
        )

    @activity.defn(name="campaign.prepare")
    async def prepare(self, start: CampaignStart) -> PreparedCampaign:
        """Campaign, phases and every task row, in one transaction, before any task starts."""
        async with self.session_factory() as session, session.begin():
            standing = Plan.model_validate(start.plan).period.standing
            resolved = await self._resolve(
                session, start, resolution_horizon(standing, start.created_at)
            )
            await campaigns.create(
                session=session,
                campaign_id=start.campaign_id,
                title=start.title or resolved.title,
                plan_key=resolved.plan_key,
                plan=start.plan,
                root_unit=resolved.root_unit,
                period_start=resolved.period_start,
                period_end=resolved.period_end,
                created_by=start.created_by,
                supervising_leader=start.supervising_leader,
                provisional_years=resolved.provisional_years,
            )
            await campaigns.upsert_phases(
                session=session,
                campaign_id=start.campaign_id,
                phases=[
                    {
                        "key": p.key,
                        "name": p.name,
                        "kind": p.kind.value,
                        "start": p.start,
                        "end": p.end,
                    }
                    for p in resolved.phases
                ],
            )
            await task_launch.insert_pending(
                session=session,
                rows=(_row(start.campaign_id, a) for a in resolved.assignments),
                actor=start.created_by,
                at=start.created_at,
            )
            count = await campaigns.task_count(session=session, campaign_id=start.campaign_id)
            await campaigns.set_status(
                session=session, campaign_id=start.campaign_id, status="running", task_count=count
            )
        return PreparedCampaign(
            task_count=count,
            phases=tuple(
                PhaseWindow(key=p.key, name=p.name, start=p.start, end=p.end)
                for p in resolved.phases
            ),
            period_end=resolved.period_end,
            standing=resolved.standing,
            period_start=resolved.period_start,
            reporting=tuple(resolved.reporting),
        )

    @activity.defn(name="campaign.extend")
    async def extend(self, body: ExtendInput) -> int:
        """A standing plan's next stretch of recurring tasks; returns how many rows are new."""
        async with self.session_factory() as session, session.begin():
            campaign = _found(await session.get(Campaign, body.campaign_id), body.campaign_id)
            start = CampaignStart(
                campaign_id=campaign.id,
                plan=campaign.plan,
                created_by=campaign.created_by,
                created_at=body.at,
            )
            resolved = await self._resolve(session, start, body.horizon)
            added = await task_launch.insert_pending(
                session=session,
                rows=(_row(campaign.id, a) for a in resolved.assignments),
                actor="system",
                at=body.at,
            )
            campaign.task_count = await campaigns.task_count(
                session=session, campaign_id=campaign.id
            )
        return added

    @activity.defn(name="campaign.launch_page")
    async def launch_page(self, campaign_id: str) -> LaunchResult:
        """Start the next page of not-yet-started tasks as independent workflows."""
        async with self.session_factory() as session:
            rows = await task_launch.next_unlaunched(
                session=session, campaign_id=campaign_id, limit=LAUNCH_PAGE_SIZE
            )
            if not rows:
                return LaunchResult(started=0, remaining=False)
            campaign = _found(await session.get(Campaign, campaign_id), campaign_id)
            ladder = Plan.model_validate(campaign.plan).escalation
            tree = await units.all_specs(session=session)
            working = await calendar.working_calendar(session=session)
            frozen = {row.id: calendar.frozen_for(working, row.deadline) for row in rows}
        gate = asyncio.Semaphore(START_CONCURRENCY)

        async def start_one(row: Task) -> None:
            state = TaskState.announced(
                TaskSpec(
                    task_id=row.id,
                    campaign_id=campaign_id,
                    task_key=row.task_key,
                    occurrence=row.occurrence,
                    title=row.title,
                    description=row.description,
                    phase_key=row.phase_key,
                    lead_unit=row.lead_unit,
                    unit=row.unit_code,
                    unit_ancestors=units.ancestors_in(tree, row.unit_code),
                    deadline=row.deadline,
                    deadline_time=row.deadline_time,
                    deliverables=tuple(row.deliverables),
                    figure_fields=tuple(FigureField.model_validate(f) for f in row.figure_fields),
                    ladder=ladder,
                    calendar=frozen[row.id],
                    calendar_sealed=True,
                )
            )
            async with gate:
                with contextlib.suppress(WorkflowAlreadyStartedError):  # a retried page
                    await start_task(self.client, state)
                activity.heartbeat(row.id)  # per task: a page of 200 starts takes a while

        await asyncio.gather(*(start_one(row) for row in rows))
        async with self.session_factory() as session, session.begin():
            await task_launch.mark_launched(session=session, task_ids=[r.id for r in rows])
        return LaunchResult(started=len(rows), remaining=len(rows) == LAUNCH_PAGE_SIZE)

    @activity.defn(name="campaign.set_phase")
    async def set_phase(self, body: PhaseChange) -> None:
        async with self.session_factory() as session, session.begin():
            await campaigns.set_phase_status(
                session=session,
                campaign_id=body.campaign_id,
                key=body.phase_key,
                status=body.status,
                at=body.at,
            )

    @activity.defn(name="campaign.close")
    async def close(self, body: CloseInput) -> CampaignSummary:
        """Mark the campaign closed and write its summary from the ledger's figures."""
        async with self.session_factory() as session, session.begin():
            today = beijing_date(body.at)
            rows = await campaigns.progress(
                session=session, campaign_id=body.campaign_id, today=today
            )
            total = sum(r["total"] for r in rows)
            completed = sum(r["completed"] for r in rows)
            overdue = sum(r["overdue"] for r in rows)
            text = (
                f"专项行动结束：共 {total} 项任务，已完成 {completed} 项，"
                f"逾期未完成 {overdue} 项。" + (f"（{body.reason}）" if body.reason else "")
            )
            await campaigns.set_status(
                session=session,
                campaign_id=body.campaign_id,
                status="closed",
                at=body.at,
                summary=text,
            )
        return CampaignSummary(
            campaign_id=body.campaign_id,
            task_count=total,
            completed=completed,
            overdue=overdue,
            text=text,
        )
