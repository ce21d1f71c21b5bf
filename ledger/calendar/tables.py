"""Official holiday arrangements loaded by the office, one row per year."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped
from ledger.campaigns.tables import JSONType


class CalendarYear(Timestamped, Base):
    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    arrangement: Mapped[dict[str, Any]] = mapped_column(JSONType)
    loaded_by: Mapped[str] = mapped_column(String(64))
