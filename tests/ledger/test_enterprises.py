"""The enterprise registry keeps each credit code once, under its latest name."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from ledger.enterprises import service as enterprises
from ledger.enterprises.tables import Enterprise
from tests.workflows.case_fixtures import VALID_USCC


async def test_an_enterprise_is_kept_once_under_its_latest_name(db_session: AsyncSession) -> None:
    for name in ("天津某劳务有限公司", "天津某劳务有限公司", "天津某建筑劳务有限公司"):
        await enterprises.upsert(session=db_session, credit_code=VALID_USCC, name=name)
    found = await db_session.get(Enterprise, VALID_USCC, populate_existing=True)
    assert found is not None and found.name == "天津某建筑劳务有限公司"
