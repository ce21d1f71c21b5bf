"""Bulk registration of clue files (.xlsx/.csv as the national platform exports them)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import Actor, CurrentActor, SessionDep, TemporalDep
from api.errors import ApiError
from api.routing import resource_router
from documents.case_import_file import read_case_file
from domain.cases.imports import ImportPage
from ledger.cases import imports as case_imports
from ledger.cases.imports_table import CaseImport
from ledger.cases.intake import TERRITORY_KINDS
from ledger.units import service as units
from workflows.client import start_case_import

router = resource_router("cases/imports", "欠薪案件")

MAX_BYTES = 20 * 1024 * 1024


class ImportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    filename: str
    status: str
    total_rows: int
    valid_rows: int
    registered: int
    existing: int
    errors: list[dict[str, Any]]
    created_at: datetime
    finished_at: datetime | None


async def _own_import(session: AsyncSession, actor: Actor, import_id: str) -> CaseImport:
    job = await session.get(CaseImport, import_id)
    if job is None:
        raise ApiError(404, "import_not_found", f"导入任务 {import_id} 不存在")
    if job.uploaded_by != actor.username and actor.role.value not in ("office", "leader"):
        raise ApiError(403, "forbidden", "只能查看本人提交的导入任务")
    return job


@router.post("", response_model=ImportRead, status_code=202, summary="批量导入线索（.xlsx/.csv）")
async def import_cases(
    file: UploadFile, actor: CurrentActor, session: SessionDep, client: TemporalDep
) -> ImportRead:
    if actor.unit is None:
        raise ApiError(403, "no_unit", "账号未关联单位，不能登记案件（首问负责须落实到单位）")
    content = await file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ApiError(413, "too_large", "文件不能超过 20 MB")
    parsed = read_case_file(
        content,
        file.filename or "",
        district_lookup=await units.name_lookup(session=session, kinds=TERRITORY_KINDS),
        now=datetime.now(UTC),
    )
    file_errors = [e for e in parsed.errors if e.row == 0]
    if file_errors:
        raise ApiError(
            422, "invalid_file", file_errors[0].message, [e.model_dump() for e in file_errors]
        )
    job = CaseImport(
        id=uuid.uuid4().hex,
        filename=(file.filename or "导入文件")[:300],
        uploaded_by=actor.username,
        receiving_unit=actor.unit,
        status="running" if parsed.rows else "done",
        total_rows=len(parsed.rows) + len({e.row for e in parsed.errors}),
        valid_rows=len(parsed.rows),
        errors=[e.model_dump() for e in parsed.errors],
        finished_at=None if parsed.rows else datetime.now(UTC),
    )
    await case_imports.create(
        session=session, job=job, rows=[(r.row, r.intake) for r in parsed.rows]
    )
    await session.commit()
    if parsed.rows:
        await start_case_import(client, ImportPage(import_id=job.id))
    return ImportRead.model_validate(job)


@router.get("/{import_id}", response_model=ImportRead, summary="导入进度与逐行错误")
async def import_progress(import_id: str, actor: CurrentActor, session: SessionDep) -> ImportRead:
    return ImportRead.model_validate(await _own_import(session, actor, import_id))
