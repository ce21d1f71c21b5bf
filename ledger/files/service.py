"""Attachment records; the bytes live in the data folder, named by their checksum."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from ledger.files.tables import Attachment


async def add(
    *,
    session: AsyncSession,
    attachment_id: str,
    filename: str,
    content_type: str,
    size: int,
    sha256: str,
    uploaded_by: str,
    unit_code: str | None,
) -> Attachment:
    attachment = Attachment(
        id=attachment_id,
        filename=filename,
        content_type=content_type,
        size=size,
        sha256=sha256,
        uploaded_by=uploaded_by,
        unit_code=unit_code,
    )
    session.add(attachment)
    await session.flush()
    return attachment


async def get(*, session: AsyncSession, attachment_id: str) -> Attachment | None:
    return await session.get(Attachment, attachment_id)
