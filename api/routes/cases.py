"""欠薪案件: registration from any channel (idempotent), lists with filters, and details."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.case_views import CaseDetail, CaseRead, detail, visible_case
from api.deps import Actor, CurrentActor, SessionDep, TemporalDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import joined, resource_router
from api.task_commands import actor_ref
from documents.table_xlsx import table_workbook
from domain.cases.available import CaseActionName, available_actions
from domain.cases.identifiers import id_number_problems
from domain.cases.intake import CaseIntake
from domain.cases.state import CaseState, CaseStatus
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.cases import service as cases
from ledger.cases.export import HEADERS, export_rows
from ledger.cases.figures import figures as case_figures_of
from ledger.cases.intake import new_case_state, territory_problem
from ledger.units import service as units
from workflows.client import current_state
from workflows.client import register_case as start_or_join_case

TAG = "欠薪案件"
case_router = resource_router("cases", TAG)
leader_router = resource_router("leader/cases", TAG)


class CaseRegistered(BaseModel):
    id: str
    case_number: str
    status: str
    created: bool
    major: bool
    major_reasons: list[str]
    accept_deadline: str
    close_deadline: str
    close_deadline_reason: str


def _refuse_bad_id_numbers(body: CaseIntake) -> None:
    """Check digits are checked where a clue enters, in the shape of any other 422."""
    found = id_number_problems(person.id_number for person in body.complainants)
    if found:
        details = [
            {"field": f"complainants[{index}].id_number", "message": problem, "type": "value_error"}
            for index, problem in found
        ]
        raise ApiError(422, "invalid_input", f"输入内容有误：{found[0][1]}", details)


@case_router.post(
    "", response_model=CaseRegistered, summary="登记案件（按来源与外部编号去重；201 为新登记）"
)
async def register_case(
    body: CaseIntake,
    actor: CurrentActor,
    session: SessionDep,
    client: TemporalDep,
    response: Response,
) -> CaseRegistered:
    if actor.unit is None:
        raise ApiError(403, "no_unit", "账号未关联单位，不能登记案件（首问负责须落实到单位）")
    _refuse_bad_id_numbers(body)
    problem = await territory_problem(session=session, code=body.district)
    if problem:
        raise ApiError(422, "unknown_district", problem)
    state = await new_case_state(
        session=session, intake=body, receiving_unit=actor.unit, registered_by=actor.username
    )
    await session.commit()  # the number is taken whether or not the case is new
    registered, created = await start_or_join_case(client, state)
    response.status_code = 201 if created else 200
    return CaseRegistered(
        id=registered.start.case_id,
        case_number=registered.start.case_number,
        status=registered.status.value,
        created=created,
        major=registered.is_major,
        major_reasons=registered.major_reasons,
        accept_deadline=registered.accept_deadline.isoformat(),
        close_deadline=registered.close_deadline.isoformat(),
        close_deadline_reason=registered.close_deadline_reason,
    )


async def _scope(actor: Actor, session: AsyncSession) -> list[str] | None:
    """A unit sees its own cases, a district its subtree, the office and leaders all."""
    if actor.role is Role.UNIT:
        return [actor.unit or ""]
    if actor.role is Role.DISTRICT:
        return sorted(await units.descendants(session=session, code=actor.unit or ""))
    return None


async def _listed(
    actor: CurrentActor,
    session: SessionDep,
    status: str | None = None,
    district: str | None = None,
    sector: str | None = None,
    source: str | None = None,
    project_type: str | None = None,
    major: bool | None = None,
    min_amount: Decimal | None = None,
    max_amount: Decimal | None = None,
    overdue: bool = False,
) -> cases.CaseFilter:
    """The list's filters within the account's scope: the list and its export share them."""
    return cases.CaseFilter(
        units=await _scope(actor, session),
        status=status,
        district=district,
        sector=sector,
        source=source,
        project_type=project_type,
        major=major,
        min_amount=min_amount,
        max_amount=max_amount,
        overdue_on=today_in_beijing() if overdue else None,
    )


ListedCases = Annotated[cases.CaseFilter, Depends(_listed)]


@case_router.get("", response_model=Page[CaseRead], summary="案件台账（默认本单位，新的在前）")
async def list_cases(f: ListedCases, session: SessionDep, paging: PagingDep) -> Page[CaseRead]:
    found, total = await cases.search(
        session=session, f=f, limit=paging.limit, offset=paging.offset
    )
    return Page[CaseRead].of([CaseRead.model_validate(c) for c in found], total, paging)


class Figures(BaseModel):
    cases: int
    workers: int
    amount_owed: Decimal
    amount_paid: Decimal
    closed: int
    closed_on_time: int
    on_time_closure_rate: Decimal | None
    major: int


@case_router.get(
    "/figures", response_model=Figures, summary="案件数据（件数、人数、金额、时限办结率）"
)
async def case_figures(
    actor: CurrentActor,
    session: SessionDep,
    district: str | None = None,
    sector: str | None = None,
    source: str | None = None,
    project_type: str | None = None,
) -> Figures:
    f = cases.CaseFilter(
        units=await _scope(actor, session),
        district=district,
        sector=sector,
        source=source,
        project_type=project_type,
    )
    return Figures(**await case_figures_of(session=session, f=f))


@case_router.get(
    "/export.xlsx", summary="导出案件台账（.xlsx，筛选条件同列表，中文表头，不含个人信息）"
)
async def export_cases(f: ListedCases, session: SessionDep) -> Response:
    found, _ = await cases.search(session=session, f=f, limit=100_000, offset=0)
    return Response(
        table_workbook("欠薪案件台账", HEADERS, export_rows(found)),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": "attachment; filename*=UTF-8''cases.xlsx"},
    )


@case_router.get("/{case_id}", response_model=CaseDetail, summary="案件详情（个人信息按权限脱敏）")
async def case_detail(case_id: str, actor: CurrentActor, session: SessionDep) -> CaseDetail:
    case = await visible_case(session=session, actor=actor, case_id=case_id)
    return await detail(session=session, actor=actor, case=case)


class CaseActions(BaseModel):
    actions: list[CaseActionName]


@case_router.get(
    "/{case_id}/actions",
    response_model=CaseActions,
    summary="本账号现在可办理的操作（按案件状态与承办单位）",
)
async def list_case_actions(
    case_id: str, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> CaseActions:
    """The forms the web page shows; each action is still decided when it is sent."""
    case = await visible_case(session=session, actor=actor, case_id=case_id)
    if case.status == CaseStatus.FINISHED:
        return CaseActions(actions=[])
    state = await current_state(client, case.id, CaseState)
    return CaseActions(actions=available_actions(state, actor_ref(actor)) if state else [])


@leader_router.get("", response_model=Page[CaseRead], summary="领导包案清单（本人，新的在前）")
async def list_leader_cases(
    actor: CurrentActor, session: SessionDep, paging: PagingDep
) -> Page[CaseRead]:
    if actor.role is not Role.LEADER:
        raise ApiError(403, "forbidden_role", "领导包案清单仅限领导账号")
    found, total = await cases.search(
        session=session,
        f=cases.CaseFilter(leader=actor.username),
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page[CaseRead].of([CaseRead.model_validate(c) for c in found], total, paging)


router = joined(case_router, leader_router)
