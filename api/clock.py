"""Today as Beijing sees it: deadlines are Beijing dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.escalation import beijing_date


def today_in_beijing() -> date:
    return beijing_date(datetime.now(UTC))
