"""How a case is shown: who handles it (sees personal data) and who sees it masked."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import Actor
from api.errors import ApiError
from domain.cases.intake import Complainant
from domain.units.roles import Role
from ledger.cases import service as cases
from ledger.cases.tables import Case, CaseParty


class CaseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    case_number: str
    source: str
    external_id: str
    received_at: datetime
    status: str
    receiving_unit: str
    handling_unit: str | None
    district: str
    town: str | None
    sector: str
    workers_claimed: int
    amount_claimed: Decimal
    verified_workers: int | None
    verified_amount: Decimal | None
    paid_amount: Decimal
    employer_name: str
    employer_code: str | None
    project_name: str | None
    project_type: str | None
    major: bool
    major_reasons: list[str]
    leader: str | None
    leader_name: str | None
    task_force: list[str]
    escalation: str | None
    route: str | None
    accept_deadline: date
    close_deadline: date
    closed_at: datetime | None
    reopened: int


class PartyRead(BaseModel):
    name: str
    phone: str | None
    id_number: str | None


class CaseEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: str
    actor: str
    at: datetime
    detail: dict[str, Any]


class PaymentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    payment_id: str
    amount: Decimal
    payer: str
    workers: int
    note: str
    recorded_by: str
    at: datetime


class CaseDetail(CaseRead):
    description: str
    general_contractor: str | None
    complainants: list[PartyRead]
    personal_data_masked: bool
    events: list[CaseEventRead]
    payments: list[PaymentRead]


async def handles(actor: Actor, case: Case, session: AsyncSession) -> bool:
    """The receiving or handling unit (or a district above it) and the case's named leader."""
    if actor.role is Role.LEADER:
        return case.leader == actor.username
    if actor.role is Role.OFFICE:
        return False
    for unit in (case.receiving_unit, case.handling_unit):
        if unit and await actor.may_act_for(unit, session=session):
            return True
    return False


async def visible_case(*, session: AsyncSession, actor: Actor, case_id: str) -> Case:
    """The case if the caller may see it: 404 when missing, 403 when another unit's."""
    case = await cases.get(session=session, case_id=case_id)
    if case is None:
        raise ApiError(404, "case_not_found", f"案件 {case_id} 不存在")
    if actor.role in (Role.UNIT, Role.DISTRICT) and not await handles(actor, case, session):
        raise ApiError(403, "forbidden", f"案件 {case.case_number} 不属于您的单位")
    return case


def party_view(party: CaseParty, masked: bool) -> PartyRead:
    person = Complainant(name=party.name, phone=party.phone, id_number=party.id_number)
    shown = person.masked() if masked else person
    return PartyRead(name=shown.name, phone=shown.phone, id_number=shown.id_number)


async def detail(*, session: AsyncSession, actor: Actor, case: Case) -> CaseDetail:
    masked = not await handles(actor, case, session)
    return CaseDetail(
        **CaseRead.model_validate(case).model_dump(),
        description=case.description,
        general_contractor=case.general_contractor,
        complainants=[
            party_view(p, masked) for p in await cases.parties(session=session, case_id=case.id)
        ],
        personal_data_masked=masked,
        events=[
            CaseEventRead.model_validate(e)
            for e in await cases.events(session=session, case_id=case.id)
        ],
        payments=[
            PaymentRead.model_validate(p)
            for p in await cases.payments(session=session, case_id=case.id)
        ],
    )
