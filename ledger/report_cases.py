"""Wage-arrears cases as they stood at one instant, from their dated events and payments.

A case counts as closed at `at` when its last closed/reopened event before `at` is a closure;
it is major when a "major" event came before `at`; paid amounts are payments made before `at`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.cases.intake import CaseSource
from domain.escalation import SHANGHAI
from domain.reports.figures import CaseFigures, ClueRow, MajorCaseRow
from ledger.cases_table import Case, CaseEvent, CasePayment
from ledger.report_territory import Territory

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


async def cases_as_of(
    *, session: AsyncSession, land: Territory, since: datetime, at: datetime
) -> list[CaseAsOf]:
    """Cases of the territory received in [since, at)."""
    rows = [
        c
        for c in (
            await session.scalars(
                select(Case)
                .where(Case.received_at >= since, Case.received_at < at)
                .order_by(Case.received_at, Case.id)
            )
        ).all()
        if land.covers((c.district, c.town, c.handling_unit, c.receiving_unit))
    ]
    ids = [c.id for c in rows]
    events = (
        await session.execute(
            select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.at)
            .where(CaseEvent.case_id.in_(ids), CaseEvent.at < at)
            .order_by(CaseEvent.at, CaseEvent.id)
        )
    ).all()
    paid = dict(
        (
            await session.execute(
                select(CasePayment.case_id, func.sum(CasePayment.amount))
                .where(CasePayment.case_id.in_(ids), CasePayment.at < at)
                .group_by(CasePayment.case_id)
            )
        ).all()
    )
    closed_at: dict[str, datetime | None] = {}
    kinds: dict[str, set[str]] = {}
    for case_id, kind, when in events:
        kinds.setdefault(case_id, set()).add(kind)
        if kind == "closed":
            closed_at[case_id] = when
        elif kind == "reopened":
            closed_at[case_id] = None
    return [_as_of(c, closed_at.get(c.id), kinds.get(c.id, set()), paid.get(c.id)) for c in rows]


def _as_of(c: Case, closed: datetime | None, kinds: set[str], paid: Decimal | None) -> CaseAsOf:
    return CaseAsOf(
        id=c.id,
        number=c.case_number,
        source=c.source,
        district=c.district,
        received_at=c.received_at,
        workers=c.workers_claimed,
        claimed=c.amount_claimed,
        paid=paid or Decimal("0.00"),
        closed=closed is not None,
        closed_on_time=closed is not None and _day(closed) <= c.close_deadline,
        handled=bool(kinds & set(HANDLED_KINDS)),
        major="major" in kinds,
        reasons=tuple(c.major_reasons or ()),
        leader=c.leader,
        employer=c.employer_name,
    )


def _day(instant: datetime) -> date:
    return instant.astimezone(SHANGHAI).date()


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


def major_row(c: CaseAsOf, land: Territory) -> MajorCaseRow:
    return MajorCaseRow(
        case_number=c.number,
        district_name=land.name(c.district),
        employer=c.employer,
        workers=c.workers,
        amount=c.claimed,
        paid=c.paid,
        status="已办结" if c.closed else "办理中",
        leader=c.leader,
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
