"""发文字号: numbered per issuing office and year, without gaps, kept by a re-run."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from ledger.reports.numbers import allocate

DAY = date(2026, 12, 7)


async def test_numbers_run_per_office_and_year_and_a_rerun_keeps_its_own(
    db_session: AsyncSession,
) -> None:
    async def number(report: str, issuer: str = "tj.office", today: date = DAY) -> tuple[int, int]:
        got = await allocate(session=db_session, report_id=report, issuer=issuer, today=today)
        return got.year, got.number

    assert await number("r1") == (2026, 1)
    assert await number("r2") == (2026, 2)
    assert await number("r1", today=date(2026, 12, 9)) == (2026, 1)  # a re-run keeps its 文号
    kept = await allocate(session=db_session, report_id="r1", issuer="tj.office", today=DAY)
    assert kept.dated == DAY  # and its 成文日期
    assert await number("b1", issuer="bz.office") == (2026, 1)  # another office counts alone
    assert await number("r3", today=date(2027, 1, 4)) == (2027, 1)  # a new year starts at 1
    assert await number("r4") == (2026, 3)


async def test_a_report_that_is_not_stored_gives_its_number_back(db_session: AsyncSession) -> None:
    await allocate(session=db_session, report_id="r1", issuer="tj.office", today=DAY)
    failed = await db_session.begin_nested()
    lost = await allocate(session=db_session, report_id="r2", issuer="tj.office", today=DAY)
    assert lost.number == 2
    await failed.rollback()  # the report's transaction failed after taking the number
    again = await allocate(session=db_session, report_id="r3", issuer="tj.office", today=DAY)
    assert again.number == 2  # no gap
