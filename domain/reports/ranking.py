"""各区排名: districts ordered by on-time completion, then clearance, then indicator rates.

A district with nothing to count (rate None) ranks after every district with a figure, and
districts equal on all three share a rank (1, 2, 2, 4), as bulletins print them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from domain.reports.figures import DistrictRow

_ABSENT = Decimal(-1)


def _value(rate: Decimal | None) -> Decimal:
    return _ABSENT if rate is None else rate


def _key(row: DistrictRow) -> tuple[Decimal, Decimal, Decimal]:
    return _value(row.on_time_rate), _value(row.clearance_rate), _value(row.indicator_rate)


def rank_districts(rows: Sequence[DistrictRow]) -> tuple[DistrictRow, ...]:
    ordered = sorted(rows, key=lambda row: (tuple(-value for value in _key(row)), row.code))
    ranked: list[DistrictRow] = []
    for position, row in enumerate(ordered, start=1):
        same = ranked and _key(ranked[-1]) == _key(row)
        rank = ranked[-1].rank if same else position
        ranked.append(row.model_copy(update={"rank": rank}))
    return tuple(ranked)
