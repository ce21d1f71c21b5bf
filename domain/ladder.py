"""Where a ladder stands: which rung is due next on which limit, and which rungs stay fired when
a deadline moves. Pure, so the workflows (`workflows/ladder.py` climbs) and the case transitions
share it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.calendar.workdays import WorkingCalendar
from domain.escalation import EscalationLadder, EscalationStep, step_due_at, step_due_at_instant


@dataclass(frozen=True)
class Limit:
    """A deadline the ladder runs against; `name` prefixes its rungs' keys when a workflow has
    more than one (a case's accept and close limits)."""

    name: str | None
    deadline: date
    deadline_time: datetime | None = None  # a deadline given to the minute (demo plans)

    def key(self, step: EscalationStep) -> str:
        return step.key if self.name is None else f"{self.name}:{step.key}"

    def due(self, step: EscalationStep, calendar: WorkingCalendar) -> datetime:
        if self.deadline_time is not None:
            return step_due_at_instant(self.deadline_time, step, calendar)
        return step_due_at(self.deadline, step, calendar)


@dataclass(frozen=True)
class Rung:
    limit: Limit
    step: EscalationStep
    due: datetime

    @property
    def key(self) -> str:
        return self.limit.key(self.step)


def next_rung(
    ladder: EscalationLadder,
    limits: Iterable[Limit],
    fired: Sequence[str],
    calendar: WorkingCalendar,
) -> Rung | None:
    """On each limit its first rung not yet fired; of those the earliest (then by key)."""
    candidates = []
    for limit in limits:
        step = next((s for s in ladder.steps if limit.key(s) not in fired), None)
        if step is not None:
            candidates.append(Rung(limit=limit, step=step, due=limit.due(step, calendar)))
    return min(candidates, key=lambda r: (r.due, r.key), default=None)


def fired_after_move(
    ladder: EscalationLadder,
    moved: Limit,
    fired: Sequence[str],
    calendar: WorkingCalendar,
    now: datetime,
) -> list[str]:
    """A limit's new deadline: its rungs already due under it stay fired, the others wait
    again; other limits' rungs are untouched."""
    by_key = {moved.key(step): step for step in ladder.steps}
    return [key for key in fired if key not in by_key or moved.due(by_key[key], calendar) <= now]
