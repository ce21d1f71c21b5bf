"""Outbound webhooks: a signed JSON POST per delivery, retried by Temporal, outcome kept."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from domain.tasks.records import WebhookInput
from ledger.notifications import service as notifications

SIGNATURE_HEADER = "X-Qingling-Signature"


def sign(secret: str, body: bytes) -> str:
    """`sha256=<hex>` of the exact body bytes, as the receiving gateway recomputes it."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookActivities:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], http: httpx.AsyncClient):
        self.session_factory = session_factory
        self.http = http

    @activity.defn(name="webhook.deliver")
    async def deliver(self, body: WebhookInput) -> None:
        """POST once; on failure keep the error visible and raise so Temporal retries."""
        async with self.session_factory() as session:
            delivery, hook = await notifications.delivery_and_hook(
                session=session, delivery_key=body.delivery_key, unit=body.unit
            )
        if delivery is None or hook is None or delivery.status == "delivered":
            return
        payload = json.dumps(
            {**delivery.payload, "delivery": body.delivery_key}, ensure_ascii=False
        ).encode()
        error_text: str | None = None
        try:
            answer = await self.http.post(
                delivery.url,
                content=payload,
                headers={
                    "Content-Type": "application/json",
                    SIGNATURE_HEADER: sign(hook.secret, payload),
                },
                timeout=10,
            )
            answer.raise_for_status()
        except httpx.HTTPError as error:
            error_text = f"{type(error).__name__}: {error}"[:1000]
        async with self.session_factory() as session, session.begin():
            await notifications.record_attempt(
                session=session, delivery_id=delivery.id, error=error_text
            )
        if error_text:
            raise RuntimeError(f"webhook delivery failed: {error_text}")
