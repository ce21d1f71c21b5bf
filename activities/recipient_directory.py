"""Who an escalation goes to, remembered for a minute.

Thousands of deadlines often fall at one instant (end of a working day) on a few hundred
units; looking the same recipients up for each would make the escalation burst wait on the
database. A new account or webhook is therefore seen at most `ttl` seconds late
(QINGLING_WORKER_RECIPIENT_CACHE_SECONDS, 60 by default).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.escalation import Recipient
from ledger.notifications import service as notifications
from ledger.tasks import service as tasks

T = TypeVar("T")


class RecipientDirectory:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], ttl: float):
        self.session_factory = session_factory
        self.ttl = ttl
        self._cache: dict[tuple[object, ...], tuple[float, object]] = {}

    async def _remembered(
        self, key: tuple[object, ...], load: Callable[[AsyncSession], Awaitable[T]]
    ) -> T:
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]  # type: ignore[return-value]
        async with self.session_factory() as session:
            value = await load(session)
        self._cache[key] = (now, value)
        return value

    async def leader(self, campaign_id: str) -> str | None:
        """The campaign's named leader (领导包案), else the first active leader account."""
        return await self._remembered(
            ("leader", campaign_id),
            lambda s: tasks.supervising_leader(session=s, campaign_id=campaign_id),
        )

    async def usernames(
        self, unit: str, wanted: tuple[Recipient, ...], leader: str | None
    ) -> list[str]:
        return await self._remembered(
            ("names", unit, wanted, leader),
            lambda s: notifications.recipients(session=s, wanted=wanted, unit=unit, leader=leader),
        )

    async def webhooks(self, unit: str) -> list[tuple[str, str]]:
        """(unit, url) of the unit's active webhooks."""

        async def load(session: AsyncSession) -> list[tuple[str, str]]:
            hooks = await notifications.webhooks_for(session=session, units=[unit])
            return [(h.unit_code, h.url) for h in hooks]

        return await self._remembered(("webhooks", unit), load)
