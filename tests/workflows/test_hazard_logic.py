"""The hazard workflow alone on the time-skipping server, its ledger activity replaced by name."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest
from temporalio import activity
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.calendar.workdays import WorkingCalendar
from domain.hazards.model import (
    CheckInput,
    FiveOnes,
    FourPackages,
    HazardStatus,
    NoteInput,
    PlanInput,
)
from domain.hazards.records import HazardChange
from tests.polling import eventually
from tests.scenario_dates import (
    beijing_date,
    beijing_time,
    next_working_day,
    nth_working_day,
    skip_to,
)
from tests.workflows.case_fixtures import HANDLER, STRANGER
from tests.workflows.hazard_fixtures import hazard_state
from workers.main import sandbox_runner
from workflows.hazard import HazardWorkflow


def plan(deadline: date) -> PlanInput:
    return PlanInput(
        actor=HANDLER,
        five_ones=FiveOnes(
            plan="约谈总包，督促用工资保证金先行垫付",
            leader="副区长",
            team=("区人社局", "区住建委"),
            deadline=deadline,
        ),
        four_packages=FourPackages(
            investigate="区人社局", handle="区住建委", stabilise="属地街道", consolidate="区人社局"
        ),
    )


class Ledger:
    def __init__(self) -> None:
        self.changes: list[HazardChange] = []

    @activity.defn(name="hazard.record")
    async def record(self, change: HazardChange) -> None:
        self.changes.append(change)

    def kinds(self) -> list[str]:
        return [c.kind for c in self.changes]


@pytest.fixture
async def harness(
    time_skipping_env: WorkflowEnvironment,
) -> AsyncIterator[tuple[WorkflowEnvironment, Ledger, str]]:
    ledger = Ledger()
    queue = f"hazard-{uuid.uuid4().hex[:8]}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=[HazardWorkflow],
        activities=[ledger.record],
        workflow_runner=sandbox_runner(),
    ):
        yield time_skipping_env, ledger, queue


async def test_five_ones_deadline_climbs_the_ladder_then_follow_up_reopens(harness) -> None:
    env, ledger, queue = harness
    calendar = WorkingCalendar()
    reminded = next_working_day(
        beijing_date(await env.get_current_time()) + timedelta(days=6), calendar
    )
    deadline = nth_working_day(reminded, 3, calendar)  # reminded ahead, not at once
    handle = await env.client.start_workflow(
        HazardWorkflow.run, hazard_state(), id="hz-1", task_queue=queue
    )
    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.execute_update(
            HazardWorkflow.set_plan, plan(deadline).model_copy(update={"actor": STRANGER})
        )
    assert (
        isinstance(refused.value.cause, ApplicationError)
        and refused.value.cause.type == "Forbidden"
    )
    planned = await handle.execute_update(HazardWorkflow.set_plan, plan(deadline))
    assert planned.status is HazardStatus.RESOLVING
    # an hour after the deadline day lapsed: warned, while supervision waits 2 working days
    await skip_to(env, beijing_time(deadline + timedelta(days=1), 1))
    await eventually(lambda: "escalation_warn" in ledger.kinds())
    warn = next(c for c in ledger.changes if c.kind == "escalation_warn")
    assert warn.notify_office and warn.detail == {"step": "warn", "deadline": deadline.isoformat()}
    resolved = await handle.execute_update(
        HazardWorkflow.resolve, NoteInput(actor=HANDLER, note="保证金已垫付")
    )
    assert resolved.status is HazardStatus.RESOLVED
    await env.sleep(timedelta(days=31))
    await eventually(lambda: "follow_up_due" in ledger.kinds())
    reopened = await handle.execute_update(
        HazardWorkflow.follow_up, CheckInput(actor=HANDLER, passed=False, note="又有两名工人反映")
    )
    assert (reopened.status, reopened.reopened) == (HazardStatus.RESOLVING, 1)
    await handle.execute_update(HazardWorkflow.resolve, NoteInput(actor=HANDLER, note="已补发"))
    closed = await handle.execute_update(
        HazardWorkflow.follow_up, CheckInput(actor=HANDLER, passed=True, note="回访无欠薪")
    )
    assert closed.status is HazardStatus.CLOSED
    assert (await handle.result()).status is HazardStatus.CLOSED
    kinds = ledger.kinds()
    assert kinds[:4] == ["registered", "planned", "escalation_remind", "escalation_warn"]
    assert kinds[4:7] == ["resolved", "follow_up_due", "reopened"]
    after = kinds[7:]
    # Reopened past its deadline: the steps not yet taken fire at once, whenever they win the race.
    assert after[-2:] == ["resolved", "closed"]
    assert set(after[:-2]) <= {"escalation_supervise", "escalation_accountability"}
