"""Wage-arrears cases as they stood at one instant, from their dated events and payments.

A case counts as closed at `at` when its last closure before `at` came after its last reopening;
it is major when a "major" event came before `at`; paid amounts are payments made before `at`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ARRAY, ColumnElement, RowMapping, String, any_, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.cases.intake import CaseSource
from domain.escalation import beijing_date
from domain.reports.figures import CaseFigures, ClueRow, EscalationRow, MajorCaseRow
from domain.reports.periods import ReportPeriod
from ledger.cases.tables import Case, CaseEvent, CasePayment
from ledger.reports.territory import Territory

HANDLED_KINDS = ("verified", "unfounded", "transferred", "closed")  # 核处: verified or settled


@dataclass(frozen=True)
class CaseAsOf:
    id: str
    number: str
    source: str
    district: str
    received_at: datetime
    workers: int
    claimed: Decimal
    paid: Decimal
    closed: bool
    closed_on_time: bool
    handled: bool
    major: bool
    reasons: tuple[str, ...]
    leader: str | None
    employer: str
    project_type: str | None


def covered(land: Territory) -> ColumnElement[bool]:
    """Cases of the territory by where they were received: the district or town named at
    intake, or the receiving unit — none of which later handling moves. The codes travel as
    one array parameter, so a province-wide tree fits."""
    codes = bindparam("territory", list(land.codes), type_=ARRAY(String))
    return or_(
        Case.district == any_(codes), Case.town == any_(codes), Case.receiving_unit == any_(codes)
    )


async def cases_as_of(
    *,
    session: AsyncSession,
    land: Territory,
    since: datetime,
    at: datetime,
    only: str | None = None,
) -> list[CaseAsOf]:
    """Cases of the territory received in [since, at) and registered before `at` (a clue
    imported later with an earlier date is not in an earlier report), each with its state at
    `at`; or, with `only`, that one case wherever it is. Events and payments are folded in
    the database, so a year of a city's cases never travels to Python as rows of events."""
    if only is None:
        chosen = select(Case.id).where(
            Case.received_at >= since, Case.received_at < at, covered(land)
        )
    else:
        chosen = select(Case.id).where(Case.id == only)
    events = (
        select(
            CaseEvent.case_id,
            func.min(CaseEvent.at).filter(CaseEvent.kind == "registered").label("registered"),
            func.max(CaseEvent.at).filter(CaseEvent.kind == "closed").label("closed"),
            func.max(CaseEvent.at).filter(CaseEvent.kind == "reopened").label("reopened"),
            func.bool_or(CaseEvent.kind.in_(HANDLED_KINDS)).label("handled"),
            func.bool_or(CaseEvent.kind == "major").label("major"),
        )
        .where(CaseEvent.at < at, CaseEvent.case_id.in_(chosen))
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    paid = (
        select(CasePayment.case_id, func.sum(CasePayment.amount).label("paid"))
        .where(CasePayment.at < at, CasePayment.case_id.in_(chosen))
        .group_by(CasePayment.case_id)
        .subquery()
    )
    query = (
        select(
            Case.id, Case.case_number, Case.source, Case.district, Case.received_at,
            Case.workers_claimed, Case.amount_claimed, Case.close_deadline, Case.major_reasons,
            Case.leader, Case.employer_name, Case.project_type, events.c.closed, events.c.reopened,
            events.c.handled, events.c.major, paid.c.paid,
        )
        .join(events, events.c.case_id == Case.id)  # registered before the instant
        .outerjoin(paid, paid.c.case_id == Case.id)
        .where(events.c.registered.is_not(None))
        .order_by(Case.received_at, Case.id)
    )  # fmt: skip
    return [_as_of(row) for row in (await session.execute(query)).mappings()]


def _as_of(row: RowMapping) -> CaseAsOf:
    closed = (
        row["closed"]
        if row["closed"] and (row["reopened"] is None or row["closed"] > row["reopened"])
        else None
    )
    return CaseAsOf(
        id=row["id"],
        number=row["case_number"],
        source=row["source"],
        district=row["district"],
        received_at=row["received_at"],
        workers=row["workers_claimed"],
        claimed=row["amount_claimed"],
        paid=row["paid"] or Decimal("0.00"),
        closed=closed is not None,
        closed_on_time=closed is not None and _day(closed) <= row["close_deadline"],
        handled=bool(row["handled"]),
        major=bool(row["major"]),
        reasons=tuple(row["major_reasons"] or ()),
        leader=row["leader"],
        employer=row["employer_name"],
        project_type=row["project_type"],
    )


def _day(instant: datetime) -> date:
    return beijing_date(instant)


def case_figures(cases: Sequence[CaseAsOf]) -> CaseFigures:
    return CaseFigures(
        received=len(cases),
        closed=sum(c.closed for c in cases),
        closed_on_time=sum(c.closed_on_time for c in cases),
        workers=sum(c.workers for c in cases),
        amount_claimed=sum((c.claimed for c in cases), Decimal("0.00")),
        amount_paid=sum((c.paid for c in cases), Decimal("0.00")),
        major=sum(c.major for c in cases),
    )


def major_row(c: CaseAsOf, land: Territory, leaders: dict[str, str]) -> MajorCaseRow:
    """`leaders`: username → 职务 and name, as the bulletin names the leader."""
    return MajorCaseRow(
        case_number=c.number,
        district_name=land.name(c.district),
        employer=c.employer,
        workers=c.workers,
        amount=c.claimed,
        paid=c.paid,
        status="已办结" if c.closed else "办理中",
        leader=None if c.leader is None else leaders.get(c.leader, c.leader),
        reasons=c.reasons,
    )


def clue_rows(cases: Sequence[CaseAsOf], land: Territory, since: datetime) -> tuple[ClueRow, ...]:
    """Per district: national-platform clues received since `since`, and how many are handled."""
    rows = []
    for district in land.districts:
        mine = [
            c
            for c in cases
            if c.district == district
            and c.source == CaseSource.NATIONAL_PLATFORM
            and c.received_at >= since
        ]
        rows.append(
            ClueRow(
                district=district,
                district_name=land.name(district),
                received=len(mine),
                handled=sum(c.handled for c in mine),
            )
        )
    return tuple(rows)


async def case_escalation_rows(
    *, session: AsyncSession, land: Territory, period: ReportPeriod, labels: dict[str, str]
) -> list[EscalationRow]:
    """The ladder's warnings, supervision and accountability on case limits in the period,
    named against the unit responsible for the case at the time."""
    kinds = [f"escalation_{action}" for action in ("warn", "supervise", "accountability")]
    rows = (
        await session.execute(
            select(CaseEvent.kind, CaseEvent.at, CaseEvent.detail, Case)
            .join(Case, Case.id == CaseEvent.case_id)
            .where(
                CaseEvent.kind.in_(kinds),
                CaseEvent.at >= period.start,
                CaseEvent.at < period.end,
                covered(land),
            )
            .order_by(CaseEvent.at, CaseEvent.id)
        )
    ).all()
    found = []
    for kind, at, detail, case in rows:
        unit = case.handling_unit or case.receiving_unit
        limit = "受理" if detail.get("limit") == "accept" else "办结"
        action = kind.removeprefix("escalation_")
        found.append(
            EscalationRow(
                unit=unit,
                unit_name=land.name(unit),
                action=action,
                label=labels.get(str(detail.get("step")), action),
                title=f"案件 {case.case_number}（{limit}时限）",
                deadline=date.fromisoformat(detail["deadline"]),
                recorded_at=at,
            )
        )
    return found
