"""Sign-in (OAuth2 password flow) and the signed-in account."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from api.deps import CurrentActor, SessionDep, SettingsDep
from api.errors import ApiError
from api.tokens import TokenClaims, issue_token
from domain.units.roles import ROLE_LABELS, Role
from ledger.units import accounts

router = APIRouter(prefix="/api/v1", tags=["登录"])


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


@router.post("/auth/token", response_model=TokenRead, summary="登录，获取访问令牌")
async def token(
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


@router.get("/me", response_model=MeRead, summary="当前登录账号")
async def me(actor: CurrentActor) -> MeRead:
    return MeRead(
        username=actor.username,
        display_name=actor.display_name,
        role=actor.role,
        role_label=ROLE_LABELS[actor.role],
        unit=actor.unit,
    )
