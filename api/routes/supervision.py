"""The office's supervision list (督办) and accountability records (问责)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from api.case_views import CaseRead
from api.deps import Actor, CurrentActor, SessionDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from domain.units.roles import Role
from ledger.cases import service as cases
from ledger.cases.tables import OPEN_STATUSES
from ledger.tasks import queries as task_queries
from ledger.units import accounts

router = resource_router("supervision", "督办")


class SupervisionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    task_id: str
    campaign_id: str
    unit_code: str
    action: str
    label: str
    deadline: date
    recorded_at: datetime
    leader: str | None
    leader_name: str | None = Field(default=None, description="包案领导的姓名")
    reason: str


def _office_or_leader(actor: Actor) -> None:
    if actor.role not in (Role.OFFICE, Role.LEADER):
        raise ApiError(403, "forbidden_role", "督办清单仅限领导小组办公室和领导查看")


@router.get("", response_model=Page[SupervisionRead], summary="督办与问责清单（办公室、领导）")
async def list_supervision(
    actor: CurrentActor, session: SessionDep, paging: PagingDep, campaign: str | None = None
) -> Page[SupervisionRead]:
    _office_or_leader(actor)
    rows, total = await task_queries.supervision_list(
        session=session, campaign=campaign, limit=paging.limit, offset=paging.offset
    )
    views = [SupervisionRead.model_validate(r) for r in rows]
    names = await accounts.display_names(
        session=session, usernames=(v.leader for v in views if v.leader)
    )
    for view in views:
        view.leader_name = names.get(view.leader) if view.leader else None
    return Page[SupervisionRead].of(views, total, paging)


@router.get("/cases", response_model=Page[CaseRead], summary="挂牌督办的重大案件（办公室、领导）")
async def list_supervised_cases(
    actor: CurrentActor, session: SessionDep, paging: PagingDep
) -> Page[CaseRead]:
    _office_or_leader(actor)
    found, total = await cases.search(
        session=session,
        f=cases.CaseFilter(major=True, statuses=OPEN_STATUSES),
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page[CaseRead].of([CaseRead.model_validate(c) for c in found], total, paging)
