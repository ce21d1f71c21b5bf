"""One wage-arrears case from registration to closure and the check afterwards (回头看).

Two time limits run on the ladder — accept within 5 working days, close within 60 — each
step recorded once. Closing is refused unless the workers are paid or a terminal route is
recorded (不解决不销账). Major cases are detected at intake and on every change.
"""

from __future__ import annotations

import asyncio
from contextlib import AbstractAsyncContextManager
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow

from domain.cases import rules
from domain.cases.major import major_reasons
from domain.cases.records import CaseChange, RecordOutcome
from domain.cases.settlement import ROUTE_LABELS, TerminalRoute, paid_total
from domain.cases.state import (
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
from domain.escalation import EscalationStep, Recipient
from domain.reports.requests import SpecialInput
from domain.task_records import WebhookInput
from domain.workdays import WorkingCalendar
from workflows.background import Background
from workflows.errors import checked
from workflows.handlers import acting
from workflows.ladder import (
    LEDGER_RETRY,
    LEDGER_TIMEOUT,
    Limit,
    Rung,
    climb,
    fired_after_move,
    next_rung,
)
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
            await self._record("registered", self.state.start.registered_by, {}, units=())
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
        await workflow.wait_condition(workflow.all_handlers_finished)
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
        await self._record(
            "follow_up_due",
            "system",
            {},
            units=(self.state.responsible_unit,),
            message=f"案件 {self._number} 已到回头看时间，请核查工资是否足额到位",
        )

    async def _record_rung(self, rung: Rung) -> tuple[WebhookInput, ...]:
        step, limit = rung.step, rung.limit
        what = "受理" if limit.name == "accept" else "办结"
        outcome = await self._record(
            f"escalation_{step.action.value}",
            "system",
            {"limit": limit.name, "step": step.key, "deadline": limit.deadline.isoformat()},
            units=(self.state.responsible_unit,),
            leader=Recipient.LEADER in step.recipients,
            message=f"【{step.label}】案件 {self._number} {what}期限 {limit.deadline}",
            step=step,
        )
        return outcome.webhooks

    # ---- ledger writes -------------------------------------------------------------------

    async def _record(
        self,
        kind: str,
        actor: str,
        detail: dict[str, Any],
        *,
        units: tuple[str, ...],
        office: bool = False,
        leader: bool = False,
        message: str | None = None,
        payment: Any = None,
        step: EscalationStep | None = None,
    ) -> RecordOutcome:
        self.state.event_seq += 1
        return await workflow.execute_local_activity_method(
            CaseActivities.record,
            CaseChange(
                event_key=f"{self.state.start.case_id}:e{self.state.event_seq}",
                kind=kind,
                actor=actor,
                at=workflow.now(),
                detail=detail,
                state=self.state,
                payment=payment,
                notify_units=units,
                notify_office=office,
                notify_leader=leader,
                message=message,
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
        s.major_reasons = reasons
        if s.is_major and not s.major_recorded:
            s.major_recorded = True
            s.task_force = list(dict.fromkeys([s.responsible_unit, intake.district]))
            why = "；".join(reasons) or f"人工升级：{s.escalated_by_hand}"
            await self._record(
                "major",
                actor,
                {"reasons": reasons, "by_hand": s.escalated_by_hand, "task_force": s.task_force},
                units=(s.responsible_unit,),
                office=True,
                leader=True,
                message=(
                    f"重大案件 {s.start.case_number}：{why}。已成立专案组、挂牌督办并由领导包案"
                ),
            )
            if workflow.patched(SPECIAL_REPORTS):  # histories from before 专报 replay without it
                self._background.special_reports(
                    SpecialInput(case_id=s.start.case_id, at=workflow.now())
                )

    # ---- updates ---------------------------------------------------------------------------

    @workflow.update
    async def route(self, body: RouteInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_route(self.state, body.actor, body.unit))
            self.state.status = CaseStatus.ROUTED
            self.state.handling_unit = body.unit
            self.state.handling_ancestors = body.unit_ancestors
            await self._record(
                "routed",
                body.actor.username,
                {"unit": body.unit, "note": body.note},
                units=(body.unit,),
                message=f"新分派案件 {self._number}，请在期限内受理",
            )
        return self.state

    @route.validator
    def _v_route(self, body: RouteInput) -> None:
        checked(lambda: rules.check_route(self.state, body.actor, body.unit))

    @workflow.update
    async def accept(self, body: ReasonInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_accept(self.state, body.actor))
            if self.state.handling_unit is None:
                self.state.handling_unit = self.state.start.receiving_unit
                self.state.handling_ancestors = self.state.start.receiving_ancestors
            self.state.status = CaseStatus.VERIFYING
            await self._record("accepted", body.actor.username, {"note": body.reason}, units=())
            self._changed = True
        return self.state

    @accept.validator
    def _v_accept(self, body: ReasonInput) -> None:
        checked(lambda: rules.check_accept(self.state, body.actor))

    @workflow.update
    async def return_case(self, body: ReasonInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_return(self.state, body.actor))
            returned_by = self.state.handling_unit
            self.state.status = CaseStatus.REGISTERED
            self.state.handling_unit = None
            self.state.handling_ancestors = ()
            await self._record(
                "returned",
                body.actor.username,
                {"unit": returned_by, "reason": body.reason},
                units=(self.state.start.receiving_unit,),
                message=f"案件 {self._number} 被 {returned_by} 退回：{body.reason}",
            )
        return self.state

    @return_case.validator
    def _v_return(self, body: ReasonInput) -> None:
        checked(lambda: rules.check_return(self.state, body.actor))

    @workflow.update
    async def verify(self, body: VerifyInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_verify(self.state, body.actor))
            self.state.verified_workers = body.workers
            self.state.verified_amount = body.amount
            self.state.status = CaseStatus.RESOLVING
            await self._record(
                "verified",
                body.actor.username,
                {"workers": body.workers, "amount": str(body.amount), "note": body.note},
                units=(),
            )
            await self._check_major(body.actor.username)
        return self.state

    @verify.validator
    def _v_verify(self, body: VerifyInput) -> None:
        checked(lambda: rules.check_verify(self.state, body.actor))

    @workflow.update
    async def unfounded(self, body: UnfoundedInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_unfounded(self.state, body.actor))
            self.state.route = TerminalRoute.UNFOUNDED
            self.state.route_reason = body.reason
            await self._record(
                "unfounded",
                body.actor.username,
                {"reason": body.reason, "evidence": list(body.evidence)},
                units=(),
            )
        return self.state

    @unfounded.validator
    def _v_unfounded(self, body: UnfoundedInput) -> None:
        checked(lambda: rules.check_unfounded(self.state, body.actor))

    @workflow.update
    async def record_payment(self, body: PaymentInput) -> CaseState:
        p = body.payment
        async with self._acting():
            checked(lambda: rules.check_payment(self.state, body.actor, p.amount, p.payment_id))
            self.state.payments.append(p)
            await self._record(
                "payment",
                body.actor.username,
                {
                    "amount": str(p.amount),
                    "payer": p.payer.value,
                    "paid_total": str(paid_total(self.state.payments)),
                },
                units=(),
                payment=p,
            )
        return self.state

    @record_payment.validator
    def _v_payment(self, body: PaymentInput) -> None:
        p = body.payment
        checked(lambda: rules.check_payment(self.state, body.actor, p.amount, p.payment_id))

    @workflow.update
    async def revise_amount(self, body: RevisionInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_revision(self.state, body.actor, body.amount))
            before = self.state.verified_amount
            self.state.verified_amount = body.amount
            await self._record(
                "amount_revised",
                body.actor.username,
                {"from": str(before), "to": str(body.amount), "reason": body.reason},
                units=(),
                office=True,
                message=(
                    f"案件 {self._number} 核实金额由 {before} 元修正为 {body.amount} 元："
                    f"{body.reason}"
                ),
            )
            await self._check_major(body.actor.username)
        return self.state

    @revise_amount.validator
    def _v_revision(self, body: RevisionInput) -> None:
        checked(lambda: rules.check_revision(self.state, body.actor, body.amount))

    @workflow.update
    async def add_measure(self, body: MeasureInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_measure(self.state, body.actor))
            self.state.measures.append(body.kind)
            detail = {
                "kind": body.kind,
                "note": body.note,
                "due": body.due.isoformat() if body.due else None,
            }
            await self._record("measure", body.actor.username, detail, units=())
        return self.state

    @add_measure.validator
    def _v_measure(self, body: MeasureInput) -> None:
        checked(lambda: rules.check_measure(self.state, body.actor))

    @workflow.update
    async def transfer(self, body: TransferInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_transfer(self.state, body.actor))
            self.state.route = body.route
            self.state.route_reason = body.reason
            await self._record(
                "transferred",
                body.actor.username,
                {"route": body.route.value, "reason": body.reason},
                units=(),
                office=True,
                message=f"案件 {self._number} {ROUTE_LABELS[body.route]}：{body.reason}",
            )
        return self.state

    @transfer.validator
    def _v_transfer(self, body: TransferInput) -> None:
        checked(lambda: rules.check_transfer(self.state, body.actor))

    @workflow.update
    async def close(self, body: ReasonInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_close(self.state, body.actor))
            self.state.status = CaseStatus.CLOSED
            self.state.closed_at = workflow.now()
            days = self.state.start.settings.limits.follow_up_days
            self.state.follow_up_due = workflow.now() + timedelta(days=days)
            await self._record(
                "closed",
                body.actor.username,
                {
                    "note": body.reason,
                    "route": self.state.route.value if self.state.route else None,
                    "paid_total": str(paid_total(self.state.payments)),
                },
                units=(),
                office=True,
                message=f"案件 {self._number} 已办结",
            )
            self._changed = True
        return self.state

    @close.validator
    def _v_close(self, body: ReasonInput) -> None:
        checked(lambda: rules.check_close(self.state, body.actor))

    @workflow.update
    async def request_extension(self, body: ReasonInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_extension_request(self.state, body.actor))
            self.state.extension_reason = body.reason
            await self._record(
                "extension_requested",
                body.actor.username,
                {"reason": body.reason},
                units=(),
                office=True,
                message=f"案件 {self._number} 申请延长办结期限：{body.reason}",
            )
        return self.state

    @request_extension.validator
    def _v_request_extension(self, body: ReasonInput) -> None:
        checked(lambda: rules.check_extension_request(self.state, body.actor))

    @workflow.update
    async def decide_extension(self, body: DecisionInput) -> CaseState:
        async with self._acting():
            checked(
                lambda: rules.check_extension_decision(
                    self.state, body.actor, body.approve, body.reason
                )
            )
            before = self.state.close_deadline
            self.state.extension_reason = None
            if body.approve:
                days = self.state.start.settings.limits.extension_working_days
                self.state.extended = True
                self.state.close_deadline = self._working.add_working_days(before, days)
                self.state.close_deadline_reason += f"，经批准延长 {days} 个工作日"
                self.state.fired_steps = fired_after_move(
                    self.state.start.settings.ladder,
                    Limit("close", self.state.close_deadline),
                    self.state.fired_steps,
                    self._working,
                    workflow.now(),
                )
            await self._record(
                "extension_approved" if body.approve else "extension_refused",
                body.actor.username,
                {
                    "from": before.isoformat(),
                    "to": self.state.close_deadline.isoformat(),
                    "reason": body.reason,
                },
                units=(self.state.responsible_unit,),
                message=(
                    f"案件 {self._number} 延期申请已{'批准' if body.approve else '驳回'}"
                    f"（办结期限 {self.state.close_deadline}）"
                ),
            )
            self._changed = True
        return self.state

    @decide_extension.validator
    def _v_decide_extension(self, body: DecisionInput) -> None:
        checked(
            lambda: rules.check_extension_decision(
                self.state, body.actor, body.approve, body.reason
            )
        )

    @workflow.update
    async def follow_up(self, body: FollowUpInput) -> CaseState:
        async with self._acting():
            checked(lambda: rules.check_follow_up(self.state, body.actor))
            if body.passed:
                self.state.status = CaseStatus.FINISHED
                await self._record(
                    "follow_up_passed", body.actor.username, {"note": body.note}, units=()
                )
            else:
                self.state.status = CaseStatus.RESOLVING
                self.state.reopened += 1
                self.state.route = None
                self.state.closed_at = None
                self.state.follow_up_due = None
                self.state.fired_steps = [f for f in self.state.fired_steps if f != "follow_up"]
                await self._record(
                    "reopened",
                    body.actor.username,
                    {"note": body.note},
                    units=(),
                    office=True,
                    message=f"案件 {self._number} 回头看未通过，已重新启动：{body.note}",
                )
            self._changed = True
        return self.state

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
