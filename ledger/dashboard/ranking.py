"""各区排名 on the dashboard, as the bulletins rank: on-time completion, clearance, indicators."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from domain.dashboard.figures import IndicatorWeek
from domain.indicators.districts import percent
from domain.reports.figures import DistrictRow
from domain.reports.ranking import rank_districts
from ledger.dashboard.cases import Tally
from ledger.dashboard.scope import UnitTree
from ledger.dashboard.tasks import TaskSums

CLOSED = ("closed", "finished")


def _mean(values: Sequence[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return (sum(known, Decimal(0)) / len(known)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def district_ranking(
    *,
    tree: UnitTree,
    root: str,
    sums: TaskSums,
    tallies: Sequence[Tally],
    week: IndicatorWeek,
) -> tuple[DistrictRow, ...]:
    """Every district under the campaign's root, ranked over the whole campaign."""
    indicators = {row.district: row for row in week.rows}
    tasks: dict[str | None, list[int]] = {}  # district → [due, on time]
    for unit, done in sums.by_unit.items():
        pair = tasks.setdefault(tree.district_of(unit), [0, 0])
        pair[0] += done.due
        pair[1] += done.on_time
    cases: dict[str, list[int]] = {}  # district → [received, closed]
    for t in tallies:
        counts = cases.setdefault(t.district, [0, 0])
        counts[0] += t.cases
        counts[1] += t.cases if t.status in CLOSED else 0
    rows = []
    for district in tree.districts_under(root):
        due, on_time = tasks.get(district, [0, 0])
        received, closed = cases.get(district, [0, 0])
        week_row = indicators.get(district)
        rows.append(
            DistrictRow(
                rank=0, code=district, name=tree.name(district),
                tasks_due=due, tasks_on_time=on_time, on_time_rate=percent(on_time, due),
                cases_received=received, cases_closed=closed,
                clearance_rate=percent(closed, received),
                indicator_rate=None if week_row is None else _mean(
                    [week_row.real_name_update, week_row.manager_on_site,
                     week_row.supervisor_on_site]
                ),
                fund_rate=None if week_row is None else week_row.fund_rate,
                full_rate=None if week_row is None else week_row.full_rate,
            )
        )  # fmt: skip
    return rank_districts(rows)
