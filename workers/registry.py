"""Every workflow and activity the worker runs, in one list each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

WORKFLOWS: Sequence[type] = ()


def build_activities(session_factory: async_sessionmaker[AsyncSession]) -> list[Callable[..., Any]]:
    """Activity instances with their dependencies injected; their bound methods are registered."""
    return []
