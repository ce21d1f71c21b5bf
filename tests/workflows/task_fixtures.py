"""Building blocks for department-task workflow tests; the caller picks the deadline from the
server's clock (tests/scenario_dates.py)."""

from __future__ import annotations

import uuid
from datetime import date

from domain.tasks.model import ActorRef, TaskSpec, TaskState
from domain.units.roles import Role

UNIT = ActorRef(username="rsj-user", role=Role.UNIT, unit="tj.rsj")
OTHER_UNIT = ActorRef(username="zjw-user", role=Role.UNIT, unit="tj.zjw")
OFFICE = ActorRef(username="office-user", role=Role.OFFICE, unit="tj.office")


def task_state(
    deadline: date,
    *,
    unit: str = "tj.rsj",
    campaign: str = "c-test",
    ancestors: tuple[str, ...] = ("tj",),
    **spec: object,
) -> TaskState:
    key = uuid.uuid4().hex[:8]
    return TaskState.start(
        TaskSpec(
            task_id=f"task:{campaign}:{key}:{unit}",
            campaign_id=campaign,
            task_key=key,
            title=str(spec.pop("title", "广泛宣传《保障农民工工资支付条例》")),
            unit=unit,
            unit_ancestors=ancestors,
            deadline=deadline,
            **spec,
        )
    )
