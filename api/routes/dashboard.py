"""驾驶舱: the office's (and leaders', and a district's) figures for its territory, and every
campaign's progress, from indexed and pre-aggregated ledger tables."""

from __future__ import annotations

from api.deps import Actor, CurrentActor, SessionDep
from api.errors import ApiError
from api.paging import Page, PagingDep
from api.routing import resource_router
from domain.dashboard.figures import CampaignProgress, Dashboard
from domain.units.roles import Role
from infra.clock import today_in_beijing
from ledger.campaigns import service as campaigns
from ledger.dashboard.campaigns import campaign_progress
from ledger.dashboard.scope import scope_for, unit_tree
from ledger.dashboard.service import dashboard

router = resource_router("dashboard", "驾驶舱")


def _own_unit(actor: Actor) -> str | None:
    """A district account's own unit; None for the office and leaders (they see everything)."""
    if actor.role is Role.UNIT:
        raise ApiError(403, "forbidden_role", "驾驶舱仅限领导小组办公室、领导和区级账号查看")
    return actor.unit if actor.role is Role.DISTRICT else None


@router.get("", response_model=Dashboard, summary="驾驶舱（本辖区；指定专项行动时含其阶段与任务）")
async def dashboard_figures(
    actor: CurrentActor, session: SessionDep, campaign: str | None = None
) -> Dashboard:
    own_unit = _own_unit(actor)
    found = None
    if campaign is not None:
        found = await campaigns.get(session=session, campaign_id=campaign)
        if found is None:
            raise ApiError(404, "campaign_not_found", f"专项行动 {campaign} 不存在")
    return await dashboard(
        session=session, own_unit=own_unit, campaign=found, today=today_in_beijing()
    )


@router.get(
    "/campaigns", response_model=Page[CampaignProgress], summary="各专项行动的任务进度（本辖区）"
)
async def campaign_progress_list(
    actor: CurrentActor, session: SessionDep, paging: PagingDep
) -> Page[CampaignProgress]:
    scope = scope_for(await unit_tree(session=session), _own_unit(actor), None)
    found = await campaign_progress(session=session, scope=scope, today=today_in_beijing())
    window = found[paging.offset : paging.offset + paging.limit]  # one row per campaign
    return Page[CampaignProgress].of(window, len(found), paging)
