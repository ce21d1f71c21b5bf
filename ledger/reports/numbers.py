"""发文字号: each produced report takes the next number of its issuing office's year.

Numbers have no gaps: the number is taken inside the transaction that stores the report, under a
transaction lock on (office, year), so a report that fails to store gives its number back and
two reports produced at once never take the same one. A re-run of a report keeps its number and
its 成文日期.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reports.letterhead import DocumentNumber as Allocated
from ledger.reports.tables import DocumentNumber


async def allocate(*, session: AsyncSession, report_id: str, issuer: str, today: date) -> Allocated:
    """The report's number: the one it has, or the next of `issuer`'s year of `today`."""
    kept = await session.get(DocumentNumber, report_id)
    if kept is not None:
        return Allocated(year=kept.year, number=kept.number, dated=kept.dated)
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
        {"key": f"report_document_numbers:{issuer}:{today.year}"},
    )
    last = await session.scalar(
        select(func.max(DocumentNumber.number)).where(
            DocumentNumber.issuer == issuer, DocumentNumber.year == today.year
        )
    )
    row = DocumentNumber(
        report_id=report_id, issuer=issuer, year=today.year, number=(last or 0) + 1, dated=today
    )
    session.add(row)
    await session.flush()
    return Allocated(year=row.year, number=row.number, dated=row.dated)
