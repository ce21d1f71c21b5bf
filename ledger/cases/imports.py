"""Bulk clue imports: the job, its valid rows, and each row's outcome as the cases register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.cases.intake import CaseIntake
from ledger.cases.imports_table import CaseImport, CaseImportRow


async def create(
    *, session: AsyncSession, job: CaseImport, rows: Sequence[tuple[int, CaseIntake]]
) -> None:
    """The job and its valid rows, flushed together; the caller commits."""
    session.add(job)
    await session.flush()
    if rows:
        await session.execute(
            insert(CaseImportRow),
            [
                {"import_id": job.id, "row": row, "intake": intake.model_dump(mode="json")}
                for row, intake in rows
            ],
        )


async def rows_after(
    *, session: AsyncSession, import_id: str, after_row: int, limit: int
) -> list[CaseImportRow]:
    """The next page of rows, in file order."""
    query = (
        select(CaseImportRow)
        .where(CaseImportRow.import_id == import_id, CaseImportRow.row > after_row)
        .order_by(CaseImportRow.row)
        .limit(limit)
    )
    return list((await session.scalars(query)).all())


@dataclass(frozen=True)
class Tally:
    registered: int
    existing: int


async def record_outcomes(
    *,
    session: AsyncSession,
    import_id: str,
    outcomes: Sequence[tuple[int, str, bool]],
    done: bool,
) -> Tally:
    """Each row's case and whether it was new; the job's totals, and its end when `done`."""
    for row_number, case_id, created in outcomes:
        await session.execute(
            update(CaseImportRow)
            .where(CaseImportRow.import_id == import_id, CaseImportRow.row == row_number)
            .values(outcome="created" if created else "existing", case_id=case_id)
        )
    counted = await session.execute(
        select(CaseImportRow.outcome, func.count())
        .where(CaseImportRow.import_id == import_id, CaseImportRow.outcome.is_not(None))
        .group_by(CaseImportRow.outcome)
    )
    counts = {outcome: n for outcome, n in counted}
    tally = Tally(registered=counts.get("created", 0), existing=counts.get("existing", 0))
    values: dict[str, object] = {"registered": tally.registered, "existing": tally.existing}
    if done:
        values |= {"status": "done", "finished_at": datetime.now(UTC)}
    await session.execute(update(CaseImport).where(CaseImport.id == import_id).values(**values))
    return tally
