"""Ledger writes of the department-task workflow."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from domain.task_records import EscalationInput, EscalationOutcome, TaskChange, WebhookInput
from ledger import notifications, tasks
from ledger.notifications_table import WebhookDelivery


class TaskActivities:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]):
        self.session_factory = session_factory

    @activity.defn(name="task.record_change")
    async def record_change(self, change: TaskChange) -> None:
        async with self.session_factory() as session, session.begin():
            await tasks.apply_change(session=session, change=change)

    @activity.defn(name="task.escalate")
    async def escalate(self, body: EscalationInput) -> EscalationOutcome:
        """Record the step, tell its recipients, and queue the unit's webhook if it has one."""
        async with self.session_factory() as session, session.begin():
            recorded, leader, names = await tasks.record_escalation(session=session, body=body)
            hooks = await notifications.webhooks_for(session=session, units=[body.snapshot.unit])
            deliveries = []
            for hook in hooks:
                key = f"{body.escalation_key}:webhook:{hook.unit_code}"
                await session.execute(
                    insert(WebhookDelivery)
                    .values(
                        delivery_key=key,
                        unit_code=hook.unit_code,
                        url=hook.url,
                        payload={
                            "event": f"escalation.{body.step.action.value}",
                            "task_id": body.snapshot.spec.task_id,
                            "title": body.snapshot.spec.title,
                            "unit": body.snapshot.unit,
                            "step": body.step.key,
                            "label": body.step.label,
                            "deadline": body.snapshot.deadline.isoformat(),
                            "due_at": body.due_at.isoformat(),
                            "leader": leader,
                            "recipients": names,
                        },
                    )
                    .on_conflict_do_nothing(index_elements=[WebhookDelivery.delivery_key])
                )
                deliveries.append(WebhookInput(delivery_key=key, unit=hook.unit_code))
        activity.logger.info("escalation step %s recorded=%s", body.step.key, recorded)
        return EscalationOutcome(recorded=recorded, leader=leader, webhooks=tuple(deliveries))
