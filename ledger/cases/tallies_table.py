"""案件汇总 (case tallies): the case ledger counted by territory, sector, status, major, project
type and ladder rung, kept by triggers on `cases` (migration 0015) in the writing transaction, so
the dashboard reads a few hundred rows instead of scanning every case."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base

TALLY_MONEY = Numeric(18, 2)


class CaseTally(Base):
    """One group's sums; '' stands for an absent town, project type or rung (key columns cannot
    be NULL). A group whose cases all moved on stays with zeros: harmless to every sum."""

    __tablename__ = "case_tallies"

    district: Mapped[str] = mapped_column(String(64), primary_key=True)
    town: Mapped[str] = mapped_column(String(64), primary_key=True)
    sector: Mapped[str] = mapped_column(String(50), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    major: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    project_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    escalation: Mapped[str] = mapped_column(String(32), primary_key=True)
    cases: Mapped[int] = mapped_column(BigInteger)
    workers: Mapped[int] = mapped_column(BigInteger)
    owed: Mapped[Decimal] = mapped_column(TALLY_MONEY)  # verified amount, else claimed
    paid: Mapped[Decimal] = mapped_column(TALLY_MONEY)
