"""用人单位 registry (filled from cases) and the blacklist with its approvals and dates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Identity, String, Text, select
from sqlalchemy.orm import Mapped, column_property, mapped_column

from domain.cases.blacklist import BlacklistStatus
from ledger.base import Base, Timestamped
from ledger.campaigns.tables import JSONType


class Enterprise(Timestamped, Base):
    __tablename__ = "enterprises"

    credit_code: Mapped[str] = mapped_column(String(18), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)


class BlacklistEntry(Timestamped, Base):
    __tablename__ = "blacklist_entries"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    credit_code: Mapped[str] = mapped_column(ForeignKey("enterprises.credit_code"), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str] = mapped_column(Text)
    case_ids: Mapped[list[str]] = mapped_column(JSONType, default=list)
    proposed_by: Mapped[str] = mapped_column(String(64))
    listed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)  # who, when, what
    # the enterprise's name, read with the entry (a list names enterprises, not codes)
    enterprise_name: Mapped[str] = column_property(
        select(Enterprise.name).where(Enterprise.credit_code == credit_code).scalar_subquery(),
        expire_on_flush=False,
    )

    @property
    def removal_request_id(self) -> int | None:
        """The open removal request, numbered by its place in the history (the last record
        while the entry awaits the office's decision)."""
        if self.status != BlacklistStatus.REMOVAL_PROPOSED.value:
            return None
        return len(self.history) - 1
