"""Whose figures the dashboard shows: the unit tree read once, and the caller's territory in it.

A district account sees its district (the district and every unit below it); the office and
leaders see everything. With a campaign, the territory is also cut to the campaign's root.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import ARRAY, ColumnElement, String, any_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from ledger.units.tables import Unit

DISTRICT_KIND = "district"


@dataclass(frozen=True)
class UnitTree:
    names: dict[str, str]
    parents: dict[str, str | None]
    kinds: dict[str, str]
    children: dict[str, list[str]] = field(default_factory=dict)

    def name(self, code: str | None) -> str:
        return "" if code is None else self.names.get(code, code)

    def below(self, code: str) -> frozenset[str]:
        """`code` and every unit under it."""
        found, pending = {code}, [code]
        while pending:
            for child in self.children.get(pending.pop(), []):
                if child not in found:
                    found.add(child)
                    pending.append(child)
        return frozenset(found)

    def district_of(self, code: str) -> str | None:
        """The district a unit is (or lies in); None for a city's own member units."""
        current: str | None = code
        seen: set[str] = set()
        while current is not None and current not in seen:
            if self.kinds.get(current) == DISTRICT_KIND:
                return current
            seen.add(current)
            current = self.parents.get(current)
        return None

    def districts_under(self, root: str) -> tuple[str, ...]:
        """The districts directly under a campaign's root, in code order (各区排名)."""
        return tuple(c for c in self.children.get(root, []) if self.kinds.get(c) == DISTRICT_KIND)


async def unit_tree(*, session: AsyncSession) -> UnitTree:
    rows = (
        await session.execute(
            select(Unit.code, Unit.name, Unit.short_name, Unit.kind, Unit.parent_code).order_by(
                Unit.code
            )
        )
    ).all()
    children: dict[str, list[str]] = {}
    for code, _name, _short, _kind, parent in rows:
        if parent is not None:
            children.setdefault(parent, []).append(code)
    return UnitTree(
        names={code: short or name for code, name, short, _kind, _parent in rows},
        parents={code: parent for code, _name, _short, _kind, parent in rows},
        kinds={code: kind for code, _name, _short, kind, _parent in rows},
        children=children,
    )


@dataclass(frozen=True)
class Scope:
    tree: UnitTree
    codes: frozenset[str] | None  # None: every unit

    def holds(self, code: str | None) -> bool:
        return self.codes is None or (code is not None and code in self.codes)

    def where(
        self, *columns: InstrumentedAttribute[str] | InstrumentedAttribute[str | None]
    ) -> ColumnElement[bool] | None:
        """Rows any of whose `columns` names a unit of the territory (one array parameter)."""
        if self.codes is None:
            return None
        codes = bindparam("scope", sorted(self.codes), type_=ARRAY(String))
        return or_(*(column == any_(codes) for column in columns))


def scope_for(tree: UnitTree, own_unit: str | None, campaign_root: str | None) -> Scope:
    """`own_unit` for a district account (None for the office and leaders)."""
    parts: Iterable[frozenset[str]] = [
        tree.below(code) for code in (own_unit, campaign_root) if code is not None
    ]
    codes: frozenset[str] | None = None
    for part in parts:
        codes = part if codes is None else codes & part
    return Scope(tree=tree, codes=codes)
