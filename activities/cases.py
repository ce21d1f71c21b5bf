"""Ledger writes of the case workflow."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from activities.recipient_directory import RecipientDirectory
from domain.cases.records import CaseChange, MajorOutcome
from ledger import cases

NO_CAMPAIGN = ""  # cases are not tied to one campaign: the first active leader takes them


class CaseActivities:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], directory: RecipientDirectory
    ):
        self.session_factory = session_factory
        self.directory = directory

    @activity.defn(name="case.record")
    async def record(self, change: CaseChange) -> MajorOutcome:
        """Write the change; a major case gets its named leader (领导包案) here."""
        leader = await self.directory.leader(NO_CAMPAIGN) if change.notify_leader else None
        async with self.session_factory() as session, session.begin():
            await cases.apply_change(session=session, change=change, leader=leader)
        return MajorOutcome(leader=leader)
