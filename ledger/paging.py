"""A page of a query: SQL LIMIT and OFFSET, and the COUNT of every row that matches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar, TypeVarTuple

from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")
Columns = TypeVarTuple("Columns")


async def count(session: AsyncSession, query: Select[*Columns]) -> int:
    """How many rows the query answers, whatever its order."""
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    return int(await session.scalar(counted) or 0)


async def scalar_page(
    session: AsyncSession, query: Select[T], *, limit: int, offset: int
) -> tuple[Sequence[T], int]:
    """Objects of one entity; the query's order must be total (end it with a key)."""
    rows = await session.scalars(query.limit(limit).offset(offset))
    return rows.all(), await count(session, query)


async def row_page(
    session: AsyncSession, query: Select[*Columns], *, limit: int, offset: int
) -> tuple[Sequence[Row[*Columns]], int]:
    """Rows of several columns; the query's order must be total (end it with a key)."""
    rows = await session.execute(query.limit(limit).offset(offset))
    return rows.all(), await count(session, query)
