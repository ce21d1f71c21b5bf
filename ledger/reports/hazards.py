"""欠薪隐患 as they stood at one instant, toward 动态清零: from their dated events.

A hazard counts as resolved at `at` when its last resolution (resolved or closed) before `at`
came after its last reopening; overdue when unresolved past its 五个一 deadline.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ARRAY, String, any_, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reports.figures import HazardFigures
from ledger.hazards.tables import Hazard, HazardEvent
from ledger.reports.territory import Territory


async def hazard_figures(
    *, session: AsyncSession, land: Territory, since: datetime, at: datetime, day: date
) -> HazardFigures:
    codes = bindparam("hazard_territory", list(land.codes), type_=ARRAY(String))
    events = (
        select(
            HazardEvent.hazard_id,
            func.min(HazardEvent.at).filter(HazardEvent.kind == "registered").label("registered"),
            func.max(HazardEvent.at)
            .filter(HazardEvent.kind.in_(("resolved", "closed")))
            .label("resolved"),
            func.max(HazardEvent.at).filter(HazardEvent.kind == "reopened").label("reopened"),
        )
        .where(HazardEvent.at < at)
        .group_by(HazardEvent.hazard_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(
                Hazard.risk,
                Hazard.deadline,
                events.c.registered,
                events.c.resolved,
                events.c.reopened,
            )
            .join(events, events.c.hazard_id == Hazard.id)
            .where(
                events.c.registered.is_not(None),
                (Hazard.district == any_(codes)) | (Hazard.unit_code == any_(codes)),
            )
        )
    ).all()
    found = resolved = overdue = high = new = 0
    for risk, deadline, registered, done, reopened in rows:
        found += 1
        new += registered >= since
        settled = done is not None and (reopened is None or done > reopened)
        resolved += settled
        overdue += not settled and deadline is not None and deadline < day
        high += not settled and risk == "high"
    return HazardFigures(
        found=found, found_in_period=new, resolved=resolved, overdue=overdue, high_risk_open=high
    )
