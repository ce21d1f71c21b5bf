"""Percentiles and the printed table: each figure beside its same-run baseline and target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Figure:
    name: str
    value: str
    baseline: str
    target: str
    met: bool | None


def table(figures: Sequence[Figure]) -> str:
    lines = [
        "| figure | measured | baseline (same run) | target | met |",
        "|---|---|---|---|---|",
    ]
    for f in figures:
        met = "—" if f.met is None else ("yes" if f.met else "**no**")
        lines.append(f"| {f.name} | {f.value} | {f.baseline} | {f.target} | {met} |")
    return "\n".join(lines)
