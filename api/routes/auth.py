"""Sign-in (OAuth2 password flow) and the signed-in account."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from api.deps import CurrentActor, SessionDep, SettingsDep
from api.errors import ApiError
from api.routing import joined, resource_router
from api.tokens import TokenClaims, issue_token
from domain.units.roles import ROLE_LABELS, Role
from ledger.units import accounts

TAG = "登录"
auth = resource_router("auth", TAG)
me = resource_router("me", TAG)


class TokenRead(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int


class MeRead(BaseModel):
    username: str
    display_name: str | None
    role: Role
    role_label: str
    unit: str | None


@auth.post("/token", response_model=TokenRead, summary="登录，获取访问令牌")
async def sign_in(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
) -> TokenRead:
    account = await accounts.authenticate(
        session=session, username=form.username, password=form.password
    )
    await session.commit()
    if account is None:
        raise ApiError(
            401,
            "invalid_credentials",
            "用户名或密码错误，或账号已停用",
            headers={"WWW-Authenticate": "Bearer"},
        )
    claims = TokenClaims(username=account.username, role=account.role, unit=account.unit_code)
    return TokenRead(
        access_token=issue_token(
            claims, secret=settings.secret_key, expire_minutes=settings.token_expire_minutes
        ),
        expires_in=settings.token_expire_minutes * 60,
    )


@me.get("", response_model=MeRead, summary="当前登录账号")
async def current_account(actor: CurrentActor) -> MeRead:
    return MeRead(
        username=actor.username,
        display_name=actor.display_name,
        role=actor.role,
        role_label=ROLE_LABELS[actor.role],
        unit=actor.unit,
    )


router = joined(auth, me)
