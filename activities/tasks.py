"""Ledger writes of the department-task workflow."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from activities.recipient_directory import RecipientDirectory
from domain.escalation import StepAction
from domain.tasks.records import EscalationInput, EscalationOutcome, TaskChange
from ledger.notifications import service as notifications
from ledger.tasks import service as tasks

NAMED_LEADER_STEPS = (StepAction.SUPERVISE, StepAction.ACCOUNTABILITY)


class TaskActivities:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], directory: RecipientDirectory
    ):
        self.session_factory = session_factory
        self.directory = directory

    @activity.defn(name="task.record_change")
    async def record_change(self, change: TaskChange) -> None:
        async with self.session_factory() as session, session.begin():
            await tasks.apply_change(session=session, change=change)

    @activity.defn(name="task.escalate")
    async def escalate(self, body: EscalationInput) -> EscalationOutcome:
        """Record the step, tell its recipients, and queue the unit's webhook if it has one."""
        unit = body.snapshot.unit
        leader = None
        if body.step.action in NAMED_LEADER_STEPS:
            leader = await self.directory.leader(body.snapshot.spec.campaign_id)
        names = await self.directory.usernames(unit, tuple(body.step.recipients), leader)
        hooks = await self.directory.webhooks(unit)
        async with self.session_factory() as session, session.begin():
            recorded = await tasks.record_escalation(
                session=session, body=body, leader=leader, names=names
            )
            deliveries = await notifications.queue_webhooks(
                session=session,
                key=body.escalation_key,
                hooks=hooks,
                payload={
                    "event": f"escalation.{body.step.action.value}",
                    "task_id": body.snapshot.spec.task_id,
                    "title": body.snapshot.spec.title,
                    "unit": unit,
                    "step": body.step.key,
                    "label": body.step.label,
                    "deadline": body.snapshot.deadline.isoformat(),
                    "due_at": body.due_at.isoformat(),
                    "leader": leader,
                    "recipients": names,
                },
            )
        return EscalationOutcome(recorded=recorded, leader=leader, webhooks=tuple(deliveries))
