"""Per-unit outbound webhooks (to SMS, 政务微信 or 钉钉 gateways) and their delivery record."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import OfficeActor, SessionDep
from api.errors import ApiError
from ledger.notifications import service as notifications
from ledger.units import service as units

router = APIRouter(prefix="/api/v1", tags=["外发通知"])


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


@router.put(
    "/units/{code}/webhook", response_model=WebhookRead, summary="设置单位外发通知地址（办公室）"
)
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


@router.get(
    "/webhook-deliveries", response_model=list[DeliveryRead], summary="外发通知记录（办公室）"
)
async def deliveries(
    actor: OfficeActor, session: SessionDep, status: str | None = None
) -> list[DeliveryRead]:
    found = await notifications.deliveries(session=session, status=status)
    return [DeliveryRead.model_validate(d) for d in found]
