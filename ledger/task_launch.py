"""The campaign's task rows: written in bulk before any workflow starts, then launched in pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.tasks_table import Task

INSERT_CHUNK = 1000


async def insert_pending(*, session: AsyncSession, rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows not yet known (launched = False); returns how many were new."""
    batch: list[dict[str, Any]] = []
    added = 0

    async def flush() -> int:
        if not batch:
            return 0
        result = await session.execute(
            insert(Task)
            .values(batch)
            .on_conflict_do_nothing(index_elements=[Task.id])
            .returning(Task.id)
        )
        count = len(result.scalars().all())
        batch.clear()
        return count

    for row in rows:
        batch.append({**row, "launched": False})
        if len(batch) >= INSERT_CHUNK:
            added += await flush()
    added += await flush()
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
