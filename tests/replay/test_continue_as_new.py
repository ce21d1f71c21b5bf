"""Continue-as-new, which no other test reaches: a run continues once its history is long.

The server suggests it after 4,096 events by default; a dev server of its own here suggests it
from the first workflow task on (`limit.historyCount.suggestContinueAsNew`), so every workflow
that checks continues after each step it takes. The ledger activities are replaced by name, as
in tests/workflows, and record what each run wrote: the chain of runs must write every event
and every ladder rung exactly once, in order, and carry its state to the run that finishes.
These runs are also the continue-as-new histories of tests/replay/histories (capture.py).
A run continues at the end of any turn, after an update as well as after a timer, once it has
grown past its start (`workflows.timers.MIN_RUN_EVENTS`): dozens of updates and no timer must
still continue it and lose nothing.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from temporalio import activity
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WithStartWorkflowOperation
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.worker import Worker

from domain.campaigns import (
    CampaignStart,
    CampaignState,
    CampaignSummary,
    CloseInput,
    ExtendInput,
    LaunchResult,
    PhaseChange,
    PhaseWindow,
    PreparedCampaign,
)
from domain.cases.imports import ImportPage, ImportProgress
from domain.cases.intake import CaseIntake, CaseSource, Complainant, Employer
from domain.cases.records import CaseChange, RecordOutcome
from domain.cases.state import CaseStart, CaseState
from domain.escalation import DEFAULT_LADDER
from domain.hazards.model import FiveOnes, FourPackages, HazardStatus, PlanInput
from domain.hazards.records import HazardChange
from domain.reports.requests import SchedulesInput, SpecialInput
from domain.tasks.model import (
    ActorRef,
    CompleteInput,
    ProgressInput,
    TaskSpec,
    TaskState,
    TaskStatus,
)
from domain.tasks.records import EscalationInput, EscalationOutcome, TaskChange, WebhookInput
from domain.units.roles import Role
from infra.temporal_client import connect_temporal
from launcher.ports import free_port
from launcher.temporal_dev import TemporalDevServer
from tests.polling import eventually
from tests.replay.capture import capture_histories, capture_start
from tests.scenario_dates import machine_today
from tests.workflows.case_fixtures import HANDLER
from tests.workflows.hazard_fixtures import hazard_state
from tests.workflows.task_fixtures import task_state
from workers.main import sandbox_runner
from workflows.campaign import CampaignWorkflow
from workflows.case import CaseWorkflow
from workflows.case_import import CaseImportWorkflow
from workflows.department_task import DepartmentTaskWorkflow
from workflows.hazard import HazardWorkflow

SUGGEST_FROM_EVENTS = 1
LADDER = [step.key for step in DEFAULT_LADDER.steps]
UNIT = ActorRef(username="rsj-user", role=Role.UNIT, unit="tj.rsj")


@dataclass
class Ledger:
    """Stand-ins for the activities, by name; each remembers what the runs asked of it."""

    task_changes: list[TaskChange] = field(default_factory=list)
    escalations: list[EscalationInput] = field(default_factory=list)
    case_changes: list[CaseChange] = field(default_factory=list)
    hazard_changes: list[HazardChange] = field(default_factory=list)
    launches: int = 0
    phases: list[str] = field(default_factory=list)
    schedules: list[str] = field(default_factory=list)
    closed: list[CloseInput] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    prepared: PreparedCampaign | None = None

    @activity.defn(name="task.record_change")
    async def record_change(self, change: TaskChange) -> None:
        self.task_changes.append(change)

    @activity.defn(name="task.escalate")
    async def escalate(self, body: EscalationInput) -> EscalationOutcome:
        self.escalations.append(body)
        return EscalationOutcome(recorded=True)

    @activity.defn(name="webhook.deliver")
    async def deliver(self, body: WebhookInput) -> None:
        raise AssertionError("no webhooks configured")

    @activity.defn(name="case.record")
    async def record_case(self, change: CaseChange) -> RecordOutcome:
        self.case_changes.append(change)
        return RecordOutcome(leader=None)

    @activity.defn(name="report.special_for_case")
    async def special_for_case(self, body: SpecialInput) -> int:
        raise AssertionError("the case is not major")

    @activity.defn(name="campaign.prepare")
    async def prepare(self, start: CampaignStart) -> PreparedCampaign:
        assert self.prepared is not None
        return self.prepared

    @activity.defn(name="campaign.launch_page")
    async def launch_page(self, campaign_id: str) -> LaunchResult:
        self.launches += 1
        return LaunchResult(started=0 if self.launches > 1 else 12, remaining=False)

    @activity.defn(name="campaign.extend")
    async def extend(self, body: ExtendInput) -> int:
        raise AssertionError("not a standing plan")

    @activity.defn(name="campaign.set_phase")
    async def set_phase(self, body: PhaseChange) -> None:
        self.phases.append(f"{body.status}:{body.phase_key}")

    @activity.defn(name="report.create_schedules")
    async def create_schedules(self, body: SchedulesInput) -> int:
        self.schedules.append("created")
        return 0

    @activity.defn(name="report.remove_schedules")
    async def remove_schedules(self, body: SchedulesInput) -> int:
        self.schedules.append("removed")
        return 0

    @activity.defn(name="campaign.close")
    async def close(self, body: CloseInput) -> CampaignSummary:
        self.closed.append(body)
        return CampaignSummary(
            campaign_id=body.campaign_id, task_count=12, completed=0, overdue=0, text="结束"
        )

    @activity.defn(name="hazard.record")
    async def record_hazard(self, change: HazardChange) -> None:
        self.hazard_changes.append(change)

    @activity.defn(name="case_import.register_page")
    async def register_page(self, page: ImportPage) -> ImportProgress:
        self.pages.append(page.after_row)
        last = page.after_row + 200
        return ImportProgress(registered=190, existing=10, last_row=last, done=last >= 600)

    def all(self) -> list[Any]:
        return [
            self.record_change,
            self.escalate,
            self.deliver,
            self.record_case,
            self.special_for_case,
            self.prepare,
            self.launch_page,
            self.extend,
            self.set_phase,
            self.create_schedules,
            self.remove_schedules,
            self.close,
            self.register_page,
            self.record_hazard,
        ]


@pytest.fixture(scope="module")
def eager_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemporalDevServer]:
    """The dev server, suggesting continue-as-new as soon as a history has any event."""
    root = tmp_path_factory.mktemp("temporal-eager")
    server = TemporalDevServer(
        root,
        port=free_port(),
        ui_port=None,
        log_path=root / "temporal.log",
        dynamic_config={"limit.historyCount.suggestContinueAsNew": str(SUGGEST_FROM_EVENTS)},
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
async def eager_client(eager_server: TemporalDevServer) -> Client:
    return await connect_temporal(eager_server.address)


@pytest.fixture
async def harness(
    eager_client: Client, request: pytest.FixtureRequest
) -> AsyncIterator[tuple[Client, Ledger, str]]:
    ledger = Ledger()
    queue = f"continue-{uuid.uuid4().hex[:8]}"
    began = capture_start()
    async with Worker(
        eager_client,
        task_queue=queue,
        workflows=[
            DepartmentTaskWorkflow,
            CampaignWorkflow,
            CaseWorkflow,
            CaseImportWorkflow,
            HazardWorkflow,
        ],
        activities=ledger.all(),
        workflow_runner=sandbox_runner(),
    ):
        yield eager_client, ledger, queue
    await capture_histories(eager_client, request.node, since=began)  # QINGLING_CAPTURE_HISTORIES


async def runs_of(client: Client, workflow_id: str) -> list[str]:
    """The chain of runs under one id, first to last, each ending where the next begins."""
    first = await client.get_workflow_handle(workflow_id).describe()
    chain = [first.raw_description.workflow_execution_info.first_run_id]
    while True:
        history = await client.get_workflow_handle(workflow_id, run_id=chain[-1]).fetch_history()
        last = history.events[-1]
        if last.event_type != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
            return chain
        attributes = last.workflow_execution_continued_as_new_event_attributes
        chain.append(attributes.new_execution_run_id)


async def test_a_task_climbs_its_ladder_across_runs_and_completes_in_the_last(harness) -> None:
    client, ledger, queue = harness
    key = uuid.uuid4().hex[:8]
    overdue = machine_today() - timedelta(days=30)  # every rung, accountability too, is due
    state = TaskState.start(
        TaskSpec(
            task_id=f"task:c-continue:{key}:tj.rsj",
            campaign_id="c-continue",
            task_key=key,
            title="广泛宣传《保障农民工工资支付条例》",
            unit="tj.rsj",
            unit_ancestors=("tj",),
            deadline=overdue,
        )
    )
    handle = await client.start_workflow(
        DepartmentTaskWorkflow.run, state, id=state.spec.task_id, task_queue=queue
    )
    await eventually(lambda: len(ledger.escalations) == len(LADDER))
    done = await handle.execute_update(
        DepartmentTaskWorkflow.complete, CompleteInput(actor=UNIT, note="已整改完毕")
    )
    assert done.status is TaskStatus.COMPLETED
    final = await handle.result()

    runs = await runs_of(client, state.spec.task_id)
    assert len(runs) == len(LADDER) + 1  # one rung per run, then the run that completes
    assert [e.step.key for e in ledger.escalations] == LADDER
    assert [c.event_key for c in ledger.task_changes] == [
        f"{state.spec.task_id}:e1",
        f"{state.spec.task_id}:e2",
    ]  # created in the first run, completed in the last: the sequence carried over
    assert [c.kind for c in ledger.task_changes] == ["created", "completed"]
    assert final.fired_steps == LADDER
    assert final.event_seq == 2


async def test_a_campaign_continues_after_each_phase_event_and_closes(harness) -> None:
    client, ledger, queue = harness
    today = machine_today()
    ledger.prepared = PreparedCampaign(
        task_count=12,
        phases=(
            PhaseWindow(
                key="p1", name="宣传", start=today - timedelta(days=3), end=today - timedelta(2)
            ),
        ),
        period_end=today - timedelta(days=2),
        standing=False,
        period_start=today - timedelta(days=3),
    )
    start = CampaignStart(
        campaign_id=f"c-{uuid.uuid4().hex[:6]}",
        plan={},
        created_by="office",
        created_at=datetime.now(UTC) - timedelta(days=3),
    )
    handle = await client.start_workflow(
        CampaignWorkflow.run, CampaignState(start=start), id=f"campaign:{start.campaign_id}",
        task_queue=queue,
    )  # fmt: skip
    summary = await handle.result()

    runs = await runs_of(client, f"campaign:{start.campaign_id}")
    assert len(runs) == 3  # opened p1 and continued, closed p1 and continued, then ended
    assert ledger.phases == ["open:p1", "closed:p1"]
    assert ledger.schedules == ["created", "removed"]  # made once, by the first run only
    assert ledger.launches == 3  # each run makes sure its pages are launched
    assert summary.campaign_id == start.campaign_id
    assert len(ledger.closed) == 1


async def test_a_case_continues_after_each_rung_of_its_accept_limit(harness) -> None:
    client, ledger, queue = harness
    today = machine_today()
    external = f"RX{uuid.uuid4().hex[:10]}"
    state = CaseState(
        start=CaseStart(
            case_id=f"case:hotline:{external}",
            case_number=f"QL-TEST-{external[-6:]}",
            intake=CaseIntake(
                source=CaseSource.HOTLINE,
                external_id=external,
                received_at=datetime.now(UTC) - timedelta(days=40),
                complainants=(Complainant(name="测试投诉人"),),
                workers_affected=3,
                amount_claimed=Decimal("18000.00"),
                employer=Employer(name="测试劳务有限公司"),
                sector="工程建设",
                district="tj.hp",
                description="测试数据：农民工 3 人反映工资未发放",
            ),
            receiving_unit="tj.rsj",
            receiving_ancestors=("tj",),
            registered_by="hotline",
        ),
        accept_deadline=today - timedelta(days=30),  # every rung of the accept limit is due
        close_deadline=today + timedelta(days=60),  # none of the close limit's
        close_deadline_reason="测试期限",
    )
    registered = await client.execute_update_with_start_workflow(
        CaseWorkflow.registration,
        start_workflow_operation=WithStartWorkflowOperation(
            CaseWorkflow.run,
            state,
            id=state.start.case_id,
            task_queue=queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        ),
    )
    assert registered.event_seq >= 1
    await eventually(lambda: len(ledger.case_changes) == 1 + len(LADDER))
    handle = client.get_workflow_handle_for(CaseWorkflow.run, state.start.case_id)
    await eventually(lambda: _fired(handle, len(LADDER)))
    now = await handle.query(CaseWorkflow.current)

    runs = await runs_of(client, state.start.case_id)
    assert len(runs) == len(LADDER) + 1  # one rung per run; the last waits for the close limit
    assert [c.kind for c in ledger.case_changes] == [
        "registered",
        "escalation_remind",
        "escalation_warn",
        "escalation_supervise",
        "escalation_accountability",
    ]
    keys = [c.event_key for c in ledger.case_changes]
    assert keys == [f"{state.start.case_id}:e{n}" for n in range(1, 6)]
    assert now.fired_steps == [f"accept:{step}" for step in LADDER]
    await handle.terminate("scenario finished")


async def test_an_import_continues_after_each_page(harness) -> None:
    client, ledger, queue = harness
    import_id = f"imp-{uuid.uuid4().hex[:8]}"
    progress = await client.execute_workflow(
        CaseImportWorkflow.run,
        ImportPage(import_id=import_id),
        id=f"case-import:{import_id}",
        task_queue=queue,
    )
    runs = await runs_of(client, f"case-import:{import_id}")
    assert len(runs) == 3
    assert ledger.pages == [0, 200, 400]  # each run starts after the last row of the one before
    assert progress.done and progress.last_row == 600


async def _fired(handle: Any, count: int) -> bool:
    return len((await handle.query(CaseWorkflow.current)).fired_steps) == count


UPDATES = 30  # each adds at least four events: the run grows past its start many times over


async def test_a_task_updated_many_times_continues_as_new_and_keeps_its_state(harness) -> None:
    client, ledger, queue = harness
    deadline = machine_today() + timedelta(days=30)  # no rung falls due: only updates happen
    state = task_state(deadline)
    handle = await client.start_workflow(
        DepartmentTaskWorkflow.run, state, id=state.spec.task_id, task_queue=queue
    )
    for n in range(UPDATES):
        await handle.execute_update(
            DepartmentTaskWorkflow.progress,
            ProgressInput(actor=UNIT, percent=n % 100, note=f"第 {n + 1} 次进展"),
        )
    assert len(await runs_of(client, handle.id)) >= 2
    now = await handle.query(DepartmentTaskWorkflow.current)
    assert (now.status, now.progress, now.deadline) == (
        TaskStatus.IN_PROGRESS,
        UPDATES - 1,
        deadline,
    )
    assert now.event_seq == 1 + UPDATES  # created, then every update, none lost or repeated
    assert [c.event_key for c in ledger.task_changes] == [
        f"{state.spec.task_id}:e{i}" for i in range(1, UPDATES + 2)
    ]
    assert [c.kind for c in ledger.task_changes[:2]] == ["created", "progress"]
    done = await handle.execute_update(
        DepartmentTaskWorkflow.complete, CompleteInput(actor=UNIT, note="已完成")
    )
    assert done.status is TaskStatus.COMPLETED
    assert (await handle.result()).event_seq == UPDATES + 2
    assert ledger.escalations == []


async def test_a_hazard_replanned_many_times_continues_as_new(harness) -> None:
    client, ledger, queue = harness
    state = hazard_state()
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
    assert len(await runs_of(client, handle.id)) >= 2  # a hazard never continued before
    now = await handle.query(HazardWorkflow.current)
    assert now.status is HazardStatus.RESOLVING
    assert now.five_ones is not None and now.five_ones.plan == f"第 {UPDATES} 版化解方案"
    assert now.event_seq == 1 + UPDATES
    assert [c.event_key for c in ledger.hazard_changes] == [
        f"{state.start.hazard_id}:e{i}" for i in range(1, UPDATES + 2)
    ]
    await handle.terminate("scenario finished")


@dataclass
class SlowLedger(Ledger):
    """A webhook gateway and a database that are slow: the run is still settling its
    deliveries when a unit's update arrives, and that update's write outlasts a workflow task
    (10 s), so the delivery's completion is processed while the handler still runs."""

    delivered: list[str] = field(default_factory=list)

    @activity.defn(name="task.escalate")
    async def escalate(self, body: EscalationInput) -> EscalationOutcome:
        self.escalations.append(body)
        hook = WebhookInput(delivery_key=f"{body.escalation_key}:webhook", unit="tj.rsj")
        return EscalationOutcome(recorded=True, webhooks=(hook,))

    @activity.defn(name="webhook.deliver")
    async def deliver(self, body: WebhookInput) -> None:
        await asyncio.sleep(2)
        self.delivered.append(body.delivery_key)

    @activity.defn(name="task.record_change")
    async def record_change(self, change: TaskChange) -> None:
        if change.kind == "progress":
            await asyncio.sleep(12)
        self.task_changes.append(change)


async def test_an_update_during_the_settling_before_continuing_is_not_lost(
    eager_client: Client,
) -> None:
    ledger = SlowLedger()
    queue = f"continue-slow-{uuid.uuid4().hex[:8]}"
    state = task_state(machine_today() - timedelta(days=30))  # every rung due at once
    async with Worker(
        eager_client,
        task_queue=queue,
        workflows=[DepartmentTaskWorkflow],
        activities=ledger.all(),
        workflow_runner=sandbox_runner(),
    ):
        handle = await eager_client.start_workflow(
            DepartmentTaskWorkflow.run, state, id=state.spec.task_id, task_queue=queue
        )
        await eventually(lambda: len(ledger.escalations) >= 1)
        # the first rung's webhook is being delivered (2 s) while the run settles
        progressed = await handle.execute_update(
            DepartmentTaskWorkflow.progress,
            ProgressInput(actor=UNIT, percent=60, note="正在整改"),
        )
        assert progressed.progress == 60
        await eventually(lambda: len(ledger.escalations) == len(LADDER))
        now = await handle.query(DepartmentTaskWorkflow.current)
        await handle.terminate("scenario finished")
    assert now.progress == 60
    kinds = [c.kind for c in ledger.task_changes]
    assert kinds.count("progress") == 1  # recorded once, and carried into the later runs
    keys = [c.event_key for c in ledger.task_changes]
    assert keys == [f"{state.spec.task_id}:e{i}" for i in range(1, len(keys) + 1)]
    assert now.event_seq == len(keys)
