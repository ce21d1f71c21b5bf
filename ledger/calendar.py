"""Holiday arrangements the office loaded: they override the library and the provisional guess."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.workdays import WorkingCalendar, YearArrangement
from ledger.calendar_table import CalendarYear


async def overrides(*, session: AsyncSession) -> list[YearArrangement]:
    rows = (await session.scalars(select(CalendarYear).order_by(CalendarYear.year))).all()
    return [YearArrangement.model_validate(row.arrangement) for row in rows]


async def working_calendar(*, session: AsyncSession) -> WorkingCalendar:
    return WorkingCalendar(await overrides(session=session))


async def save(*, session: AsyncSession, arrangement: YearArrangement, loaded_by: str) -> None:
    values = {
        "year": arrangement.year,
        "arrangement": arrangement.model_dump(mode="json"),
        "loaded_by": loaded_by,
    }
    statement = insert(CalendarYear).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[CalendarYear.year],
            set_={
                "arrangement": statement.excluded.arrangement,
                "loaded_by": statement.excluded.loaded_by,
            },
        )
    )
