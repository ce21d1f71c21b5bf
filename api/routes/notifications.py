"""Each account's in-app inbox."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from api.deps import CurrentActor, SessionDep
from api.paging import Page, PagingDep
from api.routing import resource_router
from domain.units.naming import codes_in, with_names
from ledger.notifications import service as notifications
from ledger.units import service as units

router = resource_router("notifications", "通知")


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    title: str
    body: str
    task_id: str | None
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Page[NotificationRead]):
    unread: int = Field(description="本人全部未读通知数（不论筛选）")


class MarkRead(BaseModel):
    ids: list[int] = Field(min_length=1, max_length=500)


class Marked(BaseModel):
    marked: int


@router.get("", response_model=NotificationPage, summary="我的通知（新的在前）")
async def list_notifications(
    actor: CurrentActor, session: SessionDep, paging: PagingDep, unread: bool = False
) -> NotificationPage:
    items, total, unread_count = await notifications.inbox(
        session=session,
        username=actor.username,
        unread_only=unread,
        limit=paging.limit,
        offset=paging.offset,
    )
    views = [NotificationRead.model_validate(n) for n in items]
    codes = set().union(*(codes_in(f"{n.title} {n.body}") for n in views))
    names = await units.short_names(session=session, codes=codes)
    for view in views:  # written with unit codes; read with names
        view.title, view.body = with_names(view.title, names), with_names(view.body, names)
    return NotificationPage(
        items=views, total=total, limit=paging.limit, offset=paging.offset, unread=unread_count
    )


@router.post("/read", response_model=Marked, summary="标记为已读")
async def mark_notifications_read(
    body: MarkRead, actor: CurrentActor, session: SessionDep
) -> Marked:
    marked = await notifications.mark_read(
        session=session, username=actor.username, ids=body.ids, at=datetime.now(UTC)
    )
    await session.commit()
    return Marked(marked=marked)
