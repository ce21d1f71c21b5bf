"""Weekly district indicators as submitted (counts), one row per district, week and metric."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped


class DistrictIndicator(Timestamped, Base):
    __tablename__ = "district_indicators"
    __table_args__ = (UniqueConstraint("district", "week_start", "metric"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    district: Mapped[str] = mapped_column(ForeignKey("units.code"))
    week_start: Mapped[date] = mapped_column(Date, index=True)
    metric: Mapped[str] = mapped_column(String(32))
    numerator: Mapped[int]
    denominator: Mapped[int]
    submitted_by: Mapped[str] = mapped_column(String(64))
