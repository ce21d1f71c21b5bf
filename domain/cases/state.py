"""A case's life (登记 → 分派 → 核实 → 化解 → 办结 → 回头看) and everything its workflow carries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from domain.calendar.workdays import YearArrangement
from domain.cases.intake import CaseIntake, Frozen
from domain.cases.limits import DEFAULT_LIMITS, CampaignGoal, TimeLimits
from domain.cases.major import DEFAULT_MAJOR_RULE, MajorCaseRule
from domain.cases.settlement import Payment, TerminalRoute
from domain.escalation import DEFAULT_LADDER, EscalationLadder
from domain.tasks.model import ActorRef


class CaseStatus(StrEnum):
    REGISTERED = "registered"  # 已登记（首问负责：接收单位）
    ROUTED = "routed"  # 已分派，待承办单位受理
    VERIFYING = "verifying"  # 核实中
    RESOLVING = "resolving"  # 化解中
    CLOSED = "closed"  # 已办结，待回头看
    FINISHED = "finished"  # 回头看通过，已销号


STATUS_LABELS = {
    CaseStatus.REGISTERED: "已登记",
    CaseStatus.ROUTED: "已分派",
    CaseStatus.VERIFYING: "核实中",
    CaseStatus.RESOLVING: "化解中",
    CaseStatus.CLOSED: "已办结",
    CaseStatus.FINISHED: "已销号",
}


class CaseSettings(Frozen):
    """Per-campaign rules a case is handled under."""

    limits: TimeLimits = DEFAULT_LIMITS
    major_rule: MajorCaseRule = DEFAULT_MAJOR_RULE
    goals: tuple[CampaignGoal, ...] = ()
    ladder: EscalationLadder = DEFAULT_LADDER
    calendar: tuple[YearArrangement, ...] = ()
    calendar_sealed: bool = False  # True: `calendar` holds every year (WorkingCalendar sealed)


class CaseStart(Frozen):
    case_id: str  # case:{source}:{external_id}, also the workflow id
    case_number: str
    intake: CaseIntake
    receiving_unit: str  # 首问负责单位
    receiving_ancestors: tuple[str, ...] = ()
    registered_by: str
    settings: CaseSettings = CaseSettings()


class RouteInput(Frozen):
    actor: ActorRef
    unit: str
    unit_ancestors: tuple[str, ...] = ()
    note: str = Field(default="", max_length=1000)


class ReasonInput(Frozen):
    actor: ActorRef
    reason: str = Field(min_length=2, max_length=2000)


class VerifyInput(Frozen):
    actor: ActorRef
    workers: int = Field(ge=1, le=100_000)
    amount: Decimal = Field(gt=0, decimal_places=2)
    note: str = Field(default="", max_length=2000)


class UnfoundedInput(Frozen):
    actor: ActorRef
    reason: str = Field(min_length=2, max_length=2000)
    evidence: tuple[str, ...] = Field(min_length=1, description="证据附件 id")


class PaymentInput(Frozen):
    actor: ActorRef
    payment: Payment


class RevisionInput(Frozen):
    actor: ActorRef
    amount: Decimal = Field(gt=0, decimal_places=2)
    reason: str = Field(min_length=2, max_length=2000)


class MeasureInput(Frozen):
    actor: ActorRef
    kind: Literal["mediation", "order_to_pay", "enforcement"]  # 调解、责令限期支付、强制执行
    due: date | None = None
    note: str = Field(default="", max_length=2000)


class TransferInput(Frozen):
    actor: ActorRef
    route: Literal[TerminalRoute.POLICE, TerminalRoute.COURT]
    reason: str = Field(min_length=2, max_length=2000)


class CaseExtensionRequestInput(Frozen):
    actor: ActorRef
    reason: str = Field(min_length=2, max_length=2000)
    request_id: str | None = None  # None in requests sent before requests had ids


class DecisionInput(Frozen):
    actor: ActorRef
    approve: bool
    reason: str = Field(default="", max_length=2000)
    request_id: str | None = None  # the request decided; None in decisions sent before ids


class FollowUpInput(Frozen):
    actor: ActorRef
    passed: bool
    note: str = Field(min_length=2, max_length=2000)


class CaseState(BaseModel):
    """Everything the case workflow knows; carried whole through continue-as-new."""

    start: CaseStart
    status: CaseStatus = CaseStatus.REGISTERED
    handling_unit: str | None = None
    handling_ancestors: tuple[str, ...] = ()
    verified_workers: int | None = None
    verified_amount: Decimal | None = None
    payments: list[Payment] = Field(default_factory=list)
    route: TerminalRoute | None = None
    route_reason: str | None = None
    measures: list[str] = Field(default_factory=list)
    major_reasons: list[str] = Field(default_factory=list)
    escalated_by_hand: str | None = None
    major_recorded: bool = False
    task_force: list[str] = Field(default_factory=list)  # 专案组: units on the major case
    accept_deadline: date
    close_deadline: date
    close_deadline_reason: str
    extended: bool = False
    extension_reason: str | None = None  # a pending request (办结期限延长，限一次)
    extension_request_id: str | None = None  # its id (None for a request made before ids)
    fired_steps: list[str] = Field(default_factory=list)  # "{limit}:{step}"
    closed_at: datetime | None = None
    follow_up_due: datetime | None = None
    reopened: int = 0
    event_seq: int = 0

    @property
    def responsible_unit(self) -> str:
        """Whoever holds the case now: the handling unit once routed, else the receiver."""
        return self.handling_unit or self.start.receiving_unit

    @property
    def is_major(self) -> bool:
        return bool(self.major_reasons) or self.escalated_by_hand is not None
