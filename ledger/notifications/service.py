"""The in-app inbox: who gets told, and telling them once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.escalation import Recipient
from domain.tasks.records import WebhookInput
from domain.units.roles import Role
from ledger.notifications.tables import Notification, UnitWebhook, WebhookDelivery
from ledger.paging import count, scalar_page
from ledger.units.accounts_table import Account
from ledger.units.service import ancestors
from ledger.units.tables import Unit


async def unit_accounts(*, session: AsyncSession, unit_codes: Iterable[str]) -> list[str]:
    """Active accounts that belong to the given units."""
    codes = list(unit_codes)
    if not codes:
        return []
    query = select(Account.username).where(Account.unit_code.in_(codes), Account.active)
    return list((await session.scalars(query)).all())


async def role_accounts(*, session: AsyncSession, role: Role) -> list[str]:
    query = select(Account.username).where(Account.role == role.value, Account.active)
    return list((await session.scalars(query.order_by(Account.username))).all())


async def head_units(*, session: AsyncSession, unit: str) -> list[str]:
    """The unit itself and the district above it: whose head a warning goes to."""
    chain = await ancestors(session=session, code=unit)
    if not chain:
        return [unit]
    rows = await session.execute(select(Unit.code, Unit.kind).where(Unit.code.in_(chain)))
    kinds = {code: kind for code, kind in rows}
    district = next((c for c in chain if kinds.get(c) == "district"), None)
    return [unit, district] if district else [unit]


async def recipients(
    *, session: AsyncSession, wanted: Sequence[Recipient], unit: str, leader: str | None
) -> list[str]:
    """Usernames for a ladder step's recipients, without duplicates, in a stable order."""
    names: list[str] = []
    for recipient in wanted:
        if recipient is Recipient.UNIT:
            names += await unit_accounts(session=session, unit_codes=[unit])
        elif recipient is Recipient.UNIT_HEAD:
            heads = await head_units(session=session, unit=unit)
            names += await unit_accounts(session=session, unit_codes=heads)
        elif recipient is Recipient.OFFICE:
            names += await role_accounts(session=session, role=Role.OFFICE)
        elif recipient is Recipient.LEADER:
            names += [leader] if leader else await role_accounts(session=session, role=Role.LEADER)
    return list(dict.fromkeys(names))


async def notify(
    *,
    session: AsyncSession,
    key: str,
    usernames: Iterable[str],
    kind: str,
    title: str,
    body: str,
    task_id: str | None,
) -> None:
    """One notification per account; `key` makes a retried write harmless."""
    rows = [
        {
            "notification_key": f"{key}:{name}",
            "username": name,
            "kind": kind,
            "title": title,
            "body": body,
            "task_id": task_id,
        }
        for name in usernames
    ]
    if rows:
        await session.execute(insert(Notification).values(rows).on_conflict_do_nothing())


async def inbox(
    *, session: AsyncSession, username: str, unread_only: bool, limit: int, offset: int
) -> tuple[Sequence[Notification], int, int]:
    """A page of the account's notifications, newest first; how many match; how many of all
    its notifications are unread."""
    mine = select(Notification).where(Notification.username == username)
    query = mine.where(Notification.read_at.is_(None)) if unread_only else mine
    items, total = await scalar_page(
        session, query.order_by(Notification.id.desc()), limit=limit, offset=offset
    )
    return items, total, await count(session, mine.where(Notification.read_at.is_(None)))


async def mark_read(
    *, session: AsyncSession, username: str, ids: Sequence[int], at: datetime
) -> int:
    """Mark the account's own notifications read; returns how many changed."""
    result = await session.execute(
        update(Notification)
        .where(
            Notification.username == username,
            Notification.id.in_(ids),
            Notification.read_at.is_(None),
        )
        .values(read_at=at)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def webhooks_for(*, session: AsyncSession, units: Iterable[str]) -> list[UnitWebhook]:
    query = select(UnitWebhook).where(UnitWebhook.unit_code.in_(list(units)), UnitWebhook.active)
    return list((await session.scalars(query)).all())


async def announce(
    *,
    session: AsyncSession,
    key: str,
    kind: str,
    message: str,
    units: Iterable[str],
    office: bool,
    also: Iterable[str] = (),
    task_id: str | None = None,
) -> None:
    """Tell a change to the accounts of `units`, the office if asked, and `also` (a leader)."""
    names = await unit_accounts(session=session, unit_codes=units)
    if office:
        names += await role_accounts(session=session, role=Role.OFFICE)
    names += list(also)
    await notify(
        session=session,
        key=key,
        usernames=dict.fromkeys(names),
        kind=kind,
        title=message,
        body=message,
        task_id=task_id,
    )


async def queue_webhooks(
    *,
    session: AsyncSession,
    key: str,
    hooks: Iterable[tuple[str, str]],
    payload: dict[str, Any],
) -> list[WebhookInput]:
    """One delivery row per (unit, url), keyed so a retried write queues nothing twice; the
    caller's workflow then delivers each as its own retried activity."""
    queued = []
    for unit, url in hooks:
        delivery_key = f"{key}:webhook:{unit}"
        await session.execute(
            insert(WebhookDelivery)
            .values(delivery_key=delivery_key, unit_code=unit, url=url, payload=payload)
            .on_conflict_do_nothing(index_elements=[WebhookDelivery.delivery_key])
        )
        queued.append(WebhookInput(delivery_key=delivery_key, unit=unit))
    return queued


async def set_webhook(
    *, session: AsyncSession, unit: str, url: str, secret: str, active: bool
) -> None:
    """One gateway per unit: setting it again replaces it."""
    values = {"unit_code": unit, "url": url, "secret": secret, "active": active}
    statement = insert(UnitWebhook).values(values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[UnitWebhook.unit_code],
            set_={k: statement.excluded[k] for k in values if k != "unit_code"},
        )
    )


async def deliveries(
    *, session: AsyncSession, status: str | None, limit: int, offset: int
) -> tuple[Sequence[WebhookDelivery], int]:
    """A page of the deliveries, latest first; and how many match."""
    query = select(WebhookDelivery).order_by(WebhookDelivery.id.desc())
    if status:
        query = query.where(WebhookDelivery.status == status)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def delivery_and_hook(
    *, session: AsyncSession, delivery_key: str, unit: str
) -> tuple[WebhookDelivery | None, UnitWebhook | None]:
    delivery = await session.scalar(
        select(WebhookDelivery).where(WebhookDelivery.delivery_key == delivery_key)
    )
    return delivery, await session.get(UnitWebhook, unit)


async def record_attempt(*, session: AsyncSession, delivery_id: int, error: str | None) -> None:
    """One more attempt, delivered or failing with its error kept visible."""
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id)
        .values(
            attempts=WebhookDelivery.attempts + 1,
            status="failing" if error else "delivered",
            last_error=error,
        )
    )
