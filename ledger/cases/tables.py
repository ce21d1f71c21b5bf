"""The case ledger (欠薪案件台账): one row per case, its parties, payments and history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
    text,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column

from domain.cases.rules import OPEN
from ledger.base import Base, Timestamped
from ledger.campaigns.tables import JSONType
from ledger.units.accounts_table import Account

MONEY = Numeric(14, 2)


OPEN_STATUSES = tuple(status.value for status in OPEN)  # the partial index and its queries agree
_OPEN_SQL = "status IN (" + ", ".join(f"'{status}'" for status in OPEN_STATUSES) + ")"


class Case(Timestamped, Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_cases_list", "status", "district", "received_at"),
        Index("ix_cases_leader", "leader", "status"),
        # lists are newest first: walking this index stops after one page instead of sorting
        Index("ix_cases_received", text("received_at DESC"), "id"),
        Index("ix_cases_major", text("received_at DESC"), "id", postgresql_where=text("major")),
        Index("ix_cases_amount", "amount_claimed"),
        Index(
            "ix_cases_open_deadline",
            "close_deadline",
            postgresql_where=text(_OPEN_SQL),
        ),
    )

    id: Mapped[str] = mapped_column(String(200), primary_key=True)  # the workflow id
    case_number: Mapped[str] = mapped_column(String(32), unique=True)
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    receiving_unit: Mapped[str] = mapped_column(ForeignKey("units.code"))
    handling_unit: Mapped[str | None] = mapped_column(ForeignKey("units.code"))
    district: Mapped[str] = mapped_column(String(64))
    town: Mapped[str | None] = mapped_column(String(64))
    sector: Mapped[str] = mapped_column(String(50))
    workers_claimed: Mapped[int]
    amount_claimed: Mapped[Decimal] = mapped_column(MONEY)
    verified_workers: Mapped[int | None]
    verified_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    paid_amount: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0.00"))
    employer_name: Mapped[str] = mapped_column(String(200))
    employer_code: Mapped[str | None] = mapped_column(String(18), index=True)
    project_name: Mapped[str | None] = mapped_column(String(200))
    project_type: Mapped[str | None] = mapped_column(String(16))
    general_contractor: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    major: Mapped[bool] = mapped_column(Boolean, default=False)
    major_reasons: Mapped[list[str]] = mapped_column(JSONType, default=list)
    leader: Mapped[str | None] = mapped_column(String(64))
    # the leader as people know them (领导包案 names a person, not an account)
    leader_name: Mapped[str | None] = column_property(
        select(func.coalesce(Account.display_name, Account.username))
        .where(Account.username == leader)
        .scalar_subquery(),
        expire_on_flush=False,
    )
    task_force: Mapped[list[str]] = mapped_column(JSONType, default=list)  # 专案组
    escalation: Mapped[str | None] = mapped_column(String(32))
    route: Mapped[str | None] = mapped_column(String(16))
    accept_deadline: Mapped[date] = mapped_column(Date)
    close_deadline: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reopened: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class CaseParty(Base):
    """Complainants: personal data, kept apart so lists and exports never touch it by accident."""

    __tablename__ = "case_parties"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(18))


class CaseEvent(Base):
    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    event_key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class CasePayment(Base):
    __tablename__ = "case_payments"
    __table_args__ = (UniqueConstraint("case_id", "payment_id"),)

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    payment_id: Mapped[str] = mapped_column(String(64))
    amount: Mapped[Decimal] = mapped_column(MONEY)
    payer: Mapped[str] = mapped_column(String(32))
    workers: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
