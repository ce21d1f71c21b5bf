"""Long-lived workflows continue as new after updates too, and carry their state across.

A dev server of its own suggests continuing after a few dozen events (the default is 4,096),
so a few dozen updates drive a task and a hazard past the threshold; the ledger activities are
replaced by name, since what is tested is the workflow's own state.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
from temporalio import activity
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker

from domain.cases.intake import Employer
from domain.hazard_records import HazardChange
from domain.hazards import (
    FiveOnes,
    FourPackages,
    HazardIntake,
    HazardStart,
    HazardState,
    HazardStatus,
    PlanInput,
    RiskLevel,
)
from domain.task_records import EscalationInput, EscalationOutcome, TaskChange
from domain.tasks import CompleteInput, ProgressInput, TaskStatus
from launcher.ports import free_port
from launcher.temporal_dev import TemporalDevServer
from tests.conftest import service_folder
from tests.scenario_dates import machine_today
from tests.workflows.case_fixtures import HANDLER
from tests.workflows.task_fixtures import UNIT, task_state
from workers.main import sandbox_runner
from workflows.department_task import DepartmentTaskWorkflow
from workflows.hazard import HazardWorkflow

SUGGEST_AFTER_EVENTS = 40
UPDATES = 30  # each adds at least four events: well past the threshold, more than once


@pytest.fixture(scope="module")
def eager_server() -> Iterator[TemporalDevServer]:
    with service_folder("temporal-can") as root:
        server = TemporalDevServer(
            root,
            port=free_port(),
            ui_port=None,
            log_path=root / "temporal.log",
            dynamic_config={"limit.historyCount.suggestContinueAsNew": str(SUGGEST_AFTER_EVENTS)},
        )
        server.start()
        yield server
        server.stop()


class Ledger:
    def __init__(self) -> None:
        self.task_changes: list[TaskChange] = []
        self.hazard_changes: list[HazardChange] = []

    @activity.defn(name="task.record_change")
    async def record_change(self, change: TaskChange) -> None:
        self.task_changes.append(change)

    @activity.defn(name="task.escalate")
    async def escalate(self, body: EscalationInput) -> EscalationOutcome:
        raise AssertionError("no ladder step is due in this test")

    @activity.defn(name="hazard.record")
    async def record(self, change: HazardChange) -> None:
        self.hazard_changes.append(change)


@pytest.fixture
async def harness(
    eager_server: TemporalDevServer,
) -> AsyncIterator[tuple[Client, Ledger, str]]:
    client = await Client.connect(eager_server.address, data_converter=pydantic_data_converter)
    ledger = Ledger()
    queue = f"can-{uuid.uuid4().hex[:8]}"
    async with Worker(
        client,
        task_queue=queue,
        workflows=[DepartmentTaskWorkflow, HazardWorkflow],
        activities=[ledger.record_change, ledger.escalate, ledger.record],
        workflow_runner=sandbox_runner(),
    ):
        yield client, ledger, queue


async def runs(client: Client, workflow_id: str) -> list[str]:
    """Run ids of the workflow, oldest first."""
    found = [w async for w in client.list_workflows(f"WorkflowId = '{workflow_id}'")]
    return [w.run_id for w in sorted(found, key=lambda w: w.start_time)]


async def continued(client: Client, workflow_id: str, run_id: str) -> bool:
    history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
    return history.events[-1].event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW


async def test_a_task_updated_many_times_continues_as_new_and_keeps_its_state(harness) -> None:
    client, ledger, queue = harness
    deadline = machine_today() + timedelta(days=30)
    state = task_state(deadline)
    handle = await client.start_workflow(
        DepartmentTaskWorkflow.run, state, id=state.spec.task_id, task_queue=queue
    )
    for n in range(UPDATES):
        await handle.execute_update(
            DepartmentTaskWorkflow.progress,
            ProgressInput(actor=UNIT, percent=n % 100, note=f"第 {n + 1} 次进展"),
        )
    run_ids = await runs(client, handle.id)
    assert len(run_ids) >= 2, "no timer fired, so only the updates can have continued it"
    assert all([await continued(client, handle.id, r) for r in run_ids[:-1]])
    now = await handle.query(DepartmentTaskWorkflow.current)
    assert (now.status, now.progress, now.deadline) == (
        TaskStatus.IN_PROGRESS,
        (UPDATES - 1) % 100,
        deadline,
    )
    assert now.event_seq == 1 + UPDATES  # created, then every update, none lost or repeated
    assert [c.event_key for c in ledger.task_changes] == [
        f"{state.spec.task_id}:e{i}" for i in range(1, UPDATES + 2)
    ]
    done = await handle.execute_update(
        DepartmentTaskWorkflow.complete, CompleteInput(actor=UNIT, note="已完成")
    )
    assert done.status is TaskStatus.COMPLETED
    final = await handle.result()
    assert final.event_seq == UPDATES + 2


def hazard() -> HazardState:
    return HazardState(
        start=HazardStart(
            hazard_id=f"hazard:{uuid.uuid4().hex[:8]}",
            number="YH-CAN",
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


async def test_a_hazard_replanned_many_times_continues_as_new(harness) -> None:
    client, ledger, queue = harness
    state = hazard()
    handle = await client.start_workflow(
        HazardWorkflow.run, state, id=state.start.hazard_id, task_queue=queue
    )
    today = machine_today()
    for n in range(UPDATES):
        await handle.execute_update(
            HazardWorkflow.set_plan,
            PlanInput(
                actor=HANDLER,
                five_ones=FiveOnes(
                    plan=f"第 {n + 1} 版化解方案",
                    leader="副区长",
                    team=("区人社局",),
                    deadline=today + timedelta(days=40 + n),
                ),
                four_packages=FourPackages(
                    investigate="区人社局",
                    handle="区住建委",
                    stabilise="街道",
                    consolidate="区人社局",
                ),
            ),
        )
    run_ids = await runs(client, handle.id)
    assert len(run_ids) >= 2
    assert all([await continued(client, handle.id, r) for r in run_ids[:-1]])
    now = await handle.query(HazardWorkflow.current)
    assert now.status is HazardStatus.RESOLVING
    assert now.five_ones is not None and now.five_ones.plan == f"第 {UPDATES} 版化解方案"
    assert now.event_seq == 1 + UPDATES
    assert len({c.event_key for c in ledger.hazard_changes}) == 1 + UPDATES
