"""组织机构: the unit tree that tasks, cases and accounts refer to."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped


class Unit(Timestamped, Base):
    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    parent_code: Mapped[str | None] = mapped_column(
        ForeignKey("units.code", ondelete="RESTRICT"), index=True
    )
    deputy_leader: Mapped[bool] = mapped_column(Boolean, default=False)
    head: Mapped[str | None] = mapped_column(String(50))
