"""Reads and writes of the unit tree."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.units.model import UnitKind, UnitLevel, UnitSpec
from ledger.paging import scalar_page
from ledger.units.tables import Unit


async def upsert_many(*, session: AsyncSession, units: Sequence[UnitSpec]) -> int:
    """Insert or update units in file order (parents first); returns how many were written."""
    for spec in units:
        values = {
            "code": spec.code,
            "name": spec.name,
            "short_name": spec.short_name,
            "level": spec.level.value,
            "kind": spec.kind.value,
            "parent_code": spec.parent,
            "deputy_leader": spec.deputy_leader,
            "head": spec.head,
        }
        statement = insert(Unit).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=[Unit.code],
            set_={k: statement.excluded[k] for k in values if k != "code"},
        )
        await session.execute(statement)
    await session.flush()
    return len(units)


async def missing_parents(*, session: AsyncSession, units: Sequence[UnitSpec]) -> list[str]:
    """One Chinese line per unit whose parent is neither in `units` nor in the ledger."""
    given = {u.code for u in units}
    wanted = {u.parent for u in units if u.parent and u.parent not in given}
    known = (
        set((await session.scalars(select(Unit.code).where(Unit.code.in_(wanted)))).all())
        if wanted
        else set()
    )
    return [
        f"units[{i}].parent: 上级单位 {u.parent} 不存在"
        for i, u in enumerate(units)
        if u.parent and u.parent not in given and u.parent not in known
    ]


async def get(*, session: AsyncSession, code: str) -> Unit | None:
    """One unit by code."""
    return await session.get(Unit, code)


async def listed(
    *, session: AsyncSession, parent: str | None, limit: int, offset: int
) -> tuple[Sequence[Unit], int]:
    """A page of all units, or of the direct children of `parent`, by code; and their count."""
    query = select(Unit).order_by(Unit.code)
    if parent is not None:
        query = query.where(Unit.parent_code == parent)
    return await scalar_page(session, query, limit=limit, offset=offset)


async def ancestors(*, session: AsyncSession, code: str) -> list[str]:
    """Codes above `code`, nearest first."""
    tree = select(Unit.code, Unit.parent_code).where(Unit.code == code).cte(recursive=True)
    parent = select(Unit.code, Unit.parent_code).join(tree, Unit.code == tree.c.parent_code)
    tree = tree.union_all(parent)
    rows = (await session.execute(select(tree.c.code))).scalars().all()
    return [c for c in rows if c != code]


async def descendants(*, session: AsyncSession, code: str) -> set[str]:
    """Codes of `code` and every unit below it."""
    tree = select(Unit.code).where(Unit.code == code).cte(recursive=True)
    child = select(Unit.code).join(tree, Unit.parent_code == tree.c.code)
    tree = tree.union_all(child)
    return set((await session.execute(select(tree.c.code))).scalars().all())


async def all_specs(*, session: AsyncSession) -> list[UnitSpec]:
    """The whole tree as domain specs, for plan resolution."""
    rows = (await session.scalars(select(Unit).order_by(Unit.code))).all()
    return [
        UnitSpec(
            code=u.code,
            name=u.name,
            short_name=u.short_name,
            level=UnitLevel(u.level),
            kind=UnitKind(u.kind),
            parent=u.parent_code,
            deputy_leader=u.deputy_leader,
            head=u.head,
        )
        for u in rows
    ]


def ancestors_in(specs: Sequence[UnitSpec], code: str) -> tuple[str, ...]:
    """Ancestors of `code` from an already loaded tree, nearest first (no query per task)."""
    parents = {s.code: s.parent for s in specs}
    chain: list[str] = []
    current = parents.get(code)
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return tuple(chain)


async def name_lookup(*, session: AsyncSession, kinds: Collection[str]) -> dict[str, str]:
    """Code, full name and short name (with or without 区/县/镇/乡) of every unit of `kinds`,
    because offices write 天津市和平区, 和平区, 和平 or tj.hp alike."""
    rows = (await session.scalars(select(Unit).where(Unit.kind.in_(kinds)))).all()
    lookup: dict[str, str] = {}
    for unit in rows:
        short = unit.short_name or ""
        bare = short[:-1] if len(short) > 2 and short[-1] in "区县镇乡" else ""
        for key in (unit.code, unit.name, short, bare):
            if key:
                lookup[key] = unit.code
    return lookup


async def short_names(*, session: AsyncSession, codes: Iterable[str]) -> dict[str, str]:
    """The names people read for unit codes (short name, else full name); unknown codes are left
    out."""
    wanted = set(codes)
    if not wanted:
        return {}
    rows = await session.execute(
        select(Unit.code, Unit.short_name, Unit.name).where(Unit.code.in_(wanted))
    )
    return {code: short or name for code, short, name in rows}
