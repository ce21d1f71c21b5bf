"""Bulk imports of clue files: the job, and each valid row waiting to be registered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped
from ledger.campaigns.tables import JSONType


class CaseImport(Timestamped, Base):
    __tablename__ = "case_imports"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    uploaded_by: Mapped[str] = mapped_column(String(64))
    receiving_unit: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | done
    total_rows: Mapped[int] = mapped_column(default=0)
    valid_rows: Mapped[int] = mapped_column(default=0)
    registered: Mapped[int] = mapped_column(default=0)  # new cases
    existing: Mapped[int] = mapped_column(default=0)  # already registered before
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CaseImportRow(Base):
    __tablename__ = "case_import_rows"

    import_id: Mapped[str] = mapped_column(
        ForeignKey("case_imports.id", ondelete="CASCADE"), primary_key=True
    )
    row: Mapped[int] = mapped_column(primary_key=True)
    intake: Mapped[dict[str, Any]] = mapped_column(JSONType)
    outcome: Mapped[str | None] = mapped_column(String(16))  # created | existing
    case_id: Mapped[str | None] = mapped_column(String(200))
