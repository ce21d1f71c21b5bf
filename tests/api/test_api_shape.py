"""One API shape: every list a page, clean schema names for a generated client, and one rule for
router prefixes (docs/architecture.md, "One API shape")."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
from fastapi import APIRouter
from fastapi.routing import APIRoute

from api import routes
from api.paging import MAX_LIMIT, MAX_OFFSET
from api.routing import API_ROOT

OUTSIDE_THE_API = {"/healthz", "/readyz"}


async def openapi(client: httpx.AsyncClient) -> dict[str, Any]:
    answer = await client.get("/openapi.json")
    assert answer.status_code == 200
    document: dict[str, Any] = answer.json()
    return document


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


async def test_schema_names_are_clean_and_every_reference_resolves(
    client: httpx.AsyncClient,
) -> None:
    document = await openapi(client)
    names = set(document["components"]["schemas"])
    assert [n for n in names if "__" in n] == []  # no `api__routes__x__Y` from a clash
    assert [n for n in names if not re.fullmatch(r"[A-Z][A-Za-z0-9_]*", n)] == []
    assert "Page_HazardRead_" in names and "DecisionBody" in names
    prefix = "#/components/schemas/"
    assert {r.removeprefix(prefix) for r in refs(document)} <= names
    assert all(r.startswith(prefix) for r in refs(document))


async def test_every_list_is_a_page_with_one_window(client: httpx.AsyncClient) -> None:
    document = await openapi(client)
    schemas = document["components"]["schemas"]
    pages = 0
    for path, method, operation in operations(document):
        answer = operation["responses"].get("200", {}).get("content", {})
        schema = answer.get("application/json", {}).get("schema", {})
        assert schema.get("type") != "array", (method, path)  # a bare list
        if "$ref" not in schema:
            continue
        page = schemas[schema["$ref"].rsplit("/", 1)[1]]
        if "items" not in page.get("properties", {}):
            continue
        pages += 1
        assert {"items", "total", "limit", "offset"} <= set(page["required"]), path
        window = {p["name"]: p["schema"] for p in operation["parameters"] if p["in"] == "query"}
        assert window["limit"]["maximum"] == MAX_LIMIT, path
        assert window["offset"]["maximum"] == MAX_OFFSET, path
    assert pages >= 20


async def test_operation_ids_are_unique_and_plain(client: httpx.AsyncClient) -> None:
    ids = Counter(op["operationId"] for _, _, op in operations(await openapi(client)))
    assert [i for i, n in ids.items() if n > 1] == []
    assert [i for i in ids if not re.fullmatch(r"[a-z][a-z_]*", i)] == []


def resource_routers() -> Iterator[tuple[str, APIRouter]]:
    for info in pkgutil.iter_modules(routes.__path__):
        module = importlib.import_module(f"api.routes.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, APIRouter) and value.prefix:
                yield f"{info.name}.{name}", value


async def test_every_router_declares_its_resource_prefix(client: httpx.AsyncClient) -> None:
    declared: set[tuple[str, str]] = set()
    for name, router in resource_routers():
        assert re.fullmatch(rf"{API_ROOT}(/[a-z-]+|/\{{[a-z_]+\}})+", router.prefix), name
        assert not router.prefix.endswith("}"), name  # a resource is named, not an id
        for route in router.routes:
            assert isinstance(route, APIRoute)
            relative = route.path.removeprefix(router.prefix)
            # the collection, one item and what is under it, or one fixed view or action
            assert re.fullmatch(r"(/\{[a-z_]+\}(/.*)?|/[a-z.-]+)?", relative), (name, relative)
            declared |= {(method.lower(), route.path) for method in route.methods or ()}
    served = {
        (method, path)
        for path, method, _ in operations(await openapi(client))
        if path not in OUTSIDE_THE_API
    }
    assert served == declared  # no route outside its resource's router
