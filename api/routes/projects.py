"""工程项目 registry: each district registers its projects, the office any district's."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Path, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import Actor, CurrentActor, SessionDep
from api.errors import ApiError
from api.indicator_common import IndicatorWriter, refuse, scoped_district
from api.paging import Page, PagingDep
from api.routing import resource_router
from domain.cases.intake import PROJECT_TYPE_LABELS, ProjectType
from domain.projects import PROJECT_CODE_PATTERN, ProjectWrite
from domain.units.roles import Role
from ledger.projects import service as projects
from ledger.projects.tables import Project
from ledger.units import service as units

router = resource_router("projects", "工程项目")

ProjectCode = Annotated[str, Path(pattern=PROJECT_CODE_PATTERN, description="项目编码")]


class ProjectRead(BaseModel):
    code: str
    name: str
    district: str
    project_type: ProjectType
    project_type_label: str
    general_contractor: str | None
    updated_by: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, project: Project) -> ProjectRead:
        return cls(
            code=project.code,
            name=project.name,
            district=project.district,
            project_type=ProjectType(project.project_type),
            project_type_label=PROJECT_TYPE_LABELS[ProjectType(project.project_type)],
            general_contractor=project.general_contractor,
            updated_by=project.updated_by,
            created_at=project.created_at,
            updated_at=project.updated_at,
        )


def _own(actor: Actor, project: Project) -> None:
    if actor.role is Role.DISTRICT and project.district != actor.unit:
        raise ApiError(
            403, "forbidden", f"项目 {project.code} 属于 {project.district}，只能查看或修改本区项目"
        )


async def _existing(session: AsyncSession, actor: Actor, code: str) -> Project:
    project = await projects.get(session=session, code=code)
    if project is None:
        raise ApiError(404, "project_not_found", f"项目编码 {code} 不存在")
    _own(actor, project)
    return project


@router.put("/{code}", response_model=ProjectRead, summary="登记或修改工程项目（201 为新登记）")
async def put_project(
    code: ProjectCode,
    body: ProjectWrite,
    actor: IndicatorWriter,
    session: SessionDep,
    response: Response,
) -> ProjectRead:
    district = await units.get(session=session, code=body.district)
    if district is None or district.kind != "district":
        refuse(422, "unknown_district", [
            {"field": "district", "message": f"未知的区：{body.district}"}
        ], "项目信息有误：")  # fmt: skip
    if actor.role is Role.DISTRICT and body.district != actor.unit:
        raise ApiError(403, "forbidden", f"只能登记本区（{actor.unit}）的项目")
    before = await projects.get(session=session, code=code)
    if before is not None:
        _own(actor, before)
    stored = await projects.upsert(session=session, code=code, spec=body, by=actor.username)
    await session.commit()
    response.status_code = 200 if before is not None else 201
    return ProjectRead.of(stored)


@router.get("", response_model=Page[ProjectRead], summary="工程项目列表；区级账号只看本区")
async def list_projects(
    actor: CurrentActor, session: SessionDep, paging: PagingDep, district: str | None = None
) -> Page[ProjectRead]:
    found, total = await projects.listed(
        session=session,
        district=scoped_district(actor, district),
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page[ProjectRead].of([ProjectRead.of(p) for p in found], total, paging)


@router.get("/{code}", response_model=ProjectRead, summary="工程项目详情")
async def get_project(code: str, actor: CurrentActor, session: SessionDep) -> ProjectRead:
    return ProjectRead.of(await _existing(session, actor, code))


@router.delete("/{code}", status_code=204, summary="删除误登记的工程项目（已有指标的不能删除）")
async def delete_project(code: str, actor: IndicatorWriter, session: SessionDep) -> Response:
    project = await _existing(session, actor, code)
    if await projects.has_indicators(session=session, code=code):
        raise ApiError(409, "project_has_indicators", f"项目 {code} 已有周指标记录，不能删除")
    await projects.delete(session=session, project=project)
    await session.commit()
    return Response(status_code=204)
