"""Sign-in, tokens and the signed-in account."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import jwt
from argon2 import PasswordHasher
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.tokens import ALGORITHM
from domain.units.roles import Role
from infra.passwords import needs_rehash
from ledger.units import accounts
from tests.api.conftest import PASSWORD, SECRET, Login


async def test_login_and_me(client: httpx.AsyncClient, login: Login) -> None:
    headers = await login("rsj-user", Role.UNIT, "tj.rsj")
    answer = await client.get("/api/v1/me", headers=headers)
    assert answer.status_code == 200
    assert answer.json() == {
        "username": "rsj-user",
        "display_name": None,
        "role": "unit",
        "role_label": "成员单位",
        "unit": "tj.rsj",
    }
    assert answer.headers["x-request-id"]


async def test_wrong_password_is_401_in_chinese(client: httpx.AsyncClient, login: Login) -> None:
    await login("office1", Role.OFFICE, "tj.office")
    answer = await client.post(
        "/api/v1/auth/token", data={"username": "office1", "password": "nope-nope"}
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "invalid_credentials"
    assert answer.json()["error"]["message"] == "用户名或密码错误，或账号已停用"


async def test_unknown_user_is_the_same_401(client: httpx.AsyncClient, seeded: None) -> None:
    answer = await client.post(
        "/api/v1/auth/token", data={"username": "ghost", "password": PASSWORD}
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "invalid_credentials"


async def test_missing_form_fields_is_422_with_fields(client: httpx.AsyncClient) -> None:
    answer = await client.post("/api/v1/auth/token", data={"username": "x"})
    assert answer.status_code == 422
    fields = [d["field"] for d in answer.json()["error"]["details"]]
    assert fields == ["password"]
    assert answer.json()["error"]["details"][0]["message"] == "缺少必填字段"


async def test_no_token_is_401(client: httpx.AsyncClient) -> None:
    answer = await client.get("/api/v1/me")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "not_authenticated"
    assert answer.headers["www-authenticate"] == "Bearer"


async def test_malformed_token_is_401(client: httpx.AsyncClient) -> None:
    answer = await client.get("/api/v1/me", headers={"Authorization": "Bearer not.a.jwt"})
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "invalid_token"


async def test_token_signed_with_another_key_is_401(
    client: httpx.AsyncClient, login: Login
) -> None:
    await login("someone", Role.OFFICE, "tj.office")
    forged = jwt.encode(
        {"sub": "someone", "role": "office", "exp": datetime.now(UTC) + timedelta(hours=1)},
        "another-key-another-key-another-key",
        algorithm=ALGORITHM,
    )
    answer = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})
    assert answer.status_code == 401


async def test_expired_token_is_401(client: httpx.AsyncClient, login: Login) -> None:
    await login("late", Role.OFFICE, "tj.office")
    expired = jwt.encode(
        {"sub": "late", "role": "office", "exp": datetime.now(UTC) - timedelta(seconds=5)},
        SECRET,
        algorithm=ALGORITHM,
    )
    answer = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "invalid_token"


async def test_deactivated_account_loses_access(
    client: httpx.AsyncClient, login: Login, session_factory
) -> None:
    from sqlalchemy import update

    from ledger.units.accounts_table import Account

    headers = await login("leaver", Role.UNIT, "tj.rsj")
    async with session_factory() as session, session.begin():
        await session.execute(
            update(Account).where(Account.username == "leaver").values(active=False)
        )
    answer = await client.get("/api/v1/me", headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "account_inactive"


async def test_a_hash_made_with_old_parameters_is_renewed_at_login(
    client: httpx.AsyncClient, login: Login, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await login("old-hash", Role.UNIT, "tj.rsj")
    old = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(PASSWORD)
    async with session_factory() as session, session.begin():
        (await accounts.get_by_username(session=session, username="old-hash")).password_hash = old  # type: ignore[union-attr]
    assert needs_rehash(old)
    answer = await client.post(
        "/api/v1/auth/token", data={"username": "old-hash", "password": PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    async with session_factory() as session:
        renewed = (
            await accounts.get_by_username(session=session, username="old-hash")
        ).password_hash  # type: ignore[union-attr]
    assert renewed != old and not needs_rehash(renewed)
    assert "m=19456,t=2,p=1" in renewed
    again = await client.post(
        "/api/v1/auth/token", data={"username": "old-hash", "password": PASSWORD}
    )
    assert again.status_code == 200
