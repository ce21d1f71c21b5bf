"""The case panels from the case tallies: by status, district and sector, owed against paid."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.cases.state import STATUS_LABELS, CaseStatus
from domain.dashboard.figures import CaseSummary, CountRow, MoneyRow
from ledger.cases.tables import OPEN_STATUSES
from ledger.cases.tallies_table import CaseTally
from ledger.dashboard.scope import Scope

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Tally:
    district: str  # the district the case's territory lies in (or the code itself)
    sector: str
    status: str
    major: bool
    project_type: str
    cases: int
    workers: int
    owed: Decimal
    paid: Decimal

    @property
    def open(self) -> bool:
        return self.status in OPEN_STATUSES


async def tallies(*, session: AsyncSession, scope: Scope) -> list[Tally]:
    query = select(
        CaseTally.district, CaseTally.sector, CaseTally.status, CaseTally.major,
        CaseTally.project_type, CaseTally.cases, CaseTally.workers, CaseTally.owed,
        CaseTally.paid,
    ).where(CaseTally.cases != 0)  # fmt: skip
    within = scope.where(CaseTally.district, CaseTally.town)
    if within is not None:
        query = query.where(within)
    found = []
    for district, sector, status, major, kind, cases, workers, owed, paid in await session.execute(
        query
    ):
        place = scope.tree.district_of(district) or district
        found.append(Tally(place, sector, status, major, kind, cases, workers, owed, paid))
    return found


def open_major(rows: Sequence[Tally]) -> int:
    """挂牌督办: major cases not yet closed."""
    return sum(t.cases for t in rows if t.major and t.open)


def covered(rows: Sequence[Tally], project_types: Collection[str]) -> tuple[int, int]:
    """(all, still open) cases of these project types (every case when none are named)."""
    mine = [t for t in rows if not project_types or t.project_type in project_types]
    return sum(t.cases for t in mine), sum(t.cases for t in mine if t.open)


def _counts(
    rows: Sequence[Tally], key: Callable[[Tally], str], label: Callable[[str], str]
) -> tuple[CountRow, ...]:
    sums: dict[str, int] = {}
    for t in rows:
        sums[key(t)] = sums.get(key(t), 0) + t.cases
    ordered = sorted(sums.items(), key=lambda item: (-item[1], item[0]))
    return tuple(CountRow(key=k, label=label(k), count=n) for k, n in ordered)


_STATUS_LABELS = {status.value: label for status, label in STATUS_LABELS.items()}


def _status_label(code: str) -> str:
    return _STATUS_LABELS.get(code, code)


@dataclass
class _Money:
    cases: int = 0
    owed: Decimal = ZERO
    paid: Decimal = ZERO


def _by_district(rows: Sequence[Tally], scope: Scope) -> tuple[MoneyRow, ...]:
    """Owed against paid per district, the largest sum owed first."""
    sums: dict[str, _Money] = {}
    for t in rows:
        money = sums.setdefault(t.district, _Money())
        money.cases += t.cases
        money.owed += t.owed
        money.paid += t.paid
    found = [
        MoneyRow(key=code, name=scope.tree.name(code), cases=m.cases, owed=m.owed, paid=m.paid)
        for code, m in sums.items()
    ]
    return tuple(sorted(found, key=lambda m: (-m.owed, m.key)))


def summary(rows: Sequence[Tally], scope: Scope) -> CaseSummary:
    order = {status.value: index for index, status in enumerate(CaseStatus)}
    by_status = sorted(
        _counts(rows, lambda t: t.status, _status_label), key=lambda c: order.get(c.key, len(order))
    )
    return CaseSummary(
        total=sum(t.cases for t in rows),
        open=sum(t.cases for t in rows if t.open),
        workers=sum(t.workers for t in rows),
        owed=sum((t.owed for t in rows), ZERO),
        paid=sum((t.paid for t in rows), ZERO),
        by_status=tuple(by_status),
        by_district=_by_district(rows, scope),
        by_sector=_counts(rows, lambda t: t.sector, lambda sector: sector),
    )
