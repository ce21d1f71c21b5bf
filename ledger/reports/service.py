"""Stored reports: written whole (figures and both files) and read back (services flush only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from domain.reports.figures import ReportFigures
from ledger.paging import scalar_page
from ledger.reports.tables import Report


async def save(*, session: AsyncSession, figures: ReportFigures, xlsx: bytes, docx: bytes) -> None:
    """Insert or replace: a re-run for the same instant rewrites the same figures."""
    row = {
        "id": figures.report_id,
        "campaign_id": figures.campaign_id,
        "duty_key": figures.duty_key,
        "kind": figures.kind.value,
        "title": figures.title,
        "period_start": figures.period.start,
        "period_end": figures.period.end,
        "period_label": figures.period.label,
        "case_id": figures.case_id,
        "requested_by": figures.requested_by,
        "figures": figures.model_dump(mode="json"),
        "xlsx": xlsx,
        "docx": docx,
    }
    statement = insert(Report).values(row)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[Report.id],
            set_={k: statement.excluded[k] for k in row if k != "id"} | {"updated_at": func.now()},
        )
    )


@dataclass(frozen=True)
class ReportFilter:
    campaign_id: str | None = None
    kind: str | None = None
    duty_key: str | None = None
    # reports whose period [start, end) overlaps [covering_from, covering_before)
    covering_from: datetime | None = None
    covering_before: datetime | None = None


async def listed(
    *, session: AsyncSession, f: ReportFilter, limit: int, offset: int
) -> tuple[Sequence[Report], int]:
    query = select(Report)
    if f.campaign_id is not None:
        query = query.where(Report.campaign_id == f.campaign_id)
    if f.kind is not None:
        query = query.where(Report.kind == f.kind)
    if f.duty_key is not None:
        query = query.where(Report.duty_key == f.duty_key)
    if f.covering_from is not None:
        query = query.where(Report.period_end > f.covering_from)
    if f.covering_before is not None:
        query = query.where(Report.period_start < f.covering_before)
    query = query.order_by(Report.period_end.desc(), Report.id)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def get(*, session: AsyncSession, report_id: str, with_files: bool = False) -> Report | None:
    options = [undefer(Report.xlsx), undefer(Report.docx)] if with_files else []
    return await session.get(Report, report_id, options=options)
