"""用人单位 registry and 黑名单: proposals by units, decisions by the office, every date kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CurrentActor, SessionDep
from api.errors import ApiError
from api.updates import REFUSAL_STATUS
from domain.cases.blacklist import (
    BlacklistStatus,
    check_proposal,
    check_removal_proposal,
    listing_decision,
    removal_decision,
)
from domain.cases.intake import Employer
from domain.refusal import Refusal
from ledger.enterprises import service as enterprises
from ledger.enterprises.tables import BlacklistEntry

router = APIRouter(prefix="/api/v1", tags=["企业与黑名单"])


class EnterpriseRead(BaseModel):
    credit_code: str
    name: str
    cases: int
    blacklist_status: str | None


class EntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    credit_code: str
    status: str
    reason: str
    case_ids: list[str]
    proposed_by: str
    listed_at: datetime | None
    removed_at: datetime | None
    history: list[dict[str, Any]]


class Proposal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employer: Employer
    reason: str = Field(min_length=2, max_length=2000)
    case_ids: list[str] = Field(default_factory=list, max_length=100)


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    approve: bool
    reason: str = Field(default="", max_length=2000)


class RemovalProposal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=2, max_length=2000)


def _ruled(rule: Callable[[], Any]) -> Any:
    try:
        return rule()
    except Refusal as refusal:
        raise ApiError(REFUSAL_STATUS[refusal.kind], refusal.code, refusal.message) from None


@router.get(
    "/enterprises", response_model=list[EnterpriseRead], summary="用人单位（含案件数、黑名单状态）"
)
async def list_enterprises(
    actor: CurrentActor,
    session: SessionDep,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[EnterpriseRead]:
    found = await enterprises.search(session=session, text=q, limit=limit)
    return [
        EnterpriseRead(credit_code=e.credit_code, name=e.name, cases=n, blacklist_status=s)
        for e, n, s in found
    ]


@router.get("/blacklist", response_model=list[EntryRead], summary="黑名单记录")
async def list_entries(
    actor: CurrentActor, session: SessionDep, status: BlacklistStatus | None = None
) -> list[EntryRead]:
    rows = await enterprises.entries(session=session, status=status.value if status else None)
    return [EntryRead.model_validate(r) for r in rows]


@router.post("/blacklist", response_model=EntryRead, status_code=201, summary="提出列入黑名单")
async def propose(body: Proposal, actor: CurrentActor, session: SessionDep) -> EntryRead:
    code = body.employer.credit_code
    if code is None:
        raise ApiError(
            422, "credit_code_required", "employer.credit_code: 列入黑名单须有统一社会信用代码"
        )
    current = await enterprises.open_entry(session=session, credit_code=code)
    _ruled(lambda: check_proposal(actor.role, BlacklistStatus(current.status) if current else None))
    await enterprises.upsert(session=session, credit_code=code, name=body.employer.name)
    entry = await enterprises.propose(
        session=session,
        credit_code=code,
        reason=body.reason,
        case_ids=body.case_ids,
        by=actor.username,
        at=datetime.now(UTC),
    )
    await session.commit()
    return EntryRead.model_validate(entry)


async def _entry(session: SessionDep, entry_id: int) -> BlacklistEntry:
    entry = await session.get(BlacklistEntry, entry_id)
    if entry is None:
        raise ApiError(404, "entry_not_found", f"黑名单记录 {entry_id} 不存在")
    return entry


@router.post(
    "/blacklist/{entry_id}/decision", response_model=EntryRead, summary="审批列入（领导小组办公室）"
)
async def decide(
    entry_id: int, body: Decision, actor: CurrentActor, session: SessionDep
) -> EntryRead:
    entry = await _entry(session, entry_id)
    to = _ruled(lambda: listing_decision(actor.role, BlacklistStatus(entry.status), body.approve))
    await enterprises.move(
        session=session,
        entry=entry,
        to=to,
        by=actor.username,
        at=datetime.now(UTC),
        reason=body.reason,
    )
    await session.commit()
    return EntryRead.model_validate(entry)


@router.post("/blacklist/{entry_id}/removal", response_model=EntryRead, summary="提出移出黑名单")
async def propose_removal(
    entry_id: int, body: RemovalProposal, actor: CurrentActor, session: SessionDep
) -> EntryRead:
    entry = await _entry(session, entry_id)
    _ruled(lambda: check_removal_proposal(actor.role, BlacklistStatus(entry.status)))
    await enterprises.move(
        session=session,
        entry=entry,
        to=BlacklistStatus.REMOVAL_PROPOSED,
        by=actor.username,
        at=datetime.now(UTC),
        reason=body.reason,
    )
    await session.commit()
    return EntryRead.model_validate(entry)


@router.post(
    "/blacklist/{entry_id}/removal/decision",
    response_model=EntryRead,
    summary="审批移出（领导小组办公室）",
)
async def decide_removal(
    entry_id: int, body: Decision, actor: CurrentActor, session: SessionDep
) -> EntryRead:
    entry = await _entry(session, entry_id)
    to = _ruled(lambda: removal_decision(actor.role, BlacklistStatus(entry.status), body.approve))
    await enterprises.move(
        session=session,
        entry=entry,
        to=to,
        by=actor.username,
        at=datetime.now(UTC),
        reason=body.reason,
    )
    await session.commit()
    return EntryRead.model_validate(entry)
