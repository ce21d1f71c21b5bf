"""What the dashboard page must show for an answer of GET /api/v1/dashboard: each figure's text
keyed by its data-figure, formatted as the page formats it (万元, 66.7%, 逾期 3 天)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from playwright.async_api import Page

INDICATORS = ("real_name_update", "manager_on_site", "supervisor_on_site", "fund_rate", "full_rate")


def wan(amount: str) -> str:
    """lib/format.ts wanYuan: 万元 with two decimals, half away from zero, digits grouped."""
    value = (Decimal(amount) / 10_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{value:,.2f} 万元"


def rate(value: str | None) -> str:
    return "—" if value is None else f"{Decimal(value):.1f}%"


def days_left(days: int) -> str:
    if days > 0:
        return f"剩 {days} 个工作日"
    return "今天到期" if days == 0 else f"已过期 {-days} 个工作日"


def _campaign(panels: dict[str, Any]) -> dict[str, str]:
    shown: dict[str, str] = {}
    for p in panels["phases"]:
        for name in ("total", "completed", "overdue"):
            shown[f"phase.{p['key']}.{name}"] = str(p[name])
    for u in panels["units"]:
        for name in ("total", "completed", "overdue"):
            shown[f"unit.{u['unit']}.{name}"] = str(u[name])
    shown["overdue.total"] = str(panels["overdue_total"])
    for t in panels["overdue"]:
        shown[f"overdue.{t['task_id']}.days"] = f"逾期 {t['days_overdue']} 天"
    shown["supervision.total"] = str(panels["supervision"]["total"])
    shown["supervision.major"] = str(panels["supervision"]["major_cases"])
    for s in panels["escalations"]:
        shown[f"step.{s['state']}"] = str(s["tasks"])
    for r in panels["ranking"]:
        shown[f"rank.{r['code']}.rank"] = str(r["rank"])
        for name in ("on_time_rate", "clearance_rate", "indicator_rate"):
            shown[f"rank.{r['code']}.{name}"] = rate(r[name])
    for g in panels["goals"]:
        shown[f"goal.{g['key']}.days"] = days_left(g["working_days_left"])
        shown[f"goal.{g['key']}.open"] = str(g["open"])
        shown[f"goal.{g['key']}.cleared"] = str(g["cleared"])
        shown[f"goal.{g['key']}.rate"] = rate(g["rate"])
    return shown


def expected_figures(board: dict[str, Any]) -> dict[str, str]:
    cases, hazards = board["cases"], board["hazards"]
    shown = _campaign(board["campaign"]) if board["campaign"] else {}
    shown |= {
        "cases.total": str(cases["total"]),
        "cases.open": str(cases["open"]),
        "cases.workers": str(cases["workers"]),
        "cases.owed": wan(cases["owed"]),
        "cases.paid": wan(cases["paid"]),
        "hazards.open": str(hazards["open"]),
        "hazards.total": str(hazards["total"]),
    }
    if cases["total"]:  # the breakdowns appear once there is a case
        shown |= {f"cases.status.{s['key']}": str(s["count"]) for s in cases["by_status"]}
        shown |= {f"cases.sector.{s['key']}": str(s["count"]) for s in cases["by_sector"]}
    for d in cases["by_district"]:
        shown[f"cases.district.{d['key']}"] = f"{d['cases']} 件"
        shown[f"cases.owed.{d['key']}"] = wan(d["owed"])
        shown[f"cases.paid.{d['key']}"] = wan(d["paid"])
    shown |= {f"hazards.status.{s['key']}": str(s["count"]) for s in hazards["by_status"]}
    for d in hazards["by_district"]:
        shown[f"hazards.district.{d['key']}.open"] = str(d["open"])
        shown[f"hazards.district.{d['key']}.total"] = str(d["total"])
    for row in board["indicators"]["rows"]:
        for name in INDICATORS:
            shown[f"indicator.{row['district']}.{name}"] = rate(row[name])
    return shown


async def shown_figures(page: Page) -> dict[str, str]:
    """Every figure on the page by its data-figure, as its text reads."""
    found: dict[str, str] = await page.eval_on_selector_all(
        "[data-figure]",
        "els => Object.fromEntries(els.map(e => [e.dataset.figure, e.textContent.trim()]))",
    )
    return found
