"""The span a report covers, from the instant it is "as of".

A scheduled report is as of a Beijing midnight (weekly and daily: the morning it fires; monthly:
the first of the month), so the run a schedule starts and any later re-run for the same day
cover exactly the same span and give the same figures.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from domain.escalation import SHANGHAI, beijing_date, start_of_day
from domain.plan.model import ReportKind
from domain.tasks.model import Frozen

PRODUCED_KINDS = frozenset(
    {ReportKind.WEEKLY, ReportKind.MONTHLY, ReportKind.DAILY, ReportKind.SPECIAL}
)
SCHEDULED_KINDS = frozenset({ReportKind.WEEKLY, ReportKind.MONTHLY, ReportKind.DAILY})


class ReportPeriod(Frozen):
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive: the report's "as of"
    label: str  # what a reader sees, in Beijing days


def last_day(instant: datetime) -> date:
    """The Beijing day that holds the last moment before `instant`."""
    return (instant - timedelta(microseconds=1)).astimezone(SHANGHAI).date()


def _span(first: date, last: date) -> str:
    if first == last:
        return f"{first.year}年{first.month}月{first.day}日"
    return f"{first.year}年{first.month}月{first.day}日—{last.month}月{last.day}日"


def scheduled_as_of(kind: ReportKind, fired_at: datetime) -> datetime:
    """The instant a scheduled run reports on: the last Beijing midnight, or for a monthly
    bulletin the first of the month it fires in (it covers the month before)."""
    today = beijing_date(fired_at)
    if kind is ReportKind.MONTHLY:
        return start_of_day(today.replace(day=1))
    return start_of_day(today)


def report_instant(kind: ReportKind, asked: datetime, campaign_start: date) -> datetime:
    """The instant an on-demand report is as of: a monthly bulletin covers the last whole
    calendar month, so asked for on 12-01 or 12-15 it is as of 12-01 00:00 (November); asked
    for in the campaign's first month, which has no whole month before it, it covers the month
    so far. Other kinds report as of the instant asked."""
    if kind is not ReportKind.MONTHLY:
        return asked
    first = start_of_day(beijing_date(asked).replace(day=1))
    return first if first > start_of_day(campaign_start) else asked


def period_for(kind: ReportKind, as_of: datetime, campaign_start: date) -> ReportPeriod:
    """Weekly: the seven days before; daily: the Beijing day before (or so far today);
    monthly: the calendar month so far; special: the whole campaign so far. Never before the
    campaign's first day."""
    last = last_day(as_of)
    if kind is ReportKind.WEEKLY:
        start = as_of - timedelta(days=7)
    elif kind is ReportKind.DAILY:
        start = start_of_day(last)
    elif kind is ReportKind.MONTHLY:
        start = start_of_day(last.replace(day=1))
    else:
        start = start_of_day(campaign_start)
    start = max(start, start_of_day(campaign_start))
    first = beijing_date(start)
    label = _span(first, last)
    if as_of.astimezone(SHANGHAI).time() != time(0):
        label += f"（截至{as_of.astimezone(SHANGHAI):%H:%M}）"
    return ReportPeriod(start=start, end=as_of, label=label)


def report_id(campaign_id: str, duty_key: str, as_of: datetime, case_id: str | None = None) -> str:
    """One report per duty and instant (and case, for a 专报); also its workflow id. Scheduled
    instants are whole minutes; an instant asked for "now" keeps its seconds and fraction."""
    local = as_of.astimezone(SHANGHAI)
    stamp = local.strftime("%Y%m%dT%H%M")
    if local.second or local.microsecond:
        stamp += local.strftime("%S.%f")
    suffix = f":{case_id}" if case_id else ""
    return f"report:{campaign_id}:{duty_key}:{stamp}{suffix}"
