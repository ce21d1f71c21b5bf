"""Accounts, managed by the leading-group office."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from api.deps import OfficeActor, SessionDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from domain.units.accounts import AccountCreate, AccountRefused
from ledger.units import accounts

router = resource_router("accounts", "账号")


class AccountRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    username: str
    display_name: str | None
    role: str
    unit_code: str | None
    active: bool
    created_at: datetime


@router.get("", response_model=Page[AccountRead], summary="账号列表（领导小组办公室）")
async def list_accounts(
    actor: OfficeActor, session: SessionDep, paging: PagingDep
) -> Page[AccountRead]:
    found, total = await accounts.listed(session=session, limit=paging.limit, offset=paging.offset)
    return Page[AccountRead].of([AccountRead.model_validate(a) for a in found], total, paging)


@router.post("", response_model=AccountRead, status_code=201, summary="新建账号（领导小组办公室）")
async def create_account(
    body: AccountCreate, actor: OfficeActor, session: SessionDep
) -> AccountRead:
    try:
        account = await accounts.create(session=session, spec=body)
    except AccountRefused as refusal:
        status = 409 if refusal.code == "username_taken" else 422
        raise ApiError(status, refusal.code, refusal.message, [{"field": refusal.field}]) from None
    await session.commit()
    return AccountRead.model_validate(account)
