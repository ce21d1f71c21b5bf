"""Figures of the case ledger: how many, how much owed and paid, how many closed on time."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Date, and_, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.cases.service import CaseFilter, filtered
from ledger.cases.tables import Case

CLOSED = ("closed", "finished")


async def figures(*, session: AsyncSession, f: CaseFilter) -> dict[str, Any]:
    """One query: counts, workers, owed (verified, else claimed), paid, on-time closure rate."""
    owed = func.coalesce(Case.verified_amount, Case.amount_claimed)
    closed = Case.status.in_(CLOSED)
    closed_day = cast(func.timezone("Asia/Shanghai", Case.closed_at), Date)
    on_time = and_(closed, closed_day <= Case.close_deadline)
    query = filtered(
        select(
            func.count(),
            func.coalesce(func.sum(func.coalesce(Case.verified_workers, Case.workers_claimed)), 0),
            func.coalesce(func.sum(owed), 0),
            func.coalesce(func.sum(Case.paid_amount), 0),
            func.count().filter(closed),
            func.count().filter(on_time),
            func.count().filter(Case.major.is_(True)),
        ),
        f,
    )
    total, workers, owed_sum, paid, closed_count, on_time_count, majors = (
        await session.execute(query)
    ).one()
    rate = (
        (Decimal(on_time_count) / Decimal(closed_count) * 100).quantize(Decimal("0.1"))
        if closed_count
        else None
    )
    return {
        "cases": total,
        "workers": int(workers),
        "amount_owed": Decimal(owed_sum).quantize(Decimal("0.01")),
        "amount_paid": Decimal(paid).quantize(Decimal("0.01")),
        "closed": closed_count,
        "closed_on_time": on_time_count,
        "on_time_closure_rate": rate,
        "major": majors,
    }
