"""Ledger writes of the hazard workflow."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from activities.recipient_directory import RecipientDirectory
from domain.hazards.records import HazardChange, HazardOutcome
from ledger.hazards import service as hazards
from ledger.notifications import service as notifications


class HazardActivities:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], directory: RecipientDirectory
    ):
        self.session_factory = session_factory
        self.directory = directory

    @activity.defn(name="hazard.record")
    async def record(self, change: HazardChange) -> HazardOutcome | None:
        """Write the change; a rung of the ladder also queues the unit's webhooks, as a task's
        and a case's do. (None only ever came back from runs before hazards had webhooks.)"""
        unit = change.state.start.unit
        hooks = await self.directory.webhooks(unit) if change.step is not None else []
        async with self.session_factory() as session, session.begin():
            await hazards.apply_change(session=session, change=change)
            webhooks = await notifications.queue_webhooks(
                session=session,
                key=change.event_key,
                hooks=hooks,
                payload={
                    "event": f"hazard.{change.kind}",
                    "hazard_id": change.state.start.hazard_id,
                    "hazard_number": change.state.start.number,
                    "unit": unit,
                    "label": change.step.label if change.step else "",
                    "detail": change.detail,
                    "message": change.message,
                },
            )
        return HazardOutcome(webhooks=tuple(webhooks))
