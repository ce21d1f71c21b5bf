"""Department tasks and their append-only history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    String,
    Text,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped
from ledger.campaigns.tables import JSONType

_OPEN = "status IN ('open', 'in_progress')"  # the partial indexes' predicates (migration 0015)
_SUPERVISED = "escalation IN ('supervised', 'accountability')"


class Task(Timestamped, Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_inbox", "unit_code", "status", "deadline"),
        Index("ix_tasks_campaign_progress", "campaign_id", "phase_key", "unit_code", "status"),
        Index("ix_tasks_overdue", "status", "deadline"),
        Index("ix_tasks_unlaunched", "campaign_id", "launched", "id"),
        Index("ix_tasks_leader", "supervising_leader", "status"),  # the leader's queue
        Index("ix_tasks_open_deadline", "campaign_id", "deadline", postgresql_where=text(_OPEN)),
        Index(
            "ix_tasks_supervised",
            "campaign_id",
            "deadline",
            postgresql_where=text(f"{_OPEN} AND {_SUPERVISED}"),
        ),
    )

    id: Mapped[str] = mapped_column(String(300), primary_key=True)  # the workflow id
    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    task_key: Mapped[str] = mapped_column(String(100))
    occurrence: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    phase_key: Mapped[str | None] = mapped_column(String(64))
    lead_unit: Mapped[str | None] = mapped_column(String(64))
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"))
    deadline: Mapped[date] = mapped_column(Date)
    deadline_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deliverables: Mapped[list[str]] = mapped_column(JSONType, default=lambda: ["note"])
    # the figures the plan names for a `figures` deliverable: [{key, label, unit}]
    figure_fields: Mapped[list[dict[str, str]]] = mapped_column(
        JSONType, default=list, server_default=text("'[]'")
    )
    launched: Mapped[bool] = mapped_column(default=True)  # False until its workflow is started
    status: Mapped[str] = mapped_column(String(16), default="open")
    progress: Mapped[int] = mapped_column(default=0)
    escalation: Mapped[str | None] = mapped_column(String(32))
    supervising_leader: Mapped[str | None] = mapped_column(String(64))
    pending_extension: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    nil_report: Mapped[bool] = mapped_column(default=False, server_default=false())  # 零报告
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class TaskEvent(Base):
    """One thing that happened to a task: who, when, what, from → to. Never updated."""

    __tablename__ = "task_events"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    event_key: Mapped[str] = mapped_column(String(400), unique=True)  # idempotency
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class Escalation(Timestamped, Base):
    """One step of the ladder, recorded once: the supervision list and 问责 records read it.

    `recorded_at` is when the workflow fired the step; `created_at` when the ledger got it.
    """

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    escalation_key: Mapped[str] = mapped_column(String(400), unique=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[str] = mapped_column(String(64), index=True)
    unit_code: Mapped[str] = mapped_column(String(64), index=True)
    step_key: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32), index=True)
    label: Mapped[str] = mapped_column(String(100))
    deadline: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)
    recipients: Mapped[list[str]] = mapped_column(JSONType, default=list)
    leader: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
