"""File uploads for task deliverables: stored once by SHA-256 in the data folder."""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from datetime import datetime
from pathlib import Path

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict

from api.deps import CurrentActor, SessionDep, SettingsDep
from api.errors import ApiError
from api.routing import resource_router
from ledger.files import service as files

router = resource_router("attachments", "附件")

MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1024 * 1024


class AttachmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime


def blob_path(root: Path, sha256: str) -> Path:
    return root / "files" / sha256[:2] / sha256


@router.post("", response_model=AttachmentRead, status_code=201, summary="上传附件")
async def upload_attachment(
    file: UploadFile, actor: CurrentActor, session: SessionDep, settings: SettingsDep
) -> AttachmentRead:
    root = settings.data_dir.resolve()
    (root / "files").mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=root / "files", delete=False) as spool:
        try:
            while chunk := await file.read(CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise ApiError(413, "too_large", "附件不能超过 50 MB")
                digest.update(chunk)
                spool.write(chunk)
        except BaseException:
            os.unlink(spool.name)
            raise
    if size == 0:
        os.unlink(spool.name)
        raise ApiError(422, "empty_file", "file: 附件为空")
    sha256 = digest.hexdigest()
    target = blob_path(root, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(spool.name, target)
    attachment = await files.add(
        session=session,
        attachment_id=uuid.uuid4().hex,
        filename=(file.filename or "附件")[:300],
        content_type=(file.content_type or "application/octet-stream")[:200],
        size=size,
        sha256=sha256,
        uploaded_by=actor.username,
        unit_code=actor.unit,
    )
    await session.commit()
    return AttachmentRead.model_validate(attachment)
