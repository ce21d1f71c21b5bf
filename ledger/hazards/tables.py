"""隐患台账: one row per hazard, with its 五个一, 四包 and history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Identity, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped
from ledger.campaigns.tables import JSONType


class Hazard(Timestamped, Base):
    __tablename__ = "hazards"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)  # the workflow id
    number: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    district: Mapped[str] = mapped_column(String(64), index=True)
    risk: Mapped[str] = mapped_column(String(8))
    employer_name: Mapped[str] = mapped_column(String(200))
    employer_code: Mapped[str | None] = mapped_column(String(18))
    project: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    campaign_id: Mapped[str | None] = mapped_column(String(64))
    five_ones: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    four_packages: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    deadline: Mapped[date | None] = mapped_column(Date)
    escalation: Mapped[str | None] = mapped_column(String(32))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reopened: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class HazardEvent(Base):
    __tablename__ = "hazard_events"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    hazard_id: Mapped[str] = mapped_column(ForeignKey("hazards.id", ondelete="CASCADE"), index=True)
    event_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
