"""Today as Beijing sees it: deadlines, inboxes and frozen calendar years count Beijing days.

Only the API, the ledger and the activities read the clock; workflows take `workflow.now()`.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


def today_in_beijing() -> date:
    return datetime.now(BEIJING).date()
