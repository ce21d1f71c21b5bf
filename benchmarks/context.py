"""What every part of a benchmark run shares: the stack's clients and the figures so far."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from benchmarks.figures import Figure, percentile

CONCURRENCY = 32  # the launcher's and importer's start concurrency; the baseline uses it too


@dataclass
class Bench:
    http: httpx.AsyncClient
    headers: dict[str, str]
    client: Client
    session_factory: async_sessionmaker[AsyncSession]
    raw_rate: float  # trivial workflow starts per second at CONCURRENCY
    quick: bool
    figures: list[Figure] = field(default_factory=list)

    def report(self, figure: Figure) -> None:
        """Keep the figure for the table and show it at once: a long run shows progress."""
        self.figures.append(figure)
        print(
            f"{figure.name}: {figure.value} (baseline {figure.baseline}; target {figure.target})",
            flush=True,
        )


def spread(seconds: list[float]) -> str:
    return (
        f"p50 {percentile(seconds, 50):.1f} s, p99 {percentile(seconds, 99):.1f} s, "
        f"max {max(seconds):.1f} s"
    )
