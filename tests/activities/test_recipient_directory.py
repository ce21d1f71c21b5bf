"""Escalation recipients are remembered for the configured time, then looked up again."""

from __future__ import annotations

from activities.recipient_directory import RecipientDirectory
from documents.units_file import read_units_file
from domain.escalation import Recipient
from domain.units.accounts import AccountCreate
from domain.units.roles import Role
from launcher.demo import UNITS_FILE
from ledger.units import accounts
from ledger.units import service as units


async def add_account(session_factory, name: str, role: Role, unit: str) -> None:
    async with session_factory() as session, session.begin():
        await accounts.create(
            session=session,
            spec=AccountCreate(username=name, password="password-123", role=role, unit=unit),
        )


async def test_remembers_within_ttl_and_reloads_after(session_factory, clean_db: None) -> None:
    async with session_factory() as session, session.begin():
        await units.upsert_many(session=session, units=read_units_file(UNITS_FILE).units)
    await add_account(session_factory, "rsj-a", Role.UNIT, "tj.rsj")
    wanted = (Recipient.UNIT, Recipient.OFFICE)
    cached = RecipientDirectory(session_factory, ttl=3600)
    fresh = RecipientDirectory(session_factory, ttl=0)
    assert await cached.usernames("tj.rsj", wanted, None) == ["rsj-a"]
    await add_account(session_factory, "office-a", Role.OFFICE, "tj.office")
    assert await cached.usernames("tj.rsj", wanted, None) == ["rsj-a"]  # remembered
    assert await fresh.usernames("tj.rsj", wanted, None) == ["rsj-a", "office-a"]
    assert await fresh.usernames("tj.hp.rsj", (Recipient.UNIT_HEAD,), None) == []
    await add_account(session_factory, "hp-head", Role.DISTRICT, "tj.hp")
    assert await fresh.usernames("tj.hp.rsj", (Recipient.UNIT_HEAD,), None) == ["hp-head"]
    assert await fresh.leader("no-campaign") is None
    await add_account(session_factory, "leader-a", Role.LEADER, "tj")
    assert await fresh.leader("no-campaign") == "leader-a"
    assert await fresh.webhooks("tj.rsj") == []
