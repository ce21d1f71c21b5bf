"""One page type for every list: items, total, limit, offset; and the one limit/offset query."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, Self, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000  # beyond any list here; a larger integer is a 422, not a database error


@dataclass(frozen=True)
class Paging:
    """The window a list was asked for."""

    limit: int
    offset: int


def _paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="每页条数")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="跳过前面的条数")] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


PagingDep = Annotated[Paging, Depends(_paging)]


class Page(BaseModel, Generic[T]):
    """A page of a list; `total` counts every item that matches, on all pages. In the OpenAPI
    document `Page[HazardRead]` is the schema `Page_HazardRead_`."""

    items: list[T]
    total: int = Field(description="符合条件的总条数")
    limit: int
    offset: int

    @classmethod
    def of(cls, items: Sequence[T], total: int, paging: Paging) -> Self:
        """A page the ledger has already cut (SQL LIMIT/OFFSET), with its count."""
        return cls(items=list(items), total=total, limit=paging.limit, offset=paging.offset)

    @classmethod
    def cut(cls, items: Sequence[T], paging: Paging) -> Self:
        """A page of a short list held whole in memory (files, Temporal Schedules)."""
        window = items[paging.offset : paging.offset + paging.limit]
        return cls.of(window, len(items), paging)
