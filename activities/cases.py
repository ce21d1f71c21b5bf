"""Ledger writes of the case workflow."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from activities.recipient_directory import RecipientDirectory
from domain.cases.records import CaseChange, RecordOutcome
from ledger.cases import service as cases
from ledger.notifications import service as notifications

NO_CAMPAIGN = ""  # cases are not tied to one campaign: the first active leader takes them


class CaseActivities:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], directory: RecipientDirectory
    ):
        self.session_factory = session_factory
        self.directory = directory

    @activity.defn(name="case.record")
    async def record(self, change: CaseChange) -> RecordOutcome:
        """Write the change; a major case gets its named leader (领导包案) here, a ladder step
        its recipients and the responsible unit's webhooks."""
        leader = await self.directory.leader(NO_CAMPAIGN) if change.notify_leader else None
        unit = change.state.responsible_unit
        hooks = await self.directory.webhooks(unit) if change.step is not None else []
        async with self.session_factory() as session, session.begin():
            await cases.apply_change(session=session, change=change, leader=leader)
            webhooks = await notifications.queue_webhooks(
                session=session,
                key=change.event_key,
                hooks=hooks,
                payload={
                    "event": f"case.{change.kind}",
                    "case_id": change.state.start.case_id,
                    "case_number": change.state.start.case_number,
                    "unit": unit,
                    "label": change.step.label if change.step else "",
                    "detail": change.detail,
                    "leader": leader,
                    "message": change.message,
                },
            )
        return RecordOutcome(leader=leader, webhooks=tuple(webhooks))
