"""The one way this project connects to Temporal."""

from __future__ import annotations

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter

from infra.temporal_context import ContextInterceptor

DATA_CONVERTER = pydantic_data_converter  # dates, Decimal, models


def temporal_interceptors() -> list[ContextInterceptor]:
    """Context propagation; a worker takes these and the converter from the client it runs on."""
    return [ContextInterceptor()]


async def connect_temporal(address: str, namespace: str = "default") -> Client:
    """A client with the pydantic converter and context propagation."""
    return await Client.connect(
        address,
        namespace=namespace,
        data_converter=DATA_CONVERTER,
        interceptors=temporal_interceptors(),
    )
