"""Produced reports: their figures and both files, kept in the ledger so every API replica serves
them without a shared disk (a bulletin is tens of kilobytes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Integer, LargeBinary, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped
from ledger.campaigns.tables import JSONType


class Report(Timestamped, Base):
    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(300), primary_key=True)  # also its workflow id
    campaign_id: Mapped[str] = mapped_column(String(64), index=True)
    duty_key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    period_end: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    period_label: Mapped[str] = mapped_column(String(100))
    case_id: Mapped[str | None] = mapped_column(String(200))
    requested_by: Mapped[str] = mapped_column(String(64))
    figures: Mapped[dict[str, Any]] = mapped_column(JSONType)
    xlsx: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    docx: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class DocumentNumber(Base):
    """发文字号: one per produced report, numbered per issuing office and year without gaps (a
    number is taken in the transaction that stores the report, so a rollback returns it)."""

    __tablename__ = "report_document_numbers"
    __table_args__ = (UniqueConstraint("issuer", "year", "number"),)

    report_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    issuer: Mapped[str] = mapped_column(String(64))  # the office's unit code
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    dated: Mapped[date] = mapped_column(Date)  # 成文日期: the Beijing day it was first produced
