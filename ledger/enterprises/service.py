"""Reads and writes of the enterprise registry and the blacklist (services flush, never commit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.cases.blacklist import OPEN, BlacklistStatus
from ledger.cases.tables import Case
from ledger.enterprises.tables import BlacklistEntry, Enterprise
from ledger.paging import row_page, scalar_page


async def upsert(*, session: AsyncSession, credit_code: str, name: str) -> None:
    """Register the enterprise, keeping its latest name. A known one with the same name is not
    written at all: an upsert would lock its row until the case's transaction commits, and
    every clue against a big contractor would wait in line for it."""
    await session.execute(
        insert(Enterprise)
        .values(credit_code=credit_code, name=name)
        .on_conflict_do_nothing(index_elements=[Enterprise.credit_code])
    )
    await session.execute(
        update(Enterprise)
        .where(Enterprise.credit_code == credit_code, Enterprise.name != name)
        .values(name=name)
    )


async def search(
    *, session: AsyncSession, text: str | None, limit: int, offset: int
) -> tuple[list[tuple[Enterprise, int, str | None]], int]:
    """A page of enterprises by name, with their case counts and current blacklist status;
    and how many match."""
    cases = (
        select(Case.employer_code, func.count().label("n")).group_by(Case.employer_code).subquery()
    )
    status = (
        select(BlacklistEntry.credit_code, BlacklistEntry.status)
        .where(BlacklistEntry.status.in_([s.value for s in OPEN]))
        .subquery()
    )
    query = (
        select(Enterprise, func.coalesce(cases.c.n, 0), status.c.status)
        .outerjoin(cases, cases.c.employer_code == Enterprise.credit_code)
        .outerjoin(status, status.c.credit_code == Enterprise.credit_code)
        .order_by(Enterprise.name, Enterprise.credit_code)
    )
    if text:
        query = query.where(
            or_(Enterprise.name.contains(text), Enterprise.credit_code == text.upper())
        )
    rows, total = await row_page(session, query, limit=limit, offset=offset)
    return [(e, int(n), s) for e, n, s in rows], total


async def open_entry(*, session: AsyncSession, credit_code: str) -> BlacklistEntry | None:
    query = select(BlacklistEntry).where(
        BlacklistEntry.credit_code == credit_code,
        BlacklistEntry.status.in_([s.value for s in OPEN]),
    )
    return await session.scalar(query)


async def propose(
    *,
    session: AsyncSession,
    credit_code: str,
    reason: str,
    case_ids: list[str],
    by: str,
    at: datetime,
) -> BlacklistEntry:
    entry = BlacklistEntry(
        credit_code=credit_code,
        status=BlacklistStatus.PROPOSED.value,
        reason=reason,
        case_ids=case_ids,
        proposed_by=by,
        history=[{"at": at.isoformat(), "by": by, "action": "proposed", "reason": reason}],
    )
    session.add(entry)
    await session.flush()
    await session.refresh(entry, ["enterprise_name"])
    return entry


async def move(
    *,
    session: AsyncSession,
    entry: BlacklistEntry,
    to: BlacklistStatus,
    by: str,
    at: datetime,
    reason: str,
) -> None:
    """A decision or proposal, with who, when and why added to the entry's history."""
    record: dict[str, Any] = {"at": at.isoformat(), "by": by, "action": to.value, "reason": reason}
    entry.history = [*entry.history, record]
    entry.status = to.value
    if to is BlacklistStatus.LISTED and entry.listed_at is None:
        entry.listed_at = at
    if to is BlacklistStatus.REMOVED:
        entry.removed_at = at
    await session.flush()


async def entries(
    *, session: AsyncSession, status: str | None, limit: int, offset: int
) -> tuple[Sequence[BlacklistEntry], int]:
    """A page of blacklist entries, newest first; and how many match."""
    query = select(BlacklistEntry).order_by(BlacklistEntry.id.desc())
    if status:
        query = query.where(BlacklistEntry.status == status)
    return await scalar_page(session, query, limit=limit, offset=offset)
