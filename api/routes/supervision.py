"""The office's supervision list (督办) and accountability records (问责)."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from api.case_views import CaseRead
from api.deps import CurrentActor, SessionDep
from api.errors import ApiError
from domain.units.roles import Role
from ledger.cases import service as cases
from ledger.cases.tables import OPEN_STATUSES
from ledger.tasks import queries as task_queries

router = APIRouter(prefix="/api/v1/supervision", tags=["督办"])


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
    reason: str


@router.get("", response_model=list[SupervisionRead], summary="督办与问责清单（办公室、领导）")
async def supervision(
    actor: CurrentActor, session: SessionDep, campaign: str | None = None
) -> list[SupervisionRead]:
    if actor.role not in (Role.OFFICE, Role.LEADER):
        raise ApiError(403, "forbidden_role", "督办清单仅限领导小组办公室和领导查看")
    rows = await task_queries.supervision_list(session=session, campaign=campaign)
    return [SupervisionRead.model_validate(r) for r in rows]


@router.get("/cases", response_model=list[CaseRead], summary="挂牌督办的重大案件（办公室、领导）")
async def supervised_cases(actor: CurrentActor, session: SessionDep) -> list[CaseRead]:
    if actor.role not in (Role.OFFICE, Role.LEADER):
        raise ApiError(403, "forbidden_role", "督办清单仅限领导小组办公室和领导查看")
    found, _ = await cases.search(
        session=session,
        f=cases.CaseFilter(major=True, statuses=OPEN_STATUSES),
        limit=1000,
        offset=0,
    )
    return [CaseRead.model_validate(c) for c in found]
