"""The units a campaign covers, read once per report: names, districts, and who is under whom."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.cases.tables import Case
from ledger.units.tables import Unit


@dataclass(frozen=True)
class Territory:
    root: str
    names: dict[str, str]  # as bulletins print them: the short name (和平区, 市人社局) if any
    full_names: dict[str, str]
    codes: frozenset[str]  # the root and every unit below it
    districts: tuple[str, ...]  # the districts directly under the root, in ledger order
    district_of: dict[str, str]  # unit code → its district, for units inside a district
    issuer: str  # the office that signs the bulletin
    office: str  # its unit code (the root's when it has no office)
    kinds: frozenset[str] = frozenset()  # the kinds of unit directly under the root

    def name(self, code: str | None) -> str:
        return "" if code is None else self.names.get(code, code)

    def full_name(self, code: str | None) -> str:
        return "" if code is None else self.full_names.get(code, code)

    def holds(self, case: Case) -> bool:
        """By where the case was received, which later handling never moves (as
        report_cases.covered asks the database)."""
        places = (case.district, case.town, case.receiving_unit)
        return any(code in self.codes for code in places if code)


async def territory(*, session: AsyncSession, root: str) -> Territory:
    rows = (
        await session.execute(
            select(Unit.code, Unit.name, Unit.kind, Unit.parent_code, Unit.short_name).order_by(
                Unit.code
            )
        )
    ).all()
    children: dict[str, list[tuple[str, str]]] = {}
    for code, _name, kind, parent, _short in rows:
        if parent is not None:
            children.setdefault(parent, []).append((code, kind))
    below: list[str] = [root]
    district_of: dict[str, str] = {}
    pending: list[tuple[str, str | None]] = [(root, None)]
    while pending:
        code, district = pending.pop()
        for child, kind in children.get(code, []):
            inside = child if kind == "district" and code == root else district
            if inside is not None:
                district_of[child] = inside
            below.append(child)
            pending.append((child, inside))
    direct = children.get(root, [])
    full = {code: name for code, name, _kind, _parent, _short in rows}
    names = {code: short or name for code, name, _kind, _parent, short in rows}
    office = next((code for code, kind in direct if kind == "office"), root)
    return Territory(
        root=root,
        names=names,
        full_names=full,
        codes=frozenset(below),
        districts=tuple(code for code, kind in direct if kind == "district"),
        district_of=district_of,
        issuer=full.get(office, root),
        office=office,
        kinds=frozenset(kind for _code, kind in direct),
    )
