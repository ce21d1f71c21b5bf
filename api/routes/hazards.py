"""隐患: registered from screening, handled under 五个一/四包, checked again (回头看), exported."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, TypeVar

from fastapi import Response
from pydantic import BaseModel, ConfigDict

from api.deps import Actor, CurrentActor, SessionDep, TemporalDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from api.task_commands import actor_ref
from api.updates import run_update
from documents.table_xlsx import table_workbook
from domain.hazards.available import HazardActionName, available_actions
from domain.hazards.model import (
    CheckInput,
    FiveOnes,
    FourPackages,
    HazardIntake,
    HazardStart,
    HazardState,
    HazardStatus,
    NoteInput,
    PlanInput,
    RiskLevel,
)
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.calendar import service as calendar
from ledger.cases.intake import territory_problem
from ledger.hazards import service as hazards
from ledger.hazards.export import HEADERS, export_rows
from ledger.hazards.tables import Hazard
from ledger.units import service as units
from workflows.client import HazardUpdate, UpdateName, current_state, start_hazard

router = resource_router("hazards", "隐患")
Arg = TypeVar("Arg")


class HazardRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    number: str
    status: str
    unit_code: str
    district: str
    risk: str
    employer_name: str
    employer_code: str | None
    project: str | None
    description: str
    five_ones: dict[str, Any] | None
    four_packages: dict[str, Any] | None
    deadline: date | None
    escalation: str | None
    resolved_at: datetime | None
    reopened: int
    created_at: datetime


class HazardDetail(HazardRead):
    events: list[dict[str, Any]]


class HazardRegistered(BaseModel):
    id: str
    number: str


class PlanBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    five_ones: FiveOnes
    four_packages: FourPackages


class NoteBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str


class CheckBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    passed: bool
    note: str


async def _scope(actor: Actor, session: SessionDep) -> list[str] | None:
    if actor.role is Role.UNIT:
        return [actor.unit or ""]
    if actor.role is Role.DISTRICT:
        return sorted(await units.descendants(session=session, code=actor.unit or ""))
    return None


async def _visible(actor: Actor, session: SessionDep, hazard_id: str) -> Hazard:
    hazard = await session.get(Hazard, hazard_id)
    if hazard is None:
        raise ApiError(404, "hazard_not_found", f"隐患 {hazard_id} 不存在")
    if not await actor.may_act_for(hazard.unit_code, session=session):
        raise ApiError(403, "forbidden", f"隐患 {hazard.number} 不属于您的单位")
    return hazard


@router.post("", response_model=HazardRegistered, status_code=201, summary="登记隐患")
async def register_hazard(
    body: HazardIntake, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> HazardRegistered:
    if actor.unit is None:
        raise ApiError(403, "no_unit", "账号未关联单位，不能登记隐患")
    problem = await territory_problem(session=session, code=body.district)
    if problem:
        raise ApiError(422, "unknown_district", problem)
    number = await hazards.next_number(session=session)
    start = HazardStart(
        hazard_id=f"hazard:{uuid.uuid4().hex[:12]}",
        number=number,
        intake=body,
        unit=actor.unit,
        unit_ancestors=tuple(await units.ancestors(session=session, code=actor.unit)),
        registered_by=actor.username,
        calendar=await calendar.for_workflow(session=session, around=today_in_beijing()),
        calendar_sealed=True,
    )
    await session.commit()
    await start_hazard(client, HazardState(start=start))
    return HazardRegistered(id=start.hazard_id, number=start.number)


@router.get("", response_model=Page[HazardRead], summary="隐患台账（默认本单位，新的在前）")
async def list_hazards(
    actor: CurrentActor,
    session: SessionDep,
    paging: PagingDep,
    status: HazardStatus | None = None,
    district: str | None = None,
    risk: RiskLevel | None = None,
) -> Page[HazardRead]:
    rows, total = await hazards.search(
        session=session,
        units=await _scope(actor, session),
        status=status.value if status else None,
        district=district,
        risk=risk.value if risk else None,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page[HazardRead].of([HazardRead.model_validate(h) for h in rows], total, paging)


@router.get("/export.xlsx", summary="导出隐患台账（.xlsx，中文表头）")
async def export_hazards(actor: CurrentActor, session: SessionDep) -> Response:
    rows, _ = await hazards.search(
        session=session,
        units=await _scope(actor, session),
        status=None,
        district=None,
        risk=None,
        limit=100_000,
        offset=0,
    )
    content = table_workbook("隐患台账", HEADERS, export_rows(rows))
    return Response(
        content,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": "attachment; filename*=UTF-8''hazards.xlsx"},
    )


@router.get("/{hazard_id}", response_model=HazardDetail, summary="隐患详情与全部记录")
async def hazard_detail(hazard_id: str, actor: CurrentActor, session: SessionDep) -> HazardDetail:
    hazard = await _visible(actor, session, hazard_id)
    events = [
        {"kind": e.kind, "actor": e.actor, "at": e.at, "detail": e.detail}
        for e in await hazards.events(session=session, hazard_id=hazard_id)
    ]
    return HazardDetail(**HazardRead.model_validate(hazard).model_dump(), events=events)


async def _act(
    actor: Actor,
    session: SessionDep,
    client: TemporalDep,
    hazard_id: str,
    update: UpdateName[Arg, HazardState],
    body: Arg,
) -> HazardRead:
    hazard = await _visible(actor, session, hazard_id)
    state = await run_update(
        client,
        hazard.id,
        update,
        body,
        when_finished=ApiError(409, "hazard_closed", "隐患已销号，不能再操作"),
    )
    # The ledger row plus the status the workflow has just accepted.
    return HazardRead.model_validate(hazard).model_copy(update={"status": state.status.value})


@router.post("/{hazard_id}/plan", response_model=HazardRead, summary="落实五个一、四包")
async def plan_hazard(
    hazard_id: str, body: PlanBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> HazardRead:
    return await _act(
        actor,
        session,
        client,
        hazard_id,
        HazardUpdate.SET_PLAN,
        PlanInput(
            actor=actor_ref(actor), five_ones=body.five_ones, four_packages=body.four_packages
        ),
    )


@router.post("/{hazard_id}/resolve", response_model=HazardRead, summary="化解完毕")
async def resolve_hazard(
    hazard_id: str, body: NoteBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> HazardRead:
    if len(body.note.strip()) < 2:
        raise ApiError(422, "note_required", "note: 请说明化解情况")
    return await _act(
        actor,
        session,
        client,
        hazard_id,
        HazardUpdate.RESOLVE,
        NoteInput(actor=actor_ref(actor), note=body.note),
    )


@router.post(
    "/{hazard_id}/follow-ups", response_model=HazardRead, status_code=201, summary="回头看结果"
)
async def follow_up_hazard(
    hazard_id: str, body: CheckBody, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> HazardRead:
    if len(body.note.strip()) < 2:
        raise ApiError(422, "note_required", "note: 请说明回头看情况")
    return await _act(
        actor,
        session,
        client,
        hazard_id,
        HazardUpdate.FOLLOW_UP,
        CheckInput(actor=actor_ref(actor), passed=body.passed, note=body.note),
    )


class HazardActions(BaseModel):
    actions: list[HazardActionName]


@router.get("/{hazard_id}/actions", response_model=HazardActions, summary="本账号现在可办理的操作")
async def list_hazard_actions(
    hazard_id: str, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> HazardActions:
    """The forms the web page shows; each action is still decided when it is sent."""
    hazard = await _visible(actor, session, hazard_id)
    if hazard.status == HazardStatus.CLOSED:
        return HazardActions(actions=[])
    state = await current_state(client, hazard.id, HazardState)
    return HazardActions(actions=available_actions(state, actor_ref(actor)) if state else [])
