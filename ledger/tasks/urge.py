"""催办: an office or a lead unit urges a unit on one task; a dated event and a notification to
each of the unit's accounts, written together."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ledger.notifications import service as notifications
from ledger.tasks.service import append_event
from ledger.tasks.tables import Task


async def urge(
    *, session: AsyncSession, task: Task, actor: str, by_unit: str | None, message: str,
    at: datetime,
) -> int:  # fmt: skip
    """Record the urging and tell the unit; returns how many accounts were told."""
    key = f"{task.id}:urge:{uuid.uuid4().hex[:12]}"
    await append_event(
        session=session,
        task_id=task.id,
        event_key=key,
        kind="urged",
        actor=actor,
        at=at,
        from_status=None,
        to_status=None,
        detail={"message": message, "unit": task.unit_code, "by_unit": by_unit},
    )
    day = task.deadline
    told = await notifications.unit_accounts(session=session, unit_codes=[task.unit_code])
    await notifications.notify(
        session=session,
        key=key,
        usernames=told,
        kind="urge",
        title=f"【催办】{task.title}",
        body=f"{message}（期限 {day.year}年{day.month}月{day.day}日）",
        task_id=task.id,
    )
    return len(told)
