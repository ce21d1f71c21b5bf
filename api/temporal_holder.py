"""A Temporal client connected on first use, so the API starts even while Temporal is down."""

from __future__ import annotations

import asyncio

from temporalio.client import Client

from infra.temporal_client import connect_temporal


class TemporalHolder:
    def __init__(self, address: str, namespace: str):
        self.address = address
        self.namespace = namespace
        self._client: Client | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Client:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    self._client = await connect_temporal(self.address, self.namespace)
        return self._client
