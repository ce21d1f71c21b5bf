"""Demo data for `qingling up --demo`: the unit trees of the five plans and one account per role."""

from __future__ import annotations

import secrets
from pathlib import Path

from documents.units_file import read_units_file
from domain.units.accounts import AccountCreate
from domain.units.roles import Role
from infra.database import build_engine, build_session_factory
from ledger.units import accounts
from ledger.units import service as units

UNITS_DIR = Path(__file__).resolve().parents[1] / "plans" / "data"
UNITS_FILE = UNITS_DIR / "units-tianjin.yaml"

DEMO_ACCOUNTS: tuple[tuple[str, Role, str | None, str], ...] = (
    ("office", Role.OFFICE, "tj.office", "市领导小组办公室"),
    ("leader", Role.LEADER, "tj", "张立"),
    ("rsj", Role.UNIT, "tj.rsj", "市人社局"),
    ("zjw", Role.UNIT, "tj.zjw", "市住房城乡建设委"),
    ("hp", Role.DISTRICT, "tj.hp", "和平区"),
)

DEMO_TITLES = {"leader": "市领导小组副组长"}  # 职务, named with the leader in bulletins


async def load_demo(database_url: str, data_root: Path) -> list[tuple[str, str, str]]:
    """Load every template's units and the demo accounts; returns (username, role, password).

    Passwords are random per data folder and kept in `demo-accounts.txt` (0600), so a
    demo never ships a known password and a second `up --demo` prints the same ones.
    """
    trees = [read_units_file(path) for path in sorted(UNITS_DIR.glob("units-*.yaml"))]
    record = data_root / "demo-accounts.txt"
    known: dict[str, str] = {}
    if record.exists():
        for line in record.read_text(encoding="utf-8").splitlines():
            name, _, password = line.partition(" ")
            known[name] = password
    engine = build_engine(database_url, pool_size=1)
    try:
        async with build_session_factory(engine)() as session, session.begin():
            for tree in trees:
                await units.upsert_many(session=session, units=tree.units)
            for username, role, unit_code, display in DEMO_ACCOUNTS:
                if await accounts.get_by_username(session=session, username=username):
                    continue
                known[username] = secrets.token_urlsafe(12)
                await accounts.create(
                    session=session,
                    spec=AccountCreate(
                        username=username,
                        password=known[username],
                        role=role,
                        unit=unit_code,
                        display_name=display,
                        title=DEMO_TITLES.get(username),
                    ),
                )
    finally:
        await engine.dispose()
    record.write_text("".join(f"{n} {p}\n" for n, p in known.items()), encoding="utf-8")
    record.chmod(0o600)
    roles = {name: role.value for name, role, _, _ in DEMO_ACCOUNTS}
    return [(name, roles.get(name, ""), password) for name, password in known.items()]
