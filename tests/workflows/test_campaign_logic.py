"""The campaign workflow alone on the time-skipping server, its activities replaced by name."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta

from temporalio import activity
from temporalio.testing import WorkflowEnvironment
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
from domain.plan.model import ReportKind
from domain.plan.resolve import ResolvedReporting
from domain.reports.requests import SchedulesInput
from tests.polling import eventually
from tests.scenario_dates import beijing_date, beijing_time
from workers.main import sandbox_runner
from workflows.campaign import CampaignWorkflow


class FakeLedger:
    def __init__(self, prepared: PreparedCampaign, pages: int = 3):
        self.prepared = prepared
        self.pages_left = pages
        self.launch_calls = 0
        self.phase_changes: list[tuple[str, str, datetime]] = []
        self.extensions: list[ExtendInput] = []
        self.closed: list[CloseInput] = []
        self.schedules: list[tuple[str, SchedulesInput]] = []  # (created | removed, input)

    @activity.defn(name="campaign.prepare")
    async def prepare(self, start: CampaignStart) -> PreparedCampaign:
        return self.prepared

    @activity.defn(name="campaign.launch_page")
    async def launch_page(self, campaign_id: str) -> LaunchResult:
        self.launch_calls += 1
        self.pages_left = max(self.pages_left - 1, 0)
        return LaunchResult(started=200 if self.pages_left else 17, remaining=self.pages_left > 0)

    @activity.defn(name="campaign.extend")
    async def extend(self, body: ExtendInput) -> int:
        self.extensions.append(body)
        self.pages_left = 1
        return 5

    @activity.defn(name="campaign.set_phase")
    async def set_phase(self, body: PhaseChange) -> None:
        self.phase_changes.append((body.phase_key, body.status, body.at))

    @activity.defn(name="report.create_schedules")
    async def create_schedules(self, body: SchedulesInput) -> int:
        self.schedules.append(("created", body))
        return len(body.reporting)

    @activity.defn(name="report.remove_schedules")
    async def remove_schedules(self, body: SchedulesInput) -> int:
        self.schedules.append(("removed", body))
        return len(body.reporting)

    @activity.defn(name="campaign.close")
    async def close(self, body: CloseInput) -> CampaignSummary:
        self.closed.append(body)
        return CampaignSummary(
            campaign_id=body.campaign_id, task_count=417, completed=0, overdue=0, text="结束"
        )


@asynccontextmanager
async def run_with(env: WorkflowEnvironment, ledger: FakeLedger) -> AsyncIterator[str]:
    queue = f"campaign-{uuid.uuid4().hex[:8]}"
    async with Worker(
        env.client,
        task_queue=queue,
        workflows=[CampaignWorkflow],
        activities=[
            ledger.prepare,
            ledger.launch_page,
            ledger.extend,
            ledger.set_phase,
            ledger.close,
            ledger.create_schedules,
            ledger.remove_schedules,
        ],
        workflow_runner=sandbox_runner(),
    ):
        yield queue


WEEKLY = (
    ResolvedReporting(
        key="weekly", kind=ReportKind.WEEKLY, title="周报告", owners=["tj.office"], due=None,
        weekday=5, day_of_month=None, start=None, end=None,
    ),
)  # fmt: skip


def start_input(created: datetime) -> CampaignState:
    return CampaignState(
        start=CampaignStart(campaign_id="c1", plan={}, created_by="office", created_at=created)
    )


async def test_launches_every_page_then_walks_overlapping_phases_and_closes(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env = time_skipping_env
    now = await env.get_current_time()
    first = beijing_date(now) + timedelta(days=7)  # nothing due at start

    def day(n: int) -> date:
        return first + timedelta(days=n)

    # 篇五's shape: three overlapping phases over about two months; p1 closes at the very
    # midnight p3 opens
    phases = (
        PhaseWindow(key="p1", name="宣传", start=first, end=day(30)),
        PhaseWindow(key="p2", name="排查", start=day(14), end=day(45)),
        PhaseWindow(key="p3", name="执法", start=day(31), end=day(66)),
    )
    ledger = FakeLedger(
        PreparedCampaign(
            task_count=417,
            phases=phases,
            period_end=day(66),
            standing=False,
            period_start=first,
            reporting=WEEKLY,
        )
    )
    async with run_with(env, ledger) as queue:
        handle = await env.client.start_workflow(
            CampaignWorkflow.run, start_input(now), id="campaign:c1", task_queue=queue
        )
        summary = await handle.result()
    assert summary.task_count == 417
    assert ledger.launch_calls == 3
    assert [(k, s) for k, s, _ in ledger.phase_changes] == [
        ("p1", "open"),
        ("p2", "open"),
        ("p1", "closed"),
        ("p3", "open"),
        ("p2", "closed"),
        ("p3", "closed"),
    ]
    at = {(k, s): t for k, s, t in ledger.phase_changes}
    assert at[("p1", "open")] - beijing_time(first) < timedelta(minutes=1)
    assert at[("p1", "open")] >= beijing_time(first)
    assert at[("p2", "closed")] >= beijing_time(day(46))
    assert at[("p3", "closed")] >= beijing_time(day(67))
    assert len(ledger.closed) == 1
    assert ledger.closed[0].at >= beijing_time(day(67))
    assert [what for what, _ in ledger.schedules] == ["created", "removed"]
    created = ledger.schedules[0][1]
    assert (created.campaign_id, created.period_end) == ("c1", day(66))
    assert created.reporting == WEEKLY


async def test_the_office_can_close_a_campaign_early(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env = time_skipping_env
    now = await env.get_current_time()
    start = beijing_date(now) + timedelta(days=90)  # far beyond the test's few seconds
    phases = (PhaseWindow(key="p1", name="宣传", start=start, end=start + timedelta(days=30)),)
    ledger = FakeLedger(
        PreparedCampaign(task_count=10, phases=phases, period_end=phases[0].end, standing=False),
        pages=1,
    )
    async with run_with(env, ledger) as queue:
        handle = await env.client.start_workflow(
            CampaignWorkflow.run, start_input(now), id="campaign:c2", task_queue=queue
        )
        await eventually(lambda: ledger.launch_calls == 1)
        await handle.signal(CampaignWorkflow.close, "上级要求提前结束")
        await handle.result()
    assert ledger.phase_changes == []
    assert ledger.closed[0].reason == "上级要求提前结束"
    assert [what for what, _ in ledger.schedules] == ["created", "removed"]  # gone when it ends


async def test_a_standing_plan_makes_next_months_tasks(
    time_skipping_env: WorkflowEnvironment,
) -> None:
    env = time_skipping_env
    ledger = FakeLedger(
        PreparedCampaign(task_count=48, phases=(), period_end=None, standing=True), pages=1
    )
    async with run_with(env, ledger) as queue:
        created = await env.get_current_time()
        handle = await env.client.start_workflow(
            CampaignWorkflow.run, start_input(created), id="campaign:c3", task_queue=queue
        )
        await env.sleep(timedelta(days=60))
        await eventually(lambda: len(ledger.extensions) == 2)
        await handle.signal(CampaignWorkflow.close, "常态化方案废止")
        await handle.result()
    first, second = ledger.extensions
    # Timers fire at the start of a Beijing day; workflow.now() adds milliseconds of processing.
    assert round((second.at - first.at).total_seconds()) == timedelta(days=28).total_seconds()
    assert first.at.astimezone(UTC).time().replace(microsecond=0).isoformat() == "16:00:00"
    assert first.horizon - first.at.date() >= timedelta(days=34)
    assert ledger.launch_calls == 1 + 2  # the first launch, then one page after each extension
