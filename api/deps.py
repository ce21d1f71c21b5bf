"""Annotated dependencies: the session, the Temporal client and the current account."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

import structlog
from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from api.errors import ApiError
from api.temporal_holder import TemporalHolder
from api.tokens import InvalidToken, read_token
from domain.units.roles import Role, may_act_for
from infra.settings import Settings
from ledger.units import accounts
from ledger.units import service as units

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)

_UNAUTHORIZED_HEADERS = {"WWW-Authenticate": "Bearer"}


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session per request; the route commits what it means to keep."""
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    async with factory() as session:
        yield session


async def get_temporal(request: Request) -> Client:
    holder: TemporalHolder = request.app.state.temporal
    try:
        return await holder.get()
    except Exception as error:
        raise ApiError(503, "temporal_unavailable", "工作流服务暂不可用，请稍后重试") from error


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
TemporalDep = Annotated[Client, Depends(get_temporal)]


@dataclass(frozen=True)
class Actor:
    """The signed-in account, as routes need it."""

    username: str
    role: Role
    unit: str | None
    display_name: str | None

    async def may_act_for(self, target_unit: str, *, session: AsyncSession) -> bool:
        chain = (
            await units.ancestors(session=session, code=target_unit)
            if self.role is Role.DISTRICT
            else []
        )
        return may_act_for(
            role=self.role, own_unit=self.unit, target_unit=target_unit, target_ancestors=chain
        )


async def get_actor(
    token: Annotated[str | None, Depends(oauth2_scheme)],
    settings: SettingsDep,
    session: SessionDep,
) -> Actor:
    if not token:
        raise ApiError(401, "not_authenticated", "请先登录", headers=_UNAUTHORIZED_HEADERS)
    try:
        claims = read_token(token, secret=settings.secret_key)
    except InvalidToken:
        raise ApiError(
            401, "invalid_token", "登录凭证无效或已过期，请重新登录", headers=_UNAUTHORIZED_HEADERS
        ) from None
    account = await accounts.get_by_username(session=session, username=claims.username)
    if account is None or not account.active:
        raise ApiError(401, "account_inactive", "账号不存在或已停用", headers=_UNAUTHORIZED_HEADERS)
    structlog.contextvars.bind_contextvars(actor=account.username)
    return Actor(
        username=account.username,
        role=Role(account.role),
        unit=account.unit_code,
        display_name=account.display_name,
    )


CurrentActor = Annotated[Actor, Depends(get_actor)]


def require_roles(*roles: Role) -> object:
    """A dependency that lets only the given roles through (403 otherwise)."""

    async def _check(actor: CurrentActor) -> Actor:
        if actor.role not in roles:
            allowed = "、".join(r.value for r in roles)
            raise ApiError(403, "forbidden_role", f"此操作仅限以下角色：{allowed}")
        return actor

    return Depends(_check)


OfficeActor = Annotated[Actor, require_roles(Role.OFFICE)]
