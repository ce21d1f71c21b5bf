"""用人单位 registry and 黑名单: proposals by units, decisions by the office, every date kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.decisions import DecisionBody
from api.deps import CurrentActor, SessionDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import joined, resource_router
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

TAG = "企业与黑名单"
enterprise_router = resource_router("enterprises", TAG)
blacklist_router = resource_router("blacklist", TAG)


class EnterpriseRead(BaseModel):
    credit_code: str
    name: str
    cases: int
    blacklist_status: str | None


class BlacklistEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    credit_code: str
    enterprise_name: str
    status: str
    reason: str
    case_ids: list[str]
    proposed_by: str
    listed_at: datetime | None
    removed_at: datetime | None
    history: list[dict[str, Any]]
    removal_request_id: int | None = Field(description="待审批的移出申请编号（无则为 null）")


class Proposal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employer: Employer
    reason: str = Field(min_length=2, max_length=2000)
    case_ids: list[str] = Field(default_factory=list, max_length=100)


class RemovalRequestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=2, max_length=2000)


def _ruled(rule: Callable[[], Any]) -> Any:
    try:
        return rule()
    except Refusal as refusal:
        raise ApiError(REFUSAL_STATUS[refusal.kind], refusal.code, refusal.message) from None


@enterprise_router.get(
    "", response_model=Page[EnterpriseRead], summary="用人单位（含案件数、黑名单状态，按名称）"
)
async def list_enterprises(
    actor: CurrentActor, session: SessionDep, paging: PagingDep, q: str | None = None
) -> Page[EnterpriseRead]:
    found, total = await enterprises.search(
        session=session, text=q, limit=paging.limit, offset=paging.offset
    )
    items = [
        EnterpriseRead(credit_code=e.credit_code, name=e.name, cases=n, blacklist_status=s)
        for e, n, s in found
    ]
    return Page[EnterpriseRead].of(items, total, paging)


@blacklist_router.get("", response_model=Page[BlacklistEntryRead], summary="黑名单记录（新的在前）")
async def list_blacklist(
    actor: CurrentActor,
    session: SessionDep,
    paging: PagingDep,
    status: BlacklistStatus | None = None,
) -> Page[BlacklistEntryRead]:
    rows, total = await enterprises.entries(
        session=session,
        status=status.value if status else None,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page[BlacklistEntryRead].of(
        [BlacklistEntryRead.model_validate(r) for r in rows], total, paging
    )


@blacklist_router.post(
    "", response_model=BlacklistEntryRead, status_code=201, summary="提出列入黑名单"
)
async def propose_listing(
    body: Proposal, actor: CurrentActor, session: SessionDep
) -> BlacklistEntryRead:
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
    return BlacklistEntryRead.model_validate(entry)


async def _entry(session: SessionDep, entry_id: int) -> BlacklistEntry:
    entry = await session.get(BlacklistEntry, entry_id)
    if entry is None:
        raise ApiError(404, "entry_not_found", f"黑名单记录 {entry_id} 不存在")
    return entry


async def _move(
    session: SessionDep, entry: BlacklistEntry, to: BlacklistStatus, by: str, reason: str
) -> BlacklistEntryRead:
    await enterprises.move(
        session=session, entry=entry, to=to, by=by, at=datetime.now(UTC), reason=reason
    )
    await session.commit()
    return BlacklistEntryRead.model_validate(entry)


@blacklist_router.post(
    "/{entry_id}/decision",
    response_model=BlacklistEntryRead,
    summary="审批列入（领导小组办公室）",
)
async def decide_listing(
    entry_id: int, body: DecisionBody, actor: CurrentActor, session: SessionDep
) -> BlacklistEntryRead:
    entry = await _entry(session, entry_id)
    to = _ruled(lambda: listing_decision(actor.role, BlacklistStatus(entry.status), body.approve))
    return await _move(session, entry, to, actor.username, body.reason)


@blacklist_router.post(
    "/{entry_id}/removal-requests",
    response_model=BlacklistEntryRead,
    status_code=201,
    summary="提出移出黑名单（编号见 removal_request_id）",
)
async def request_removal(
    entry_id: int, body: RemovalRequestBody, actor: CurrentActor, session: SessionDep
) -> BlacklistEntryRead:
    entry = await _entry(session, entry_id)
    _ruled(lambda: check_removal_proposal(actor.role, BlacklistStatus(entry.status)))
    return await _move(
        session, entry, BlacklistStatus.REMOVAL_PROPOSED, actor.username, body.reason
    )


@blacklist_router.post(
    "/{entry_id}/removal-requests/{request_id}/decision",
    response_model=BlacklistEntryRead,
    summary="审批移出（领导小组办公室）",
)
async def decide_removal(
    entry_id: int, request_id: int, body: DecisionBody, actor: CurrentActor, session: SessionDep
) -> BlacklistEntryRead:
    entry = await _entry(session, entry_id)
    to = _ruled(lambda: removal_decision(actor.role, BlacklistStatus(entry.status), body.approve))
    if entry.removal_request_id != request_id:
        raise ApiError(404, "removal_request_not_found", f"移出申请 {request_id} 不存在或已处理")
    return await _move(session, entry, to, actor.username, body.reason)


router = joined(enterprise_router, blacklist_router)
