"""The actions a hazard offers: its own unit (and the district above) acts, leaders read."""

from __future__ import annotations

from domain.hazards.available import HazardActionName as A
from domain.hazards.available import available_actions
from domain.hazards.model import HazardStatus
from domain.tasks.model import ActorRef
from domain.units.roles import Role
from tests.workflows.case_fixtures import HANDLER, LEADER, OFFICE, STRANGER
from tests.workflows.hazard_fixtures import hazard_state

DISTRICT = ActorRef(username="hp", role=Role.DISTRICT, unit="tj.hp")


def test_each_status_offers_its_step_to_the_hazards_unit() -> None:
    state = hazard_state()
    assert available_actions(state, HANDLER) == [A.PLAN]
    state.status = HazardStatus.RESOLVING
    assert available_actions(state, DISTRICT) == [A.PLAN, A.RESOLVE]
    state.status = HazardStatus.RESOLVED
    assert available_actions(state, OFFICE) == [A.FOLLOW_UP]
    state.status = HazardStatus.CLOSED
    assert available_actions(state, HANDLER) == []


def test_other_units_and_leaders_take_no_action() -> None:
    state = hazard_state()
    assert available_actions(state, STRANGER) == []
    assert available_actions(state, LEADER) == []
