"""The one way this project connects to Temporal."""

from __future__ import annotations

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from infra.temporal_context import ContextInterceptor


async def connect_temporal(address: str, namespace: str = "default") -> Client:
    """A client with the pydantic converter (dates, Decimal, models) and context propagation."""
    return await Client.connect(
        address,
        namespace=namespace,
        data_converter=pydantic_data_converter,
        interceptors=[ContextInterceptor()],
    )
