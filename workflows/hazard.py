"""One hazard (隐患) from registration through 五个一/四包 to 回头看 and 销号.

The 五个一 deadline runs on the escalation ladder; after resolution the check falls due
`follow_up_days` later, and a failed check reopens the hazard (动态清零).
"""

from __future__ import annotations

import asyncio
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow

from domain.calendar.workdays import WorkingCalendar
from domain.escalation import EscalationStep
from domain.hazards.model import (
    CheckInput,
    HazardState,
    HazardStatus,
    NoteInput,
    PlanInput,
    check_follow_up,
    check_plan,
    check_resolve,
)
from domain.hazards.records import HazardChange, HazardOutcome
from domain.ladder import Limit, Rung, next_rung
from domain.tasks.records import WebhookInput
from workflows.background import Background
from workflows.errors import checked
from workflows.handlers import acting
from workflows.ladder import LEDGER_RETRY, LEDGER_TIMEOUT, climb
from workflows.timers import Turns, timer_won

with workflow.unsafe.imports_passed_through():
    from activities.hazards import HazardActivities


@workflow.defn(name="Hazard")
class HazardWorkflow:
    @workflow.init
    def __init__(self, state: HazardState) -> None:
        self.state = state
        self._changed = False
        self._lock = asyncio.Lock()
        self._working = WorkingCalendar(state.start.calendar, sealed=state.start.calendar_sealed)
        self._turns = Turns()
        self._background = Background()
        self._registered = state.event_seq > 0

    def _acting(self) -> AbstractAsyncContextManager[None]:
        return acting(self._lock, lambda: self._registered)

    @workflow.run
    async def run(self, state: HazardState) -> HazardState:
        self._turns.begin()
        if self.state.event_seq == 0:
            await self._record("registered", self.state.start.registered_by, {})
        self._registered = True
        while self.state.status is not HazardStatus.CLOSED:
            due, action = self._next_timer()
            self._changed = False
            fired = await timer_won(due, lambda: self._changed or self._turns.due())
            if fired:
                async with self._lock:
                    if self._next_timer() == (due, action):
                        await self._fire(action)
            await self._turns.end(self.state, self._background.settle, after_timer=False)
        await self._background.settle()
        return self.state

    def _next_rung(self) -> Rung | None:
        s = self.state
        if s.status is not HazardStatus.RESOLVING or s.five_ones is None:
            return None
        limits = [Limit(None, s.five_ones.deadline)]
        return next_rung(s.start.ladder, limits, s.fired_steps, self._working)

    def _next_timer(self) -> tuple[datetime | None, str]:
        s = self.state
        rung = self._next_rung()
        if rung is not None:
            return rung.due, rung.key
        if (
            s.status is HazardStatus.RESOLVED
            and s.follow_up_due
            and "follow_up" not in s.fired_steps
        ):
            return s.follow_up_due, "follow_up"
        return None, ""

    async def _fire(self, action: str) -> None:
        if action != "follow_up":
            rung = self._next_rung()
            if rung is not None and rung.key == action:  # the caller checked it is next
                await climb(rung, self.state.fired_steps, self._record_rung, self._background)
            return
        self.state.fired_steps.append(action)
        await self._record(
            "follow_up_due", "system", {}, message=f"隐患 {self.state.start.number} 已到回头看时间"
        )

    async def _record_rung(self, rung: Rung) -> tuple[WebhookInput, ...]:
        step, deadline = rung.step, rung.limit.deadline
        outcome = await self._record(
            f"escalation_{step.action.value}",
            "system",
            {"step": step.key, "deadline": str(deadline)},
            office=step.action.value != "remind",
            message=f"【{step.label}】隐患 {self.state.start.number} 化解时限 {deadline}",
            step=step,
        )
        return outcome.webhooks if outcome else ()  # runs from before hazards had webhooks

    async def _record(
        self,
        kind: str,
        actor: str,
        detail: dict[str, Any],
        *,
        office: bool = False,
        message: str | None = None,
        step: EscalationStep | None = None,
    ) -> HazardOutcome | None:
        self.state.event_seq += 1
        return await workflow.execute_local_activity_method(
            HazardActivities.record,
            HazardChange(
                event_key=f"{self.state.start.hazard_id}:e{self.state.event_seq}",
                kind=kind,
                actor=actor,
                at=workflow.now(),
                detail=detail,
                state=self.state,
                notify_office=office,
                message=message,
                step=step,
            ),
            start_to_close_timeout=LEDGER_TIMEOUT,
            retry_policy=LEDGER_RETRY,
        )

    @workflow.update
    async def set_plan(self, body: PlanInput) -> HazardState:
        """五个一 and 四包; a new deadline restarts the ladder."""
        async with self._acting():
            checked(lambda: check_plan(self.state, body.actor))
            self.state.five_ones = body.five_ones
            self.state.four_packages = body.four_packages
            self.state.status = HazardStatus.RESOLVING
            self.state.fired_steps = []
            await self._record(
                "planned",
                body.actor.username,
                {
                    "five_ones": body.five_ones.model_dump(mode="json"),
                    "four_packages": body.four_packages.model_dump(mode="json"),
                },
            )
            self._changed = True
        return self.state

    @set_plan.validator
    def _v_plan(self, body: PlanInput) -> None:
        checked(lambda: check_plan(self.state, body.actor))

    @workflow.update
    async def resolve(self, body: NoteInput) -> HazardState:
        async with self._acting():
            checked(lambda: check_resolve(self.state, body.actor))
            self.state.status = HazardStatus.RESOLVED
            self.state.resolved_at = workflow.now()
            self.state.follow_up_due = workflow.now() + timedelta(
                days=self.state.start.follow_up_days
            )
            await self._record(
                "resolved",
                body.actor.username,
                {"note": body.note},
                office=True,
                message=f"隐患 {self.state.start.number} 已化解",
            )
            self._changed = True
        return self.state

    @resolve.validator
    def _v_resolve(self, body: NoteInput) -> None:
        checked(lambda: check_resolve(self.state, body.actor))

    @workflow.update
    async def follow_up(self, body: CheckInput) -> HazardState:
        async with self._acting():
            checked(lambda: check_follow_up(self.state, body.actor))
            if body.passed:
                self.state.status = HazardStatus.CLOSED
                await self._record("closed", body.actor.username, {"note": body.note})
            else:
                self.state.status = HazardStatus.RESOLVING
                self.state.reopened += 1
                self.state.follow_up_due = None
                self.state.fired_steps = [f for f in self.state.fired_steps if f != "follow_up"]
                await self._record(
                    "reopened",
                    body.actor.username,
                    {"note": body.note},
                    office=True,
                    message=f"隐患 {self.state.start.number} 回头看未通过，重新化解：{body.note}",
                )
            self._changed = True
        return self.state

    @follow_up.validator
    def _v_follow_up(self, body: CheckInput) -> None:
        checked(lambda: check_follow_up(self.state, body.actor))

    @workflow.query
    def current(self) -> HazardState:
        return self.state
