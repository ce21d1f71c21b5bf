"""One unit's part of a measure: deadline timer, escalation ladder, and the unit's actions.

The deadline is a timer the handlers can move (extension, calendar reload): the main
loop waits for the next ladder step or for a change, whichever comes first. Every
accepted action and every step is written to the ledger by an activity whose key is
derived from the workflow id and a sequence number, so a retry writes nothing twice.
"""

from __future__ import annotations

import asyncio
from contextlib import AbstractAsyncContextManager
from typing import Any

from temporalio import workflow

from domain.calendar.workdays import WorkingCalendar
from domain.escalation import beijing_date
from domain.ladder import Limit, Rung, fired_after_move, next_rung
from domain.tasks.model import (
    TERMINAL,
    CalendarChanged,
    CancelInput,
    CompleteInput,
    ExtensionDecisionInput,
    ExtensionRequest,
    ExtensionRequestInput,
    ProgressInput,
    ReassignInput,
    TaskState,
    TaskStatus,
)
from domain.tasks.records import EscalationInput, TaskChange, TaskSnapshot, WebhookInput
from domain.tasks.rules import (
    check_cancel,
    check_complete,
    check_extension_decision,
    check_extension_request,
    check_progress,
    check_reassign,
)
from workflows.background import Background
from workflows.errors import checked
from workflows.handlers import acting
from workflows.ladder import LEDGER_RETRY, LEDGER_TIMEOUT, climb
from workflows.timers import Turns, timer_won

with workflow.unsafe.imports_passed_through():
    from activities.tasks import TaskActivities

BEIJING_DATES = "beijing-dates"  # histories from before it took the UTC date for "today"


@workflow.defn(name="DepartmentTask")
class DepartmentTaskWorkflow:
    @workflow.init
    def __init__(self, state: TaskState) -> None:
        self.state = state
        self._changed = False
        self._lock = asyncio.Lock()
        self._background = Background()
        self._working: WorkingCalendar | None = None
        self._turns = Turns()
        self._announced = state.event_seq > 0

    def _acting(self) -> AbstractAsyncContextManager[None]:
        return acting(self._lock, lambda: self._announced)

    # ---- the timer loop -------------------------------------------------------------

    @workflow.run
    async def run(self, state: TaskState) -> TaskState:
        self._turns.begin()
        if self.state.event_seq == 0:
            await self._record("created", "system", None, self.state.status, {})
        self._announced = True
        while self.state.status not in TERMINAL:
            rung = self._next_rung()
            self._changed = False
            due = rung.due if rung else None
            fired = await timer_won(due, lambda: self._changed or self._turns.due())
            if fired and rung is not None:
                async with self._lock:
                    now_next = self._next_rung()
                    if self.state.status not in TERMINAL and now_next and now_next.key == rung.key:
                        await climb(
                            rung, self.state.fired_steps, self._record_rung, self._background
                        )
            await self._turns.end(self.state, self._background.settle, after_timer=fired)
        await self._background.settle()
        return self.state

    def _calendar(self) -> WorkingCalendar:
        """Built once per arrangement set: each build recomputes a year's working days."""
        if self._working is None:
            self._working = WorkingCalendar(self.state.calendar, sealed=self.state.calendar_sealed)
        return self._working

    def _limit(self) -> Limit:
        return Limit(None, self.state.deadline, self.state.deadline_time)

    def _next_rung(self) -> Rung | None:
        return next_rung(
            self.state.spec.ladder, [self._limit()], self.state.fired_steps, self._calendar()
        )

    async def _record_rung(self, rung: Rung) -> tuple[WebhookInput, ...]:
        key = f"{self.state.spec.task_id}:d{self.state.deadline_version}:{rung.step.key}"
        outcome = await workflow.execute_local_activity_method(
            TaskActivities.escalate,
            EscalationInput(
                escalation_key=key,
                snapshot=self._snapshot(),
                step=rung.step,
                due_at=rung.due,
                at=workflow.now(),
                reason=f"任务期限 {self.state.deadline.isoformat()}，{rung.step.label}",
            ),
            start_to_close_timeout=LEDGER_TIMEOUT,
            retry_policy=LEDGER_RETRY,
        )
        return outcome.webhooks

    # ---- ledger writes -------------------------------------------------------------

    def _snapshot(self, **extra: Any) -> TaskSnapshot:
        return TaskSnapshot(
            spec=self.state.spec,
            unit=self.state.unit,
            status=self.state.status,
            progress=self.state.progress,
            deadline=self.state.deadline,
            deadline_time=self.state.deadline_time,
            pending_extension=self.state.pending_extension() is not None,
            completed_at=self.state.completed_at,
            **extra,
        )

    async def _record(
        self,
        kind: str,
        actor: str,
        from_status: TaskStatus | None,
        to_status: TaskStatus | None,
        detail: dict[str, Any],
        **options: Any,
    ) -> None:
        self.state.event_seq += 1
        snapshot_extra = options.pop("snapshot_extra", {})
        await workflow.execute_local_activity_method(
            TaskActivities.record_change,
            TaskChange(
                event_key=f"{self.state.spec.task_id}:e{self.state.event_seq}",
                kind=kind,
                actor=actor,
                at=workflow.now(),
                from_status=from_status,
                to_status=to_status,
                detail=detail,
                snapshot=self._snapshot(**snapshot_extra),
                **options,
            ),
            start_to_close_timeout=LEDGER_TIMEOUT,
            retry_policy=LEDGER_RETRY,
        )

    def _moved(self) -> None:
        self._changed = True

    # ---- updates (the unit's and the office's actions) --------------------------------

    @workflow.update
    async def progress(self, body: ProgressInput) -> TaskState:
        async with self._acting():
            checked(lambda: check_progress(self.state, body))
            before = self.state.status
            self.state.progress = body.percent
            self.state.status = TaskStatus.IN_PROGRESS
            await self._record(
                "progress",
                body.actor.username,
                before,
                self.state.status,
                {"percent": body.percent, "note": body.note},
            )
        return self.state

    @progress.validator
    def _validate_progress(self, body: ProgressInput) -> None:
        checked(lambda: check_progress(self.state, body))

    @workflow.update
    async def complete(self, body: CompleteInput) -> TaskState:
        async with self._acting():
            checked(lambda: check_complete(self.state, body))
            before = self.state.status
            self.state.status = TaskStatus.COMPLETED
            self.state.progress = 100
            self.state.completed_at = workflow.now()
            await self._record(
                "completed",
                body.actor.username,
                before,
                self.state.status,
                {
                    "note": body.note,
                    "figures": {k: str(v) for k, v in body.figures.items()},
                    "attachments": [a.model_dump() for a in body.attachments],
                    "nil_report": body.nil_report,
                },
                snapshot_extra={
                    "note": body.note,
                    "figures": dict(body.figures),
                    "nil_report": body.nil_report,
                },
                notify_office=True,
                message=f"{self.state.unit} 已完成任务：{self.state.spec.title}"
                + ("（零报告）" if body.nil_report else ""),
            )
            self._moved()
        return self.state

    @complete.validator
    def _validate_complete(self, body: CompleteInput) -> None:
        checked(lambda: check_complete(self.state, body))

    @workflow.update
    async def request_extension(self, body: ExtensionRequestInput) -> TaskState:
        async with self._acting():
            today = (
                beijing_date(workflow.now())
                if workflow.patched(BEIJING_DATES)
                else workflow.now().date()
            )
            checked(lambda: check_extension_request(self.state, body, today))
            self.state.extensions.append(
                ExtensionRequest(
                    request_id=body.request_id,
                    requested_by=body.actor.username,
                    requested_at=workflow.now(),
                    new_deadline=body.new_deadline,
                    reason=body.reason,
                )
            )
            await self._record(
                "extension_requested",
                body.actor.username,
                self.state.status,
                self.state.status,
                {
                    "request_id": body.request_id,
                    "new_deadline": body.new_deadline.isoformat(),
                    "reason": body.reason,
                },
                notify_office=True,
                message=(
                    f"{self.state.unit} 申请延期至 {body.new_deadline.isoformat()}："
                    f"{self.state.spec.title}"
                ),
            )
        return self.state

    @request_extension.validator
    def _validate_request_extension(self, body: ExtensionRequestInput) -> None:
        checked(lambda: check_extension_request(self.state, body, beijing_date(workflow.now())))

    @workflow.update
    async def decide_extension(self, body: ExtensionDecisionInput) -> TaskState:
        async with self._acting():
            checked(lambda: check_extension_decision(self.state, body))
            request = next(r for r in self.state.extensions if r.request_id == body.request_id)
            request.status = "approved" if body.approve else "refused"
            request.decided_by = body.actor.username
            request.decision_reason = body.reason
            old_deadline = self.state.deadline
            if body.approve:
                self._move_deadline(request.new_deadline)
            await self._record(
                "extension_approved" if body.approve else "extension_refused",
                body.actor.username,
                self.state.status,
                self.state.status,
                {
                    "request_id": body.request_id,
                    "from_deadline": old_deadline.isoformat(),
                    "to_deadline": self.state.deadline.isoformat(),
                    "reason": body.reason,
                },
                notify_units=(self.state.unit,),
                message=(
                    f"延期申请已{'批准' if body.approve else '驳回'}：{self.state.spec.title}"
                    f"（期限 {self.state.deadline.isoformat()}）"
                ),
            )
        return self.state

    @decide_extension.validator
    def _validate_decide_extension(self, body: ExtensionDecisionInput) -> None:
        checked(lambda: check_extension_decision(self.state, body))

    def _move_deadline(self, deadline: Any) -> None:
        """New deadline: steps already due under it stay fired; the others wait again."""
        self.state.deadline = deadline
        self.state.deadline_time = None
        self.state.deadline_version += 1
        self.state.fired_steps = fired_after_move(
            self.state.spec.ladder,
            self._limit(),
            self.state.fired_steps,
            self._calendar(),
            workflow.now(),
        )
        self._moved()

    @workflow.update
    async def reassign(self, body: ReassignInput) -> TaskState:
        async with self._acting():
            checked(lambda: check_reassign(self.state, body))
            previous = self.state.unit
            self.state.unit = body.unit
            self.state.unit_ancestors = body.unit_ancestors
            await self._record(
                "reassigned",
                body.actor.username,
                self.state.status,
                self.state.status,
                {"from_unit": previous, "to_unit": body.unit, "reason": body.reason},
                notify_units=(previous, body.unit),
                message=f"任务改派：{self.state.spec.title}（{previous} → {body.unit}）",
            )
        return self.state

    @reassign.validator
    def _validate_reassign(self, body: ReassignInput) -> None:
        checked(lambda: check_reassign(self.state, body))

    @workflow.update
    async def cancel(self, body: CancelInput) -> TaskState:
        async with self._acting():
            checked(lambda: check_cancel(self.state, body))
            before = self.state.status
            self.state.status = TaskStatus.CANCELLED
            await self._record(
                "cancelled",
                body.actor.username,
                before,
                self.state.status,
                {"reason": body.reason},
                notify_units=(self.state.unit,),
                message=f"任务已撤销：{self.state.spec.title}（{body.reason}）",
            )
            self._moved()
        return self.state

    @cancel.validator
    def _validate_cancel(self, body: CancelInput) -> None:
        checked(lambda: check_cancel(self.state, body))

    # ---- calendar ---------------------------------------------------------------------

    @workflow.signal
    def calendar_changed(self, body: CalendarChanged) -> None:
        """The office loaded a year's official arrangement: recompute the timers."""
        others = [a for a in self.state.calendar if a.year != body.arrangement.year]
        self.state.calendar = [*others, body.arrangement]
        self._working = None
        self._moved()

    @workflow.query
    def current(self) -> TaskState:
        return self.state
