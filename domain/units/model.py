"""The organisation tree (组织机构) as data: what a unit is and how a file of them is read."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

CODE_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"


class UnitLevel(StrEnum):
    CITY = "city"
    DISTRICT = "district"
    TOWN = "town"
    VILLAGE = "village"


class UnitKind(StrEnum):
    LEADING_GROUP = "leading_group"
    OFFICE = "office"
    MEMBER_UNIT = "member_unit"
    DISTRICT = "district"
    TOWN = "town"
    VILLAGE = "village"
    TASK_FORCE = "task_force"


class UnitSpec(BaseModel):
    """One unit as written in a units file or sent to the API."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    short_name: str | None = Field(default=None, max_length=100)
    level: UnitLevel
    kind: UnitKind
    parent: str | None = None
    deputy_leader: bool = False
    head: str | None = Field(default=None, max_length=50)


class UnitsFile(BaseModel):
    """A whole units file: codes are unique and a parent given in the file comes first.

    A parent not in the file at all must already be in the ledger; the loader checks that.
    """

    model_config = ConfigDict(extra="forbid")

    units: list[UnitSpec] = Field(min_length=1)

    @field_validator("units")
    @classmethod
    def _tree_is_well_formed(cls, units: list[UnitSpec]) -> list[UnitSpec]:
        codes = [u.code for u in units]
        seen: set[str] = set()
        for index, unit in enumerate(units):
            if unit.code in seen:
                raise ValueError(f"units[{index}].code: 单位编码 {unit.code} 重复")
            if unit.parent in codes and unit.parent not in seen:
                raise ValueError(f"units[{index}].parent: 上级单位 {unit.parent} 须排在本单位之前")
            if unit.parent == unit.code:
                raise ValueError(f"units[{index}].parent: 上级单位不能是自己")
            seen.add(unit.code)
        return units
