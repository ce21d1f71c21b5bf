"""What an account may do on a hazard now (the web page shows only these forms)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from domain.available import permitted
from domain.hazards.model import HazardState, check_follow_up, check_plan, check_resolve
from domain.tasks.model import ActorRef


class HazardActionName(StrEnum):
    PLAN = "plan"
    RESOLVE = "resolve"
    FOLLOW_UP = "follow_up"


PROBES: dict[HazardActionName, Callable[[HazardState, ActorRef], None]] = {
    HazardActionName.PLAN: check_plan,
    HazardActionName.RESOLVE: check_resolve,
    HazardActionName.FOLLOW_UP: check_follow_up,
}


def available_actions(state: HazardState, actor: ActorRef) -> list[HazardActionName]:
    return permitted(PROBES, state, actor)
