"""Everything a new case starts with: its number, its rules, its deadlines."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.workdays import WorkingCalendar
from domain.cases.intake import CaseIntake
from domain.cases.limits import accept_deadline, close_deadline
from domain.cases.state import CaseSettings, CaseStart, CaseState
from domain.escalation import SHANGHAI, beijing_date
from ledger.cases.settings import case_settings
from ledger.units import service as units

TERRITORY_KINDS = ("district", "town", "leading_group")  # 属地: a district, or a town


def case_id_for(intake: CaseIntake) -> str:
    """`case:{source}:{external_id}`: the same clue from the same channel is one case."""
    return f"case:{intake.source.value}:{intake.external_id}"


async def territory_problem(*, session: AsyncSession, code: str) -> str | None:
    unit = await units.get(session=session, code=code)
    if unit is None or unit.kind not in TERRITORY_KINDS:
        return f"district: {code} 不是已登记的区（或乡镇）"
    return None


async def new_case_state(
    *,
    session: AsyncSession,
    intake: CaseIntake,
    receiving_unit: str,
    registered_by: str,
    settings: CaseSettings | None = None,
) -> CaseState:
    """A numbered case ready to start; the number is used up even if the case exists already."""
    settings = settings or await case_settings(session=session, district=intake.district)
    working = WorkingCalendar(settings.calendar, sealed=settings.calendar_sealed)
    received = beijing_date(intake.received_at)
    close, why = close_deadline(
        received,
        intake.source,
        intake.project.type if intake.project else None,
        settings.limits,
        settings.goals,
        working,
    )
    number = await session.scalar(text("SELECT nextval('case_number_seq')"))
    return CaseState(
        start=CaseStart(
            case_id=case_id_for(intake),
            case_number=f"QL{datetime.now(UTC).astimezone(SHANGHAI):%Y}-{number:06d}",
            intake=intake,
            receiving_unit=receiving_unit,
            receiving_ancestors=tuple(await units.ancestors(session=session, code=receiving_unit)),
            registered_by=registered_by,
            settings=settings,
        ),
        accept_deadline=accept_deadline(received, settings.limits, working),
        close_deadline=close,
        close_deadline_reason=why,
    )
