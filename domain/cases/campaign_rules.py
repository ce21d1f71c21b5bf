"""How a campaign handles the cases on its territory: time limits and major-case thresholds."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from domain.cases.limits import DEFAULT_LIMITS, TimeLimits
from domain.cases.major import DEFAULT_MAJOR_RULE, MajorCaseRule


class CaseRules(BaseModel):
    """A plan's `case_rules:` section; what it leaves out keeps the defaults of the rules."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="案件办理规则")

    limits: TimeLimits = DEFAULT_LIMITS
    major: MajorCaseRule = DEFAULT_MAJOR_RULE
