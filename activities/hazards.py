"""Ledger writes of the hazard workflow."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from domain.hazard_records import HazardChange
from ledger import hazards


class HazardActivities:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]):
        self.session_factory = session_factory

    @activity.defn(name="hazard.record")
    async def record(self, change: HazardChange) -> None:
        async with self.session_factory() as session, session.begin():
            await hazards.apply_change(session=session, change=change)
