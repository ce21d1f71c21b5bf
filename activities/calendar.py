"""Signals a calendar change to the workflows of open tasks, a page at a time."""

from __future__ import annotations

import asyncio
import contextlib

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.service import RPCError

from domain.calendar.broadcast import BROADCAST_PAGE_SIZE, BroadcastPage, BroadcastResult
from domain.tasks.model import CalendarChanged
from ledger.tasks import launch as task_launch
from workflows.client import tell_task_calendar

SIGNAL_CONCURRENCY = 32


class CalendarActivities:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], client: Client):
        self.session_factory = session_factory
        self.client = client

    @activity.defn(name="calendar.broadcast_page")
    async def broadcast_page(self, page: BroadcastPage) -> BroadcastResult:
        async with self.session_factory() as session:
            ids = await task_launch.open_launched_ids(
                session=session, after_id=page.after_id, limit=BROADCAST_PAGE_SIZE
            )
        gate = asyncio.Semaphore(SIGNAL_CONCURRENCY)
        change = CalendarChanged(arrangement=page.arrangement)

        async def tell(task_id: str) -> None:
            async with gate:
                with contextlib.suppress(RPCError):  # finished meanwhile: nothing to move
                    await tell_task_calendar(self.client, task_id, change)

        await asyncio.gather(*(tell(i) for i in ids))
        return BroadcastResult(signalled=len(ids), last_id=ids[-1] if ids else None)
