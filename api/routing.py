"""One rule for routers: each declares its resource's full prefix, `/api/v1/<resource>`."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.routing import APIRoute

API_ROOT = "/api/v1"


def operation_id(route: APIRoute) -> str:
    """The route function's name: unique across the API (a test checks), so a generated client
    gets `list_hazards` and multipart bodies are `Body_upload_attachment`."""
    return route.name


def resource_router(resource: str, tag: str) -> APIRouter:
    """The router of one resource, e.g. `hazards`, `cases/imports`, `units/{code}/webhook`;
    its route paths are relative: `""`, `/{id}`, `/{id}/<action>` or one fixed segment."""
    return APIRouter(
        prefix=f"{API_ROOT}/{resource}", tags=[tag], generate_unique_id_function=operation_id
    )


def joined(*routers: APIRouter) -> APIRouter:
    """A module's routers of several resources as the one `router` the app includes; called at
    the module's end, after its routes (some FastAPI versions copy routes when including)."""
    router = APIRouter()
    for part in routers:
        router.include_router(part)
    return router
