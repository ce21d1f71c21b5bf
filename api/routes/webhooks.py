"""Per-unit outbound webhooks (to SMS, 政务微信 or 钉钉 gateways) and their delivery record."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.deps import OfficeActor, SessionDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import joined, resource_router
from ledger.notifications import service as notifications
from ledger.units import service as units

TAG = "外发通知"
webhook = resource_router("units/{code}/webhook", TAG)
webhook_deliveries = resource_router("webhook-deliveries", TAG)


class WebhookBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(pattern=r"^https?://", max_length=500)
    secret: str = Field(min_length=16, max_length=200)
    active: bool = True


class WebhookRead(BaseModel):
    unit_code: str
    url: str
    active: bool


class DeliveryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    delivery_key: str
    unit_code: str
    url: str
    status: str
    attempts: int
    last_error: str | None
    updated_at: datetime


@webhook.put("", response_model=WebhookRead, summary="设置单位外发通知地址（办公室）")
async def set_webhook(
    code: str, body: WebhookBody, actor: OfficeActor, session: SessionDep
) -> WebhookRead:
    if await units.get(session=session, code=code) is None:
        raise ApiError(404, "unit_not_found", f"单位编码 {code} 不存在")
    await notifications.set_webhook(
        session=session, unit=code, url=body.url, secret=body.secret, active=body.active
    )
    await session.commit()
    return WebhookRead(unit_code=code, url=body.url, active=body.active)


@webhook_deliveries.get(
    "", response_model=Page[DeliveryRead], summary="外发通知记录（办公室，新的在前）"
)
async def list_webhook_deliveries(
    actor: OfficeActor, session: SessionDep, paging: PagingDep, status: str | None = None
) -> Page[DeliveryRead]:
    found, total = await notifications.deliveries(
        session=session, status=status, limit=paging.limit, offset=paging.offset
    )
    return Page[DeliveryRead].of([DeliveryRead.model_validate(d) for d in found], total, paging)


router = joined(webhook, webhook_deliveries)
