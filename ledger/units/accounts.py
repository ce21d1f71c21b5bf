"""Reads and writes of accounts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.units.accounts import AccountCreate, AccountRefused
from domain.units.roles import ROLES_NEEDING_UNIT
from infra.passwords import hash_password, needs_rehash, verify_password
from ledger.paging import scalar_page
from ledger.units.accounts_table import Account
from ledger.units.tables import Unit


async def create(*, session: AsyncSession, spec: AccountCreate) -> Account:
    """A new active account, refused with AccountRefused when the name or unit is wrong."""
    if spec.role in ROLES_NEEDING_UNIT and not spec.unit:
        raise AccountRefused(
            "unit_required", f"角色 {spec.role.value} 的账号必须指定所属单位", "unit"
        )
    if spec.unit and await session.get(Unit, spec.unit) is None:
        raise AccountRefused("unknown_unit", f"单位编码 {spec.unit} 不存在", "unit")
    if await get_by_username(session=session, username=spec.username):
        raise AccountRefused("username_taken", f"用户名 {spec.username} 已存在", "username")
    account = Account(
        username=spec.username,
        password_hash=hash_password(spec.password),
        role=spec.role.value,
        unit_code=spec.unit,
        display_name=spec.display_name,
        title=spec.title,
        active=True,
    )
    session.add(account)
    await session.flush()
    return account


async def get_by_username(*, session: AsyncSession, username: str) -> Account | None:
    """One account by its login name."""
    return await session.scalar(select(Account).where(Account.username == username))


async def authenticate(*, session: AsyncSession, username: str, password: str) -> Account | None:
    """The active account these credentials open, its hash renewed if made with old parameters.

    The caller commits: a renewed hash is written with the sign-in.
    """
    account = await get_by_username(session=session, username=username)
    valid = verify_password(account.password_hash if account else None, password)
    if account is None or not valid or not account.active:
        return None
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    return account


async def listed(
    *, session: AsyncSession, limit: int, offset: int
) -> tuple[Sequence[Account], int]:
    """A page of the accounts, by username; and how many there are."""
    query = select(Account).order_by(Account.username)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def display_names(*, session: AsyncSession, usernames: Iterable[str]) -> dict[str, str]:
    """Each login name with the name people know its holder by (the login name when none)."""
    wanted = set(usernames)
    if not wanted:
        return {}
    rows = await session.execute(
        select(Account.username, Account.display_name).where(Account.username.in_(wanted))
    )
    named = {username: display or username for username, display in rows}
    return {username: named.get(username, username) for username in wanted}
