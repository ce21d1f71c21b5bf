"""Building blocks for case workflow tests; the caller picks the day received from the test
server's clock (tests/scenario_dates.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal

from domain.calendar.workdays import WorkingCalendar
from domain.cases.intake import CaseIntake, CaseSource, Complainant, Employer, Project, ProjectType
from domain.cases.limits import accept_deadline, close_deadline
from domain.cases.state import CaseSettings, CaseStart, CaseState
from domain.tasks.model import ActorRef
from domain.units.roles import Role

RECEIVER = ActorRef(username="hotline", role=Role.UNIT, unit="tj.rsj")
HANDLER = ActorRef(username="hp-rsj", role=Role.UNIT, unit="tj.hp.rsj")
STRANGER = ActorRef(username="hx-rsj", role=Role.UNIT, unit="tj.hx.rsj")
OFFICE = ActorRef(username="office", role=Role.OFFICE, unit="tj.office")
LEADER = ActorRef(username="leader", role=Role.LEADER, unit="tj")
VALID_USCC = "91120101MA05K2XQ3E"


def intake(
    received: date,
    *,
    workers: int = 12,
    amount: str = "186000.00",
    project_type: ProjectType = ProjectType.SOCIAL,
    group: bool = False,
    source: CaseSource = CaseSource.HOTLINE,
) -> CaseIntake:
    return CaseIntake(
        source=source,
        external_id=f"RX{uuid.uuid4().hex[:10]}",
        received_at=datetime.combine(received, time(2, 0), UTC),  # 10:00 in Beijing
        complainants=(
            Complainant(name="张建国", phone="13812345678", id_number="120101198001011234"),
        ),
        workers_affected=workers,
        amount_claimed=Decimal(amount),
        employer=Employer(name="天津某建筑劳务有限公司", credit_code=VALID_USCC),
        project=Project(
            name="和平区某安置房项目", type=project_type, general_contractor="某建工集团"
        ),
        sector="工程建设",
        district="tj.hp",
        description="农民工 12 人反映连续三个月工资未发放",
        group_incident=group,
    )


def case_state(received: date, settings: CaseSettings | None = None, **kwargs: object) -> CaseState:
    settings = settings or CaseSettings()
    data = intake(received, **kwargs)  # type: ignore[arg-type]
    calendar = WorkingCalendar(settings.calendar)
    close, why = close_deadline(
        received,
        data.source,
        data.project.type if data.project else None,
        settings.limits,
        settings.goals,
        calendar,
    )
    return CaseState(
        start=CaseStart(
            case_id=f"case:{data.source.value}:{data.external_id}",
            case_number=f"QL-TEST-{uuid.uuid4().hex[:6]}",
            intake=data,
            receiving_unit="tj.rsj",
            receiving_ancestors=("tj",),
            registered_by="hotline",
            settings=settings,
        ),
        accept_deadline=accept_deadline(received, settings.limits, calendar),
        close_deadline=close,
        close_deadline_reason=why,
    )
