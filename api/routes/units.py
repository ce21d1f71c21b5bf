"""组织机构: read by everyone signed in, loaded by the office."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from api.deps import CurrentActor, OfficeActor, SessionDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from domain.units.model import UnitsFile
from ledger.units import service as units

router = resource_router("units", "组织机构")


class UnitRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    short_name: str | None
    level: str
    kind: str
    parent_code: str | None
    deputy_leader: bool
    head: str | None


class UnitsLoaded(BaseModel):
    loaded: int


@router.get("", response_model=Page[UnitRead], summary="单位列表（按编码）")
async def list_units(
    actor: CurrentActor, session: SessionDep, paging: PagingDep, parent: str | None = None
) -> Page[UnitRead]:
    found, total = await units.listed(
        session=session, parent=parent, limit=paging.limit, offset=paging.offset
    )
    return Page[UnitRead].of([UnitRead.model_validate(u) for u in found], total, paging)


@router.get("/{code}", response_model=UnitRead, summary="单位详情")
async def get_unit(code: str, actor: CurrentActor, session: SessionDep) -> UnitRead:
    unit = await units.get(session=session, code=code)
    if unit is None:
        raise ApiError(404, "unit_not_found", f"单位编码 {code} 不存在")
    return UnitRead.model_validate(unit)


@router.put("", response_model=UnitsLoaded, summary="导入或更新单位（领导小组办公室）")
async def load_units(body: UnitsFile, actor: OfficeActor, session: SessionDep) -> UnitsLoaded:
    problems = await units.missing_parents(session=session, units=body.units)
    if problems:
        raise ApiError(422, "unknown_parent", problems[0], problems)
    loaded = await units.upsert_many(session=session, units=body.units)
    await session.commit()
    return UnitsLoaded(loaded=loaded)
