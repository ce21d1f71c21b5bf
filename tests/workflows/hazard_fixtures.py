"""A hazard as a district's screening registers it, for hazard workflow tests."""

from __future__ import annotations

import uuid

from domain.cases.intake import Employer
from domain.hazards.model import HazardIntake, HazardStart, HazardState, RiskLevel


def hazard_state() -> HazardState:
    return HazardState(
        start=HazardStart(
            hazard_id=f"hazard:{uuid.uuid4().hex[:8]}",
            number="YH-TEST",
            registered_by="hp-rsj",
            unit="tj.hp.rsj",
            unit_ancestors=("tj.hp", "tj"),
            intake=HazardIntake(
                employer=Employer(name="某劳务公司"),
                risk=RiskLevel.HIGH,
                description="工程款拨付滞后，可能欠薪",
                district="tj.hp",
            ),
        )
    )
