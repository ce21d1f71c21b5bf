"""隐患 (wage-arrears hazards found in screening), handled under 五个一 and 四包 until 回头看."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from domain.calendar.workdays import YearArrangement
from domain.cases.intake import Employer, Frozen
from domain.escalation import DEFAULT_LADDER, EscalationLadder
from domain.refusal import Refusal
from domain.tasks.model import ActorRef
from domain.units.roles import Role, may_act_for


class RiskLevel(StrEnum):
    HIGH = "high"  # 高
    MEDIUM = "medium"  # 中
    LOW = "low"  # 低


class HazardStatus(StrEnum):
    REGISTERED = "registered"  # 已登记，待落实五个一
    RESOLVING = "resolving"  # 化解中
    RESOLVED = "resolved"  # 已化解，待回头看
    CLOSED = "closed"  # 回头看通过，已销号


RISK_LABELS = {RiskLevel.HIGH: "高", RiskLevel.MEDIUM: "中", RiskLevel.LOW: "低"}
STATUS_LABELS = {
    HazardStatus.REGISTERED: "已登记",
    HazardStatus.RESOLVING: "化解中",
    HazardStatus.RESOLVED: "已化解",
    HazardStatus.CLOSED: "已销号",
}


class HazardIntake(Frozen):
    employer: Employer
    project: str | None = Field(default=None, max_length=200)
    risk: RiskLevel
    description: str = Field(min_length=2, max_length=5000)
    district: str = Field(min_length=1, max_length=64)
    campaign_id: str | None = None


class FiveOnes(Frozen):
    """五个一: one plan, one responsible leader, one team, one deadline, followed to the end."""

    plan: str = Field(min_length=2, max_length=5000)  # 一套化解方案
    leader: str = Field(min_length=1, max_length=64)  # 一名责任领导
    team: tuple[str, ...] = Field(min_length=1, max_length=20)  # 一个工作专班
    deadline: date  # 一个化解时限


class FourPackages(Frozen):
    """四包: who answers for investigating, handling, keeping stable and consolidating."""

    investigate: str = Field(min_length=1, max_length=100)  # 包调查
    handle: str = Field(min_length=1, max_length=100)  # 包处理
    stabilise: str = Field(min_length=1, max_length=100)  # 包稳控
    consolidate: str = Field(min_length=1, max_length=100)  # 包巩固


class HazardStart(Frozen):
    hazard_id: str
    number: str
    intake: HazardIntake
    unit: str  # the unit that found it and answers for it (属地)
    unit_ancestors: tuple[str, ...] = ()
    registered_by: str
    follow_up_days: int = 30
    ladder: EscalationLadder = DEFAULT_LADDER
    calendar: tuple[YearArrangement, ...] = ()
    calendar_sealed: bool = False  # True: `calendar` holds every year (WorkingCalendar sealed)


class PlanInput(Frozen):
    actor: ActorRef
    five_ones: FiveOnes
    four_packages: FourPackages


class NoteInput(Frozen):
    actor: ActorRef
    note: str = Field(min_length=2, max_length=2000)


class CheckInput(Frozen):
    actor: ActorRef
    passed: bool
    note: str = Field(min_length=2, max_length=2000)


class HazardState(BaseModel):
    start: HazardStart
    status: HazardStatus = HazardStatus.REGISTERED
    five_ones: FiveOnes | None = None
    four_packages: FourPackages | None = None
    fired_steps: list[str] = Field(default_factory=list)
    resolved_at: datetime | None = None
    follow_up_due: datetime | None = None
    reopened: int = 0
    event_seq: int = 0


def _own(state: HazardState, actor: ActorRef) -> None:
    allowed = actor.role is not Role.LEADER and may_act_for(
        role=actor.role,
        own_unit=actor.unit,
        target_unit=state.start.unit,
        target_ancestors=state.start.unit_ancestors,
    )
    if not allowed:
        raise Refusal("forbidden", "forbidden", f"此隐患由单位 {state.start.unit} 负责，您无权操作")


def _status(state: HazardState, *allowed: HazardStatus) -> None:
    if state.status not in allowed:
        raise Refusal(
            "conflict", "wrong_state", f"隐患{STATUS_LABELS[state.status]}，不能执行此操作"
        )


def check_plan(state: HazardState, actor: ActorRef) -> None:
    _own(state, actor)
    _status(state, HazardStatus.REGISTERED, HazardStatus.RESOLVING)


def check_resolve(state: HazardState, actor: ActorRef) -> None:
    _own(state, actor)
    _status(state, HazardStatus.RESOLVING)


def check_follow_up(state: HazardState, actor: ActorRef) -> None:
    _own(state, actor)
    _status(state, HazardStatus.RESOLVED)
