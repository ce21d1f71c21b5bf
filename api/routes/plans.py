"""Plan templates (the five source plans) and the plan format's JSON schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.deps import CurrentActor
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from documents.plan_file import TemplateInfo, list_templates, template_data
from domain.plan.model import Plan

router = resource_router("plans", "方案")

TEMPLATES = Path(__file__).resolve().parents[2] / "plans"


def template_path(key: str) -> Path:
    """The template file whose plan key is `key` (404 otherwise)."""
    for info in list_templates(TEMPLATES):
        if info.key == key:
            return TEMPLATES / info.file
    raise ApiError(404, "template_not_found", f"方案模板 {key} 不存在")


@router.get("", response_model=Page[TemplateInfo], summary="方案模板列表")
async def list_plan_templates(actor: CurrentActor, paging: PagingDep) -> Page[TemplateInfo]:
    return Page[TemplateInfo].cut(list_templates(TEMPLATES), paging)


@router.get("/schema", summary="方案格式（JSON Schema）")
async def plan_schema(actor: CurrentActor) -> dict[str, Any]:
    return Plan.model_json_schema()


@router.get("/{key}", summary="方案模板内容（YAML 解析后）")
async def plan_template(key: str, actor: CurrentActor) -> dict[str, Any]:
    return template_data(template_path(key))
