"""One wage-arrears case from registration to closure and the check afterwards (回头看).

Two time limits run on the ladder — accept within 5 working days, close within 60 — each
step recorded once. Closing is refused unless the workers are paid or a terminal route is
recorded (不解决不销账). Major cases are detected at intake and on every change.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime

from temporalio import workflow

from domain.calendar.workdays import WorkingCalendar
from domain.cases import rules, transitions
from domain.cases.major import major_reasons
from domain.cases.records import CaseChange, RecordOutcome
from domain.cases.state import (
    CaseExtensionRequestInput,
    CaseState,
    CaseStatus,
    DecisionInput,
    FollowUpInput,
    MeasureInput,
    PaymentInput,
    ReasonInput,
    RevisionInput,
    RouteInput,
    TransferInput,
    UnfoundedInput,
    VerifyInput,
)
from domain.cases.transitions import CaseEvent
from domain.escalation import EscalationStep, Recipient
from domain.ladder import Limit, Rung, next_rung
from domain.reports.requests import SpecialInput
from domain.tasks.model import ActorRef
from domain.tasks.records import WebhookInput
from workflows.background import Background
from workflows.errors import checked
from workflows.handlers import acting
from workflows.ladder import LEDGER_RETRY, LEDGER_TIMEOUT, climb
from workflows.timers import Turns, timer_won

with workflow.unsafe.imports_passed_through():
    from activities.cases import CaseActivities

ACCEPT_STATES = (CaseStatus.REGISTERED, CaseStatus.ROUTED)
SPECIAL_REPORTS = "special-reports"


@workflow.defn(name="Case")
class CaseWorkflow:
    @workflow.init
    def __init__(self, state: CaseState) -> None:
        self.state = state
        self._changed = False
        self._lock = asyncio.Lock()
        settings = state.start.settings
        self._working = WorkingCalendar(settings.calendar, sealed=settings.calendar_sealed)
        self._registered = state.event_seq > 0
        self._background = Background()
        self._turns = Turns()

    def _acting(self) -> AbstractAsyncContextManager[None]:
        return acting(self._lock, lambda: self._registered)

    # ---- timers ------------------------------------------------------------------------

    @workflow.run
    async def run(self, state: CaseState) -> CaseState:
        self._turns.begin()
        if self.state.event_seq == 0:
            await self._record(self.state.start.registered_by, CaseEvent("registered", {}))
            await self._check_major("system")
        self._registered = True
        while self.state.status is not CaseStatus.FINISHED:
            due, action = self._next_timer()
            self._changed = False
            fired = await timer_won(due, lambda: self._changed or self._turns.due())
            if fired:
                async with self._lock:
                    if self._next_timer() == (due, action):
                        await self._fire(action)
            await self._turns.end(self.state, self._background.settle, after_timer=fired)
        await self._background.settle()
        return self.state

    @property
    def _number(self) -> str:
        return self.state.start.case_number

    def _limits(self) -> list[Limit]:
        s = self.state
        active = []
        if s.status in ACCEPT_STATES:
            active.append(Limit("accept", s.accept_deadline))
        if s.status in rules.OPEN:
            active.append(Limit("close", s.close_deadline))
        return active

    def _next_rung(self) -> Rung | None:
        ladder = self.state.start.settings.ladder
        return next_rung(ladder, self._limits(), self.state.fired_steps, self._working)

    def _next_timer(self) -> tuple[datetime | None, str]:
        rung = self._next_rung()
        candidates = [(rung.due, rung.key)] if rung else []
        due = self.state.follow_up_due
        if due is not None and "follow_up" not in self.state.fired_steps:
            candidates.append((due, "follow_up"))
        if not candidates:
            return None, ""
        return min(candidates)

    async def _fire(self, action: str) -> None:
        if action != "follow_up":
            rung = self._next_rung()
            if rung is not None and rung.key == action:  # the caller checked it is next
                await climb(rung, self.state.fired_steps, self._record_rung, self._background)
            return
        self.state.fired_steps.append(action)
        message = f"案件 {self._number} 已到回头看时间，请核查工资是否足额到位"
        units = (self.state.responsible_unit,)
        await self._record("system", CaseEvent("follow_up_due", {}, units=units, message=message))

    async def _record_rung(self, rung: Rung) -> tuple[WebhookInput, ...]:
        step, limit = rung.step, rung.limit
        what = "受理" if limit.name == "accept" else "办结"
        event = CaseEvent(
            f"escalation_{step.action.value}",
            {"limit": limit.name, "step": step.key, "deadline": limit.deadline.isoformat()},
            units=(self.state.responsible_unit,),
            leader=Recipient.LEADER in step.recipients,
            message=f"【{step.label}】案件 {self._number} {what}期限 {limit.deadline}",
        )
        return (await self._record("system", event, step=step)).webhooks

    # ---- ledger writes -------------------------------------------------------------------

    async def _record(
        self, actor: str, event: CaseEvent, step: EscalationStep | None = None
    ) -> RecordOutcome:
        self.state.event_seq += 1
        return await workflow.execute_local_activity_method(
            CaseActivities.record,
            CaseChange(
                event_key=f"{self.state.start.case_id}:e{self.state.event_seq}",
                kind=event.kind,
                actor=actor,
                at=workflow.now(),
                detail=event.detail,
                state=self.state,
                payment=event.payment,
                notify_units=event.units,
                notify_office=event.office,
                notify_leader=event.leader,
                message=event.message,
                step=step,
            ),
            start_to_close_timeout=LEDGER_TIMEOUT,
            retry_policy=LEDGER_RETRY,
        )

    async def _check_major(self, actor: str) -> None:
        """Evaluate the rule on the latest figures; a newly major case goes to a leader."""
        s = self.state
        intake = s.start.intake
        reasons = major_reasons(
            s.start.settings.major_rule,
            workers=s.verified_workers or intake.workers_affected,
            amount=s.verified_amount or intake.amount_claimed,
            project_type=intake.project.type if intake.project else None,
            group_incident=intake.group_incident,
            extreme_incident=intake.extreme_incident,
        )
        event = transitions.mark_major(s, reasons)
        if event is None:
            return
        await self._record(actor, event)
        if workflow.patched(SPECIAL_REPORTS):  # histories from before 专报 replay without it
            self._background.special_reports(
                SpecialInput(case_id=s.start.case_id, at=workflow.now())
            )

    # ---- updates ---------------------------------------------------------------------------

    async def _act(
        self, actor: ActorRef, check: Callable[[], None], change: Callable[[], CaseEvent]
    ) -> CaseState:
        """Check under the lock, change the state, record the event; then, as the event
        asks, re-run the major-case rule and wake the timer loop."""
        async with self._acting():
            checked(check)
            event = change()
            await self._record(actor.username, event)
            if event.check_major:
                await self._check_major(actor.username)
            if event.moved:
                self._changed = True
        return self.state

    @workflow.update
    async def route(self, body: RouteInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_route(self.state, body.actor, body.unit),
            lambda: transitions.route(self.state, body),
        )

    @route.validator
    def _v_route(self, body: RouteInput) -> None:
        checked(lambda: rules.check_route(self.state, body.actor, body.unit))

    @workflow.update
    async def accept(self, body: ReasonInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_accept(self.state, body.actor),
            lambda: transitions.accept(self.state, body),
        )

    @accept.validator
    def _v_accept(self, body: ReasonInput) -> None:
        checked(lambda: rules.check_accept(self.state, body.actor))

    @workflow.update
    async def return_case(self, body: ReasonInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_return(self.state, body.actor),
            lambda: transitions.return_case(self.state, body),
        )

    @return_case.validator
    def _v_return(self, body: ReasonInput) -> None:
        checked(lambda: rules.check_return(self.state, body.actor))

    @workflow.update
    async def verify(self, body: VerifyInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_verify(self.state, body.actor),
            lambda: transitions.verify(self.state, body),
        )

    @verify.validator
    def _v_verify(self, body: VerifyInput) -> None:
        checked(lambda: rules.check_verify(self.state, body.actor))

    @workflow.update
    async def unfounded(self, body: UnfoundedInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_unfounded(self.state, body.actor),
            lambda: transitions.unfounded(self.state, body),
        )

    @unfounded.validator
    def _v_unfounded(self, body: UnfoundedInput) -> None:
        checked(lambda: rules.check_unfounded(self.state, body.actor))

    def _payment_rule(self, body: PaymentInput) -> None:
        p = body.payment
        rules.check_payment(self.state, body.actor, p.amount, p.payment_id)

    @workflow.update
    async def record_payment(self, body: PaymentInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: self._payment_rule(body),
            lambda: transitions.record_payment(self.state, body),
        )

    @record_payment.validator
    def _v_payment(self, body: PaymentInput) -> None:
        checked(lambda: self._payment_rule(body))

    @workflow.update
    async def revise_amount(self, body: RevisionInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_revision(self.state, body.actor, body.amount),
            lambda: transitions.revise_amount(self.state, body),
        )

    @revise_amount.validator
    def _v_revision(self, body: RevisionInput) -> None:
        checked(lambda: rules.check_revision(self.state, body.actor, body.amount))

    @workflow.update
    async def add_measure(self, body: MeasureInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_measure(self.state, body.actor),
            lambda: transitions.add_measure(self.state, body),
        )

    @add_measure.validator
    def _v_measure(self, body: MeasureInput) -> None:
        checked(lambda: rules.check_measure(self.state, body.actor))

    @workflow.update
    async def transfer(self, body: TransferInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_transfer(self.state, body.actor),
            lambda: transitions.transfer(self.state, body),
        )

    @transfer.validator
    def _v_transfer(self, body: TransferInput) -> None:
        checked(lambda: rules.check_transfer(self.state, body.actor))

    @workflow.update
    async def close(self, body: ReasonInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_close(self.state, body.actor),
            lambda: transitions.close(self.state, body, workflow.now()),
        )

    @close.validator
    def _v_close(self, body: ReasonInput) -> None:
        checked(lambda: rules.check_close(self.state, body.actor))

    @workflow.update
    async def request_extension(self, body: CaseExtensionRequestInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_extension_request(self.state, body.actor),
            lambda: transitions.request_extension(self.state, body),
        )

    @request_extension.validator
    def _v_request_extension(self, body: CaseExtensionRequestInput) -> None:
        checked(lambda: rules.check_extension_request(self.state, body.actor))

    @workflow.update
    async def decide_extension(self, body: DecisionInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_extension_decision(self.state, body),
            lambda: transitions.decide_extension(self.state, body, self._working, workflow.now()),
        )

    @decide_extension.validator
    def _v_decide_extension(self, body: DecisionInput) -> None:
        checked(lambda: rules.check_extension_decision(self.state, body))

    @workflow.update
    async def follow_up(self, body: FollowUpInput) -> CaseState:
        return await self._act(
            body.actor,
            lambda: rules.check_follow_up(self.state, body.actor),
            lambda: transitions.follow_up(self.state, body),
        )

    @follow_up.validator
    def _v_follow_up(self, body: FollowUpInput) -> None:
        checked(lambda: rules.check_follow_up(self.state, body.actor))

    @workflow.update
    async def escalate(self, body: ReasonInput) -> CaseState:
        """Any case can be taken to the major-case track by hand, with a reason."""
        async with self._acting():
            checked(lambda: rules.check_escalate(self.state, body.actor))
            self.state.escalated_by_hand = body.reason
            await self._check_major(body.actor.username)
        return self.state

    @escalate.validator
    def _v_escalate(self, body: ReasonInput) -> None:
        checked(lambda: rules.check_escalate(self.state, body.actor))

    @workflow.update
    async def registration(self) -> CaseState:
        """The answer of Update-With-Start: the case as registered (or as it already was)."""
        await workflow.wait_condition(lambda: self._registered)
        return self.state

    @workflow.query
    def current(self) -> CaseState:
        return self.state
