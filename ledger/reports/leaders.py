"""Leaders as bulletins name them: 姓名（职务）, from their accounts; the username when unnamed."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.units.accounts_table import Account


def named(username: str, name: str | None, title: str | None) -> str:
    person = name or username
    return f"{person}（{title}）" if title else person


async def leader_names(
    *, session: AsyncSession, usernames: Collection[str | None]
) -> dict[str, str]:
    wanted = [u for u in usernames if u]
    if not wanted:
        return {}
    rows = await session.execute(
        select(Account.username, Account.display_name, Account.title).where(
            Account.username.in_(wanted)
        )
    )
    return {username: named(username, name, title) for username, name, title in rows.all()}
