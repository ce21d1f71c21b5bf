"""任务汇总 (task tallies): tasks counted by campaign, phase, unit, rung, status, deadline and
whether they were completed by the end of their deadline day, kept by triggers on `tasks`
(migration 0015) in the writing transaction: a campaign's progress is a read of its groups."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base


class TaskTally(Base):
    """'' stands for an absent phase or rung; a group whose tasks all moved on keeps zeros."""

    __tablename__ = "task_tallies"

    campaign_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    phase_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    escalation: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    deadline: Mapped[date] = mapped_column(Date, primary_key=True)
    on_time: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    tasks: Mapped[int] = mapped_column(BigInteger)
