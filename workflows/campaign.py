"""A campaign (专项行动): prepares its tasks, launches them in pages, opens and closes phases.

Tasks are independent workflows started by an activity in pages, never children, so this
history stays small however many units a plan names. A standing plan (篇二) wakes monthly
to make the next month's recurring tasks.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

from domain.campaigns import (
    CampaignState,
    CampaignSummary,
    CloseInput,
    ExtendInput,
    PhaseChange,
    resolution_horizon,
)
from domain.escalation import beijing_date, end_of_day, start_of_day
from domain.reports.requests import SchedulesInput
from workflows.timers import Turns, timer_won

with workflow.unsafe.imports_passed_through():
    from activities.campaigns import CampaignActivities
    from activities.reports import ReportActivities

LEDGER_TIMEOUT = timedelta(minutes=2)
LAUNCH_TIMEOUT = timedelta(minutes=10)
RETRY = RetryPolicy(maximum_interval=timedelta(minutes=1))
STANDING_STEP = timedelta(days=28)
REPORT_SCHEDULES = "report-schedules"  # histories from before reports replay without them
BEIJING_DATES = "beijing-dates"  # histories from before it took the UTC date of the start


async def _nothing_pending() -> None:
    """A campaign waits for each activity it starts."""


@workflow.defn(name="Campaign")
class CampaignWorkflow:
    @workflow.init
    def __init__(self, state: CampaignState) -> None:
        self.state = state
        self._turns = Turns()

    @workflow.run
    async def run(self, state: CampaignState) -> CampaignSummary:
        campaign_id = self.state.start.campaign_id
        self._turns.begin()
        if self.state.prepared is None:
            self.state.prepared = await workflow.execute_activity_method(
                CampaignActivities.prepare,
                self.state.start,
                start_to_close_timeout=LEDGER_TIMEOUT,
                retry_policy=RETRY,
            )
            if workflow.patched(REPORT_SCHEDULES):
                await workflow.execute_activity_method(
                    ReportActivities.create_schedules,
                    self._schedules(),
                    start_to_close_timeout=LEDGER_TIMEOUT,
                    retry_policy=RETRY,
                )
        await self._launch_all(campaign_id)
        while True:
            if self.state.close_requested is not None:
                break
            event = self._next_phase_event()
            wake = self._next_wake(event)
            if wake is None:
                break
            fired = await timer_won(
                wake, lambda: self.state.close_requested is not None or self._turns.due()
            )
            if fired and event is not None and event[0] <= workflow.now():
                await self._apply_phase_event(campaign_id, event[1], event[2])
            elif fired and self.state.prepared.standing:
                await self._extend(campaign_id)
            await self._turns.end(self.state, _nothing_pending, after_timer=fired)
        if workflow.patched(REPORT_SCHEDULES):  # none to remove for campaigns begun before them
            await workflow.execute_activity_method(
                ReportActivities.remove_schedules,
                self._schedules(),
                start_to_close_timeout=LEDGER_TIMEOUT,
                retry_policy=RETRY,
            )
        return await workflow.execute_activity_method(
            CampaignActivities.close,
            CloseInput(
                campaign_id=campaign_id, at=workflow.now(), reason=self.state.close_requested or ""
            ),
            start_to_close_timeout=LEDGER_TIMEOUT,
            retry_policy=RETRY,
        )

    def _schedules(self) -> SchedulesInput:
        """The report Schedules this campaign owns: made after preparing, gone at the end."""
        prepared = self.state.prepared
        assert prepared is not None
        return SchedulesInput(
            campaign_id=self.state.start.campaign_id,
            reporting=prepared.reporting,
            period_start=prepared.period_start or beijing_date(self.state.start.created_at),
            period_end=prepared.period_end,
        )

    async def _launch_all(self, campaign_id: str) -> None:
        while True:
            result = await workflow.execute_activity_method(
                CampaignActivities.launch_page,
                campaign_id,
                start_to_close_timeout=LAUNCH_TIMEOUT,
                heartbeat_timeout=timedelta(minutes=2),
                retry_policy=RETRY,
            )
            self.state.launched += result.started
            if not result.remaining:
                return

    def _phase_events(self) -> list[tuple[datetime, str, str]]:
        assert self.state.prepared is not None
        events: list[tuple[datetime, str, str]] = []
        for phase in self.state.prepared.phases:
            events.append((start_of_day(phase.start), phase.key, "open"))
            events.append((end_of_day(phase.end), phase.key, "closed"))
        return sorted(events)

    def _next_phase_event(self) -> tuple[datetime, str, str] | None:
        for event in self._phase_events():
            if f"{event[2]}:{event[1]}" not in self.state.applied_phase_events:
                return event
        return None

    def _next_wake(self, event: tuple[datetime, str, str] | None) -> datetime | None:
        """The next phase event, or for a standing plan the next monthly extension."""
        assert self.state.prepared is not None
        candidates = [event[0]] if event else []
        if self.state.prepared.standing:
            created = self.state.start.created_at
            last = self.state.extended_until or (
                beijing_date(created) if workflow.patched(BEIJING_DATES) else created.date()
            )
            candidates.append(start_of_day(last) + STANDING_STEP)
        elif event is None and self.state.prepared.period_end is not None:
            end = end_of_day(self.state.prepared.period_end)
            if end > workflow.now():
                candidates.append(end)
        return min(candidates) if candidates else None

    async def _apply_phase_event(self, campaign_id: str, key: str, status: str) -> None:
        await workflow.execute_activity_method(
            CampaignActivities.set_phase,
            PhaseChange(campaign_id=campaign_id, phase_key=key, status=status, at=workflow.now()),
            start_to_close_timeout=LEDGER_TIMEOUT,
            retry_policy=RETRY,
        )
        self.state.applied_phase_events.append(f"{status}:{key}")

    async def _extend(self, campaign_id: str) -> None:
        today = beijing_date(workflow.now())
        horizon = resolution_horizon(True, workflow.now())
        assert horizon is not None
        await workflow.execute_activity_method(
            CampaignActivities.extend,
            ExtendInput(campaign_id=campaign_id, horizon=horizon, at=workflow.now()),
            start_to_close_timeout=LEDGER_TIMEOUT,
            retry_policy=RETRY,
        )
        self.state.extended_until = today
        await self._launch_all(campaign_id)

    @workflow.signal
    def close(self, reason: str) -> None:
        """The office ends the campaign early (or a standing plan for good)."""
        self.state.close_requested = reason or "办公室结束专项行动"

    @workflow.query
    def current(self) -> CampaignState:
        return self.state
