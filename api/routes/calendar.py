"""The working-day calendar: the office loads a year's official arrangement (调休)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from api.deps import CurrentActor, OfficeActor, SessionDep, TemporalDep
from api.errors import ApiError, validation_details
from api.routing import resource_router
from domain.calendar.workdays import HolidaySpan, YearArrangement
from ledger.calendar import service as calendar
from workflows.client import start_calendar_broadcast

router = resource_router("calendar", "工作日历")


class ArrangementBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    holidays: list[HolidaySpan | date] = Field(default_factory=list)
    makeup_workdays: list[date] = Field(default_factory=list)
    note: str = Field(default="", max_length=500)


class YearRead(BaseModel):
    year: int
    source: str
    provisional: bool
    arrangement: YearArrangement


@router.get("/{year}", response_model=YearRead, summary="某年的工作日安排")
async def read_calendar_year(year: int, actor: CurrentActor, session: SessionDep) -> YearRead:
    if not 2000 <= year <= 2099:
        raise ApiError(422, "invalid_year", "year: 年份须在 2000–2099 之间")
    working = await calendar.working_calendar(session=session)
    return YearRead(
        year=year,
        source=working.source(year),
        provisional=working.is_provisional(year),
        arrangement=working.arrangement(year),
    )


@router.put("/{year}", response_model=YearRead, summary="载入某年官方放假安排（领导小组办公室）")
async def load_calendar_year(
    year: int, body: ArrangementBody, actor: OfficeActor, session: SessionDep, client: TemporalDep
) -> YearRead:
    try:
        arrangement = YearArrangement(
            year=year,
            holidays=body.holidays,
            makeup_workdays=body.makeup_workdays,
            source="official",
            note=body.note or f"{year} 年国务院办公厅放假安排",
        )
    except ValidationError as error:
        details = validation_details(list(error.errors()))
        raise ApiError(422, "invalid_arrangement", details[0]["message"], details) from None
    await calendar.save(session=session, arrangement=arrangement, loaded_by=actor.username)
    await session.commit()
    await start_calendar_broadcast(client, arrangement, f"calendar:{year}:{uuid.uuid4().hex[:8]}")
    working = await calendar.working_calendar(session=session)
    return YearRead(
        year=year,
        source=working.source(year),
        provisional=working.is_provisional(year),
        arrangement=arrangement,
    )
