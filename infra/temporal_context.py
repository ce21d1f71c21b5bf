"""Carries the request id and actor from the API into workflows and activities.

The API binds them into structlog's contextvars; this interceptor copies them into a
Temporal header on every start, signal and update, re-binds them in workflow handlers
(so activities started there carry them on) and binds them, with the workflow and run
ids, into structlog's contextvars while an activity runs.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from typing import Any, Protocol

import structlog
import temporalio.activity
import temporalio.api.common.v1
import temporalio.client
import temporalio.converter
import temporalio.worker

HEADER_KEY = "qingling-context"
PROPAGATED_KEYS = ("request_id", "actor")

_workflow_context: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "qingling_workflow_context", default=None
)


class _HasHeaders(Protocol):
    headers: Mapping[str, temporalio.api.common.v1.Payload]


def _converter() -> temporalio.converter.PayloadConverter:
    return temporalio.converter.default().payload_converter


def _current_context() -> dict[str, str]:
    carried = _workflow_context.get()
    if carried is not None:
        return carried
    bound = structlog.contextvars.get_contextvars()
    return {key: str(bound[key]) for key in PROPAGATED_KEYS if bound.get(key)}


def _inject(target: _HasHeaders) -> None:
    context = _current_context()
    if context:
        target.headers = {**target.headers, HEADER_KEY: _converter().to_payload(context)}


def _extract(source: _HasHeaders) -> dict[str, str]:
    payload = source.headers.get(HEADER_KEY)
    if payload is None:
        return {}
    value = _converter().from_payload(payload, dict)
    return {str(k): str(v) for k, v in value.items()}


def _carry(source: _HasHeaders) -> None:
    """Each workflow run and handler is its own asyncio task with its own context copy."""
    _workflow_context.set(_extract(source))


class _ClientOutbound(temporalio.client.OutboundInterceptor):
    async def start_workflow(
        self, input: temporalio.client.StartWorkflowInput
    ) -> temporalio.client.WorkflowHandle[Any, Any]:
        _inject(input)
        return await super().start_workflow(input)

    async def signal_workflow(self, input: temporalio.client.SignalWorkflowInput) -> None:
        _inject(input)
        await super().signal_workflow(input)

    async def start_workflow_update(
        self, input: temporalio.client.StartWorkflowUpdateInput
    ) -> temporalio.client.WorkflowUpdateHandle[Any]:
        _inject(input)
        return await super().start_workflow_update(input)

    async def start_update_with_start_workflow(
        self, input: temporalio.client.StartWorkflowUpdateWithStartInput
    ) -> temporalio.client.WorkflowUpdateHandle[Any]:
        _inject(input.start_workflow_input)
        _inject(input.update_workflow_input)
        return await super().start_update_with_start_workflow(input)


class _ActivityInbound(temporalio.worker.ActivityInboundInterceptor):
    async def execute_activity(self, input: temporalio.worker.ExecuteActivityInput) -> Any:
        info = temporalio.activity.info()
        with structlog.contextvars.bound_contextvars(
            **_extract(input),
            workflow_id=info.workflow_id,
            run_id=info.workflow_run_id,
            activity=info.activity_type,
        ):
            return await super().execute_activity(input)


class _WorkflowOutbound(temporalio.worker.WorkflowOutboundInterceptor):
    def start_activity(self, input: temporalio.worker.StartActivityInput) -> Any:
        _inject(input)
        return super().start_activity(input)

    def start_local_activity(self, input: temporalio.worker.StartLocalActivityInput) -> Any:
        _inject(input)
        return super().start_local_activity(input)

    async def start_child_workflow(self, input: temporalio.worker.StartChildWorkflowInput) -> Any:
        _inject(input)
        return await super().start_child_workflow(input)

    async def signal_external_workflow(
        self, input: temporalio.worker.SignalExternalWorkflowInput
    ) -> None:
        _inject(input)
        await super().signal_external_workflow(input)


class _WorkflowInbound(temporalio.worker.WorkflowInboundInterceptor):
    def init(self, outbound: temporalio.worker.WorkflowOutboundInterceptor) -> None:
        super().init(_WorkflowOutbound(outbound))

    async def execute_workflow(self, input: temporalio.worker.ExecuteWorkflowInput) -> Any:
        _carry(input)
        return await super().execute_workflow(input)

    async def handle_signal(self, input: temporalio.worker.HandleSignalInput) -> None:
        _carry(input)
        await super().handle_signal(input)

    async def handle_update_handler(self, input: temporalio.worker.HandleUpdateInput) -> Any:
        _carry(input)
        return await super().handle_update_handler(input)


class ContextInterceptor(temporalio.client.Interceptor, temporalio.worker.Interceptor):
    """One interceptor for client and worker, so both ends agree on the header."""

    def intercept_client(
        self, next: temporalio.client.OutboundInterceptor
    ) -> temporalio.client.OutboundInterceptor:
        return _ClientOutbound(next)

    def intercept_activity(
        self, next: temporalio.worker.ActivityInboundInterceptor
    ) -> temporalio.worker.ActivityInboundInterceptor:
        return _ActivityInbound(next)

    def workflow_interceptor_class(
        self, input: temporalio.worker.WorkflowInterceptorClassInput
    ) -> type[temporalio.worker.WorkflowInboundInterceptor]:
        return _WorkflowInbound
