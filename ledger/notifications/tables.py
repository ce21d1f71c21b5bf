"""In-app inbox per account, and outbound webhooks per unit (the bridge to SMS/政务微信/钉钉)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Identity, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from ledger.base import Base, Timestamped
from ledger.campaigns.tables import JSONType


class Notification(Timestamped, Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_inbox", "username", "read_at", "id"),)

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    notification_key: Mapped[str] = mapped_column(String(500), unique=True)
    username: Mapped[str] = mapped_column(ForeignKey("accounts.username", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    task_id: Mapped[str | None] = mapped_column(String(300))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class UnitWebhook(Timestamped, Base):
    __tablename__ = "unit_webhooks"

    unit_code: Mapped[str] = mapped_column(
        ForeignKey("units.code", ondelete="CASCADE"), primary_key=True
    )
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    delivery_key: Mapped[str] = mapped_column(String(500), unique=True)
    unit_code: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(String(500))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
