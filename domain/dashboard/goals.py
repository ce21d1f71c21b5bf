"""What a campaign's dated goal counts: 动态清零 of hazards, or 两清零 of cases by project type."""

from __future__ import annotations

from enum import StrEnum

HAZARD_WORDS = ("隐患", "hazard")


class GoalSubject(StrEnum):
    CASES = "cases"
    HAZARDS = "hazards"


def goal_subject(key: str, name: str) -> GoalSubject:
    """A goal that names hazards (欠薪隐患动态清零) counts hazards; every other goal counts the
    cases it covers, as the case limits read it (ledger.cases.settings)."""
    text = f"{key} {name}".lower()
    return GoalSubject.HAZARDS if any(word in text for word in HAZARD_WORDS) else GoalSubject.CASES
