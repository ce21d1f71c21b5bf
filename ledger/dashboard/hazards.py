"""Hazards toward 动态清零: how many are still open (registered or resolving), per district."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.dashboard.figures import CountRow, HazardDistrict, HazardSummary
from domain.hazards.model import STATUS_LABELS, HazardStatus
from ledger.dashboard.scope import Scope
from ledger.hazards.tables import Hazard

OPEN = (HazardStatus.REGISTERED.value, HazardStatus.RESOLVING.value)
_LABELS = {status.value: label for status, label in STATUS_LABELS.items()}


async def hazard_summary(*, session: AsyncSession, scope: Scope) -> HazardSummary:
    query = select(Hazard.district, Hazard.status, func.count()).group_by(
        Hazard.district, Hazard.status
    )
    within = scope.where(Hazard.district, Hazard.unit_code)
    if within is not None:
        query = query.where(within)
    by_status: dict[str, int] = {}
    districts: dict[str, list[int]] = {}
    for district, status, count in (await session.execute(query)).all():
        by_status[status] = by_status.get(status, 0) + count
        place = scope.tree.district_of(district) or district
        sums = districts.setdefault(place, [0, 0])
        sums[0] += count if status in OPEN else 0
        sums[1] += count
    return HazardSummary(
        total=sum(by_status.values()),
        open=sum(n for status, n in by_status.items() if status in OPEN),
        by_status=tuple(
            CountRow(key=s.value, label=_LABELS[s.value], count=by_status.get(s.value, 0))
            for s in HazardStatus
        ),
        by_district=tuple(
            sorted(
                (
                    HazardDistrict(key=code, name=scope.tree.name(code), open=o, total=t)
                    for code, (o, t) in districts.items()
                ),
                key=lambda h: (-h.open, h.key),
            )
        ),
    )
