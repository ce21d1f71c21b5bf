"""Reads and writes of the 工程项目 registry (services flush, never commit)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import exists, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.projects import ProjectWrite
from ledger.indicators.tables import ProjectIndicator
from ledger.paging import scalar_page
from ledger.projects.tables import Project


async def upsert(*, session: AsyncSession, code: str, spec: ProjectWrite, by: str) -> Project:
    """Register or correct one project; the row as stored now."""
    values = {
        "code": code,
        "name": spec.name,
        "district": spec.district,
        "project_type": spec.project_type.value,
        "general_contractor": spec.general_contractor,
        "updated_by": by,
    }
    statement = insert(Project).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=[Project.code],
        set_={
            **{k: statement.excluded[k] for k in values if k != "code"},
            "updated_at": func.now(),
        },
    )
    stored = await session.scalars(
        statement.returning(Project), execution_options={"populate_existing": True}
    )
    return stored.one()


async def get(*, session: AsyncSession, code: str) -> Project | None:
    """One project by code."""
    return await session.get(Project, code)


async def listed(
    *, session: AsyncSession, district: str | None, limit: int, offset: int
) -> tuple[Sequence[Project], int]:
    """A page of all projects, or of one district's, by district then code; and their count."""
    query = select(Project).order_by(Project.district, Project.code)
    if district is not None:
        query = query.where(Project.district == district)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def districts_of(*, session: AsyncSession) -> dict[str, str]:
    """Project code → its district, for checking a week's rows without a query per row."""
    rows = await session.execute(select(Project.code, Project.district))
    return {code: district for code, district in rows}


async def has_indicators(*, session: AsyncSession, code: str) -> bool:
    """Whether weekly figures refer to the project (it may then not be deleted)."""
    query = select(exists().where(ProjectIndicator.project == code))
    return bool(await session.scalar(query))


async def delete(*, session: AsyncSession, project: Project) -> None:
    """Remove a project registered by mistake (the caller checked it has no figures)."""
    await session.delete(project)
    await session.flush()
