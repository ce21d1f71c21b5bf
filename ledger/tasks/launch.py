"""The campaign's task rows: written in bulk before any workflow starts, then launched in pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.tasks.queries import OPEN_STATUSES
from ledger.tasks.tables import Task, TaskEvent

INSERT_CHUNK = 1000


def created_event_key(task_id: str) -> str:
    """The key of a task's first event, the one its workflow would otherwise write."""
    return f"{task_id}:e1"


async def _insert_chunk(
    session: AsyncSession, rows: list[dict[str, Any]], actor: str, at: datetime
) -> int:
    result = await session.execute(
        insert(Task)
        .values(rows)
        .on_conflict_do_nothing(index_elements=[Task.id])
        .returning(Task.id)
    )
    new = list(result.scalars().all())
    if new:
        events = [
            {
                "task_id": task_id,
                "event_key": created_event_key(task_id),
                "kind": "created",
                "actor": actor,
                "at": at,
                "to_status": "open",
                "detail": {},
            }
            for task_id in new
        ]
        await session.execute(
            insert(TaskEvent)
            .values(events)
            .on_conflict_do_nothing(index_elements=[TaskEvent.event_key])
        )
    return len(new)


async def insert_pending(
    *, session: AsyncSession, rows: Iterable[dict[str, Any]], actor: str, at: datetime
) -> int:
    """Insert unknown rows (launched = False) with their "created" events, so a task workflow
    needs no activity to announce itself; returns how many were new."""
    batch: list[dict[str, Any]] = []
    added = 0
    for row in rows:
        batch.append({**row, "launched": False})
        if len(batch) >= INSERT_CHUNK:
            added += await _insert_chunk(session, batch, actor, at)
            batch = []
    if batch:
        added += await _insert_chunk(session, batch, actor, at)
    return added


async def next_unlaunched(*, session: AsyncSession, campaign_id: str, limit: int) -> Sequence[Task]:
    query = (
        select(Task)
        .where(Task.campaign_id == campaign_id, Task.launched.is_(False))
        .order_by(Task.id)
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def mark_launched(*, session: AsyncSession, task_ids: Sequence[str]) -> None:
    await session.execute(update(Task).where(Task.id.in_(list(task_ids))).values(launched=True))


async def open_launched_ids(
    *, session: AsyncSession, after_id: str | None, limit: int
) -> list[str]:
    """Open tasks whose workflows run, in id order from `after_id`: a calendar broadcast page."""
    query = (
        select(Task.id)
        .where(Task.status.in_(OPEN_STATUSES), Task.launched.is_(True))
        .order_by(Task.id)
        .limit(limit)
    )
    if after_id is not None:
        query = query.where(Task.id > after_id)
    return list((await session.scalars(query)).all())
