"""Telling every running task that the office loaded a year's official arrangement."""

from __future__ import annotations

from domain.calendar.workdays import YearArrangement
from domain.tasks.model import Frozen

BROADCAST_PAGE_SIZE = 500


class BroadcastPage(Frozen):
    arrangement: YearArrangement
    after_id: str | None = None


class BroadcastResult(Frozen):
    signalled: int
    last_id: str | None
