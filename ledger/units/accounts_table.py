"""Accounts of people who use the system; passwords are stored only as argon2 hashes."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Identity, String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped


class Account(Timestamped, Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(100))  # the person's name
    title: Mapped[str | None] = mapped_column(String(100))  # 职务, as bulletins name a leader
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    unit_code: Mapped[str | None] = mapped_column(
        ForeignKey("units.code", ondelete="RESTRICT"), index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
