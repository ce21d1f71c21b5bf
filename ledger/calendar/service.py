"""Holiday arrangements the office loaded: they override the library and the provisional guess."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.workdays import WorkingCalendar, YearArrangement, covering_years
from ledger.calendar.tables import CalendarYear


async def overrides(*, session: AsyncSession) -> list[YearArrangement]:
    rows = (await session.scalars(select(CalendarYear).order_by(CalendarYear.year))).all()
    return [YearArrangement.model_validate(row.arrangement) for row in rows]


async def working_calendar(*, session: AsyncSession) -> WorkingCalendar:
    return WorkingCalendar(await overrides(session=session))


async def for_workflow(*, session: AsyncSession, around: date) -> tuple[YearArrangement, ...]:
    """Every year a workflow may count in, frozen as of now (see WorkingCalendar `sealed`)."""
    return frozen_for(await working_calendar(session=session), around)


def frozen_for(working: WorkingCalendar, around: date) -> tuple[YearArrangement, ...]:
    """The same, from a calendar already read (a page of tasks reads it once)."""
    return tuple(working.frozen(covering_years(around)))


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
