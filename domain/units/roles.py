"""Account roles and the one rule of who may act for which unit."""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum


class Role(StrEnum):
    OFFICE = "office"  # 领导小组办公室: runs campaigns, supervises every unit
    LEADER = "leader"  # 领导小组成员: takes over escalated items, sees everything
    UNIT = "unit"  # 成员单位: acts only for its own unit
    DISTRICT = "district"  # 区: acts for its district and every unit below it


ROLE_LABELS: dict[Role, str] = {
    Role.OFFICE: "领导小组办公室",
    Role.LEADER: "领导",
    Role.UNIT: "成员单位",
    Role.DISTRICT: "区级",
}

ROLES_NEEDING_UNIT = frozenset({Role.UNIT, Role.DISTRICT})


def may_act_for(
    *, role: Role, own_unit: str | None, target_unit: str, target_ancestors: Collection[str]
) -> bool:
    """Whether an account may act for `target_unit`, whose ancestors (up the tree) are given."""
    if role in (Role.OFFICE, Role.LEADER):
        return True
    if own_unit is None:
        return False
    if role is Role.UNIT:
        return target_unit == own_unit
    return target_unit == own_unit or own_unit in target_ancestors
