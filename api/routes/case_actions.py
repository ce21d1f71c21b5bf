"""Actions on a case, each a Temporal Update on its workflow (403/409/422 from its rules)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from api.case_views import visible_case
from api.decisions import DecisionBody
from api.deps import Actor, CurrentActor, SessionDep, TemporalDep
from api.errors import ApiError
from api.routing import resource_router
from api.task_commands import actor_ref
from api.updates import run_update
from domain.cases.settlement import Payer, Payment, TerminalRoute
from domain.cases.state import (
    STATUS_LABELS,
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
from ledger.files import service as files
from ledger.units import service as units
from workflows.client import CaseUpdate, UpdateName

router = resource_router("cases", "欠薪案件")
Arg = TypeVar("Arg")


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RouteBody(Body):
    unit: str
    note: str = Field(default="", max_length=1000)


class ReasonBody(Body):
    reason: str = Field(min_length=2, max_length=2000)


class VerifyBody(Body):
    workers: int = Field(ge=1, le=100_000)
    amount: Decimal = Field(gt=0, decimal_places=2)
    note: str = Field(default="", max_length=2000)


class UnfoundedBody(Body):
    reason: str = Field(min_length=2, max_length=2000)
    evidence: list[str] = Field(min_length=1, max_length=20, description="已上传附件 id")


class PaymentBody(Body):
    amount: Decimal = Field(gt=0, decimal_places=2)
    payer: Payer
    workers: int = Field(default=0, ge=0)
    note: str = Field(default="", max_length=500)


class RevisionBody(Body):
    amount: Decimal = Field(gt=0, decimal_places=2)
    reason: str = Field(min_length=2, max_length=2000)


class MeasureBody(Body):
    kind: Literal["mediation", "order_to_pay", "enforcement"]
    due: date | None = None
    note: str = Field(default="", max_length=2000)


class TransferBody(Body):
    route: Literal[TerminalRoute.POLICE, TerminalRoute.COURT]
    reason: str = Field(min_length=2, max_length=2000)


class FollowUpBody(Body):
    passed: bool
    note: str = Field(min_length=2, max_length=2000)


class CaseAction(BaseModel):
    id: str
    case_number: str
    status: str
    handling_unit: str | None
    verified_amount: Decimal | None
    paid_amount: Decimal
    route: str | None
    major: bool
    request_id: str | None = Field(default=None, description="新提出的延期申请编号")


def _answer(state: CaseState, request_id: str | None) -> CaseAction:
    return CaseAction(
        id=state.start.case_id,
        case_number=state.start.case_number,
        status=state.status.value,
        handling_unit=state.handling_unit,
        verified_amount=state.verified_amount,
        paid_amount=sum((p.amount for p in state.payments), Decimal("0.00")),
        route=state.route.value if state.route else None,
        major=state.is_major,
        request_id=request_id,
    )


async def _act(
    session: AsyncSession,
    client: Client,
    actor: Actor,
    case_id: str,
    update: UpdateName[Arg, CaseState],
    body: Callable[[], Arg],
    request_id: str | None = None,
) -> CaseAction:
    case = await visible_case(session=session, actor=actor, case_id=case_id)
    label = STATUS_LABELS.get(CaseStatus(case.status), case.status)
    state = await run_update(
        client,
        case.id,
        update,
        body(),
        when_finished=ApiError(409, "case_finished", f"案件{label}，不能再操作"),
    )
    return _answer(state, request_id)


@router.post("/{case_id}/route", response_model=CaseAction, summary="分派承办单位")
async def route_case(
    case_id: str, body: RouteBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    if await units.get(session=session, code=body.unit) is None:
        raise ApiError(422, "unknown_unit", f"unit: 单位编码 {body.unit} 不存在")
    chain = tuple(await units.ancestors(session=session, code=body.unit))
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.ROUTE,
        lambda: RouteInput(
            actor=actor_ref(actor), unit=body.unit, unit_ancestors=chain, note=body.note
        ),
    )


@router.post("/{case_id}/accept", response_model=CaseAction, summary="受理")
async def accept_case(
    case_id: str, body: ReasonBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.ACCEPT,
        lambda: ReasonInput(actor=actor_ref(actor), reason=body.reason),
    )


@router.post("/{case_id}/return", response_model=CaseAction, summary="退回（说明理由）")
async def return_case(
    case_id: str, body: ReasonBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.RETURN,
        lambda: ReasonInput(actor=actor_ref(actor), reason=body.reason),
    )


@router.post("/{case_id}/verify", response_model=CaseAction, summary="核实（人数与金额）")
async def verify_case(
    case_id: str, body: VerifyBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.VERIFY,
        lambda: VerifyInput(
            actor=actor_ref(actor), workers=body.workers, amount=body.amount, note=body.note
        ),
    )


@router.post("/{case_id}/dismiss", response_model=CaseAction, summary="核实不属实（附证据）")
async def dismiss_case(
    case_id: str, body: UnfoundedBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    for index, attachment_id in enumerate(body.evidence):
        if await files.get(session=session, attachment_id=attachment_id) is None:
            raise ApiError(
                422, "unknown_attachment", f"evidence[{index}]: 附件 {attachment_id} 不存在"
            )
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.UNFOUNDED,
        lambda: UnfoundedInput(
            actor=actor_ref(actor), reason=body.reason, evidence=tuple(body.evidence)
        ),
    )


@router.post("/{case_id}/payments", response_model=CaseAction, status_code=201, summary="登记支付")
async def record_payment(
    case_id: str, body: PaymentBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    paid = Payment(
        payment_id=uuid.uuid4().hex[:16],
        amount=body.amount,
        payer=body.payer,
        workers=body.workers,
        note=body.note,
    )
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.RECORD_PAYMENT,
        lambda: PaymentInput(actor=actor_ref(actor), payment=paid),
    )


@router.post(
    "/{case_id}/amount-revisions",
    response_model=CaseAction,
    status_code=201,
    summary="修正核实金额（留痕）",
)
async def revise_amount(
    case_id: str, body: RevisionBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.REVISE_AMOUNT,
        lambda: RevisionInput(actor=actor_ref(actor), amount=body.amount, reason=body.reason),
    )


@router.post(
    "/{case_id}/measures", response_model=CaseAction, status_code=201, summary="记录化解措施"
)
async def add_measure(
    case_id: str, body: MeasureBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.ADD_MEASURE,
        lambda: MeasureInput(actor=actor_ref(actor), kind=body.kind, due=body.due, note=body.note),
    )


@router.post(
    "/{case_id}/transfer", response_model=CaseAction, summary="移送公安 / 申请法院强制执行"
)
async def transfer_case(
    case_id: str, body: TransferBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.TRANSFER,
        lambda: TransferInput(actor=actor_ref(actor), route=body.route, reason=body.reason),
    )


@router.post("/{case_id}/close", response_model=CaseAction, summary="办结（不解决不销账）")
async def close_case(
    case_id: str, body: ReasonBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.CLOSE,
        lambda: ReasonInput(actor=actor_ref(actor), reason=body.reason),
    )


@router.post(
    "/{case_id}/follow-ups", response_model=CaseAction, status_code=201, summary="回头看结果"
)
async def follow_up_case(
    case_id: str, body: FollowUpBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.FOLLOW_UP,
        lambda: FollowUpInput(actor=actor_ref(actor), passed=body.passed, note=body.note),
    )


@router.post("/{case_id}/escalate", response_model=CaseAction, summary="升级为重大案件（说明理由）")
async def escalate_case(
    case_id: str, body: ReasonBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.ESCALATE,
        lambda: ReasonInput(actor=actor_ref(actor), reason=body.reason),
    )


@router.post(
    "/{case_id}/extension-requests",
    response_model=CaseAction,
    status_code=201,
    summary="申请延长办结期限（限批准一次；编号见 request_id）",
)
async def request_case_extension(
    case_id: str, body: ReasonBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseAction:
    request_id = uuid.uuid4().hex[:12]
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.REQUEST_EXTENSION,
        lambda: CaseExtensionRequestInput(
            actor=actor_ref(actor), reason=body.reason, request_id=request_id
        ),
        request_id,
    )


@router.post(
    "/{case_id}/extension-requests/{request_id}/decision",
    response_model=CaseAction,
    summary="审批延期申请（领导小组办公室）",
)
async def decide_case_extension(
    case_id: str,
    request_id: str,
    body: DecisionBody,
    actor: CurrentActor,
    session: SessionDep,
    client: TemporalDep,
) -> CaseAction:
    return await _act(
        session,
        client,
        actor,
        case_id,
        CaseUpdate.DECIDE_EXTENSION,
        lambda: DecisionInput(
            actor=actor_ref(actor), approve=body.approve, reason=body.reason, request_id=request_id
        ),
        request_id,
    )
