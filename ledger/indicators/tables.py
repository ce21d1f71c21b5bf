"""Weekly indicators as submitted (counts): per district, and per project (一金三制, 8个100%)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped


class WeeklyCounts(Timestamped):
    """One subject's counts for one metric in one week; the subject column is the table's."""

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    week_start: Mapped[date] = mapped_column(Date, index=True)
    metric: Mapped[str] = mapped_column(String(32))
    numerator: Mapped[int]
    denominator: Mapped[int]
    submitted_by: Mapped[str] = mapped_column(String(64))


class DistrictIndicator(WeeklyCounts, Base):
    __tablename__ = "district_indicators"
    __table_args__ = (UniqueConstraint("district", "week_start", "metric"),)

    district: Mapped[str] = mapped_column(ForeignKey("units.code"))


class ProjectIndicator(WeeklyCounts, Base):
    __tablename__ = "project_indicators"
    __table_args__ = (UniqueConstraint("project", "week_start", "metric"),)

    project: Mapped[str] = mapped_column(ForeignKey("projects.code"))


class IndicatorRevision(Base):
    """Every submitted row, never changed: the figures as they stood at any instant, so a
    report re-run for a past instant reads what its first run read (the tables above hold
    only the latest, for the API)."""

    __tablename__ = "indicator_revisions"
    __table_args__ = (Index("ix_indicator_revisions_week", "week_start", "subject_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    subject_kind: Mapped[str] = mapped_column(String(16))  # district | project
    subject: Mapped[str] = mapped_column(String(64))
    week_start: Mapped[date] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(32))
    numerator: Mapped[int]
    denominator: Mapped[int]
    submitted_by: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
