"""At 00:30 in Beijing the UTC date is still yesterday's: workflows must count Beijing days.

The time-skipping server is moved to 00:30 Beijing of a day chosen from its own clock; the
ledger activities are replaced by name.
"""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta

import pytest
from temporalio import activity
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from domain.campaigns import (
    CampaignStart,
    CampaignState,
    CampaignSummary,
    CloseInput,
    ExtendInput,
    LaunchResult,
    PreparedCampaign,
)
from domain.reports.requests import SchedulesInput
from domain.tasks.model import ExtensionRequestInput
from domain.tasks.records import EscalationInput, EscalationOutcome, TaskChange
from tests.polling import eventually
from tests.scenario_dates import beijing_date, beijing_time
from tests.workflows.task_fixtures import UNIT, task_state
from workers.main import sandbox_runner
from workflows.campaign import CampaignWorkflow
from workflows.department_task import DepartmentTaskWorkflow


async def skip_to_half_past_midnight(env: WorkflowEnvironment, days_ahead: int) -> None:
    """To 00:30 Beijing, `days_ahead` Beijing days after the server's today."""
    now = await env.get_current_time()
    target = beijing_time(beijing_date(now) + timedelta(days=days_ahead), 0, 30)
    await env.sleep(target - now)
    moved = await env.get_current_time()
    assert moved.astimezone(UTC).date() < beijing_date(moved)  # the UTC date lags behind


class Ledger:
    def __init__(self) -> None:
        self.extensions: list[ExtendInput] = []

    @activity.defn(name="task.record_change")
    async def record_change(self, change: TaskChange) -> None:
        pass

    @activity.defn(name="task.escalate")
    async def escalate(self, body: EscalationInput) -> EscalationOutcome:
        return EscalationOutcome(recorded=True)

    @activity.defn(name="campaign.prepare")
    async def prepare(self, start: CampaignStart) -> PreparedCampaign:
        return PreparedCampaign(task_count=1, phases=(), period_end=None, standing=True)

    @activity.defn(name="campaign.launch_page")
    async def launch_page(self, campaign_id: str) -> LaunchResult:
        return LaunchResult(started=0, remaining=False)

    @activity.defn(name="campaign.extend")
    async def extend(self, body: ExtendInput) -> int:
        self.extensions.append(body)
        return 0

    @activity.defn(name="report.create_schedules")
    async def create_schedules(self, body: SchedulesInput) -> int:
        return 0

    @activity.defn(name="report.remove_schedules")
    async def remove_schedules(self, body: SchedulesInput) -> int:
        return 0

    @activity.defn(name="campaign.close")
    async def close(self, body: CloseInput) -> CampaignSummary:
        return CampaignSummary(
            campaign_id=body.campaign_id, task_count=1, completed=0, overdue=0, text="结束"
        )


@pytest.fixture
async def harness(time_skipping_env: WorkflowEnvironment):
    ledger = Ledger()
    queue = f"beijing-{uuid.uuid4().hex[:8]}"
    async with Worker(
        time_skipping_env.client,
        task_queue=queue,
        workflows=[DepartmentTaskWorkflow, CampaignWorkflow],
        activities=[
            ledger.record_change,
            ledger.escalate,
            ledger.prepare,
            ledger.launch_page,
            ledger.extend,
            ledger.create_schedules,
            ledger.remove_schedules,
            ledger.close,
        ],
        workflow_runner=sandbox_runner(),
    ):
        yield time_skipping_env, ledger, queue


async def test_an_extension_to_yesterday_is_refused_at_half_past_midnight(harness) -> None:
    env, _, queue = harness
    today = beijing_date(await env.get_current_time())
    day = today + timedelta(days=10)  # the Beijing day the request is made on, at 00:30
    state = task_state(day - timedelta(days=2))
    handle = await env.client.start_workflow(
        DepartmentTaskWorkflow.run, state, id=state.spec.task_id, task_queue=queue
    )
    await skip_to_half_past_midnight(env, days_ahead=10)
    yesterday = day - timedelta(days=1)  # later than the deadline, but already past in Beijing
    with pytest.raises(WorkflowUpdateFailedError) as caught:
        await handle.execute_update(
            DepartmentTaskWorkflow.request_extension,
            ExtensionRequestInput(
                actor=UNIT, request_id="r1", new_deadline=yesterday, reason="材料未齐"
            ),
        )
    cause = caught.value.cause
    assert isinstance(cause, ApplicationError)
    assert (cause.type, cause.details, cause.message) == (
        "Invalid",
        ("deadline_in_past",),
        "新的期限不能早于今天",
    )
    accepted = await handle.execute_update(
        DepartmentTaskWorkflow.request_extension,
        ExtensionRequestInput(actor=UNIT, request_id="r2", new_deadline=day, reason="材料未齐"),
    )
    assert [r.new_deadline for r in accepted.extensions] == [day]


async def test_a_standing_plan_started_at_half_past_midnight_counts_from_that_beijing_day(
    harness,
) -> None:
    env, ledger, queue = harness
    await skip_to_half_past_midnight(env, days_ahead=1)
    created = await env.get_current_time()
    handle = await env.client.start_workflow(
        CampaignWorkflow.run,
        CampaignState(
            start=CampaignStart(campaign_id="cb", plan={}, created_by="office", created_at=created)
        ),
        id=f"campaign:cb-{uuid.uuid4().hex[:6]}",
        task_queue=queue,
    )
    await env.sleep(timedelta(days=29))
    await eventually(lambda: len(ledger.extensions) == 1)
    await handle.signal(CampaignWorkflow.close, "测试结束")
    await handle.result()
    # 28 days from the start of the Beijing day it was created on, not of the UTC day before
    woke = ledger.extensions[0].at
    assert beijing_date(woke) == beijing_date(created) + timedelta(days=28)
    assert woke - beijing_time(beijing_date(created)) - timedelta(days=28) < timedelta(minutes=1)
