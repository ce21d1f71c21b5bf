"""A clue as the intake API receives it, for the case tests; received now on the machine's
clock (the API's) unless a test says when."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from domain.escalation import SHANGHAI
from tests.scenario_dates import beijing_date, beijing_time, machine_now
from tests.workflows.case_fixtures import VALID_USCC

PIAN1_TEXT = (
    Path(__file__).resolve().parents[2] / "plans" / "pian1-tianjin-winter.yaml"
).read_text("utf-8")


def beijing_text(instant: datetime) -> str:
    """An instant as a clue platform writes it: Beijing wall-clock time with its offset."""
    return instant.astimezone(SHANGHAI).isoformat(timespec="seconds")


def received_on(day: date, hour: int = 9, minute: int = 30) -> str:
    """`received_at` for a clue that came in at this Beijing time of `day`."""
    return beijing_text(beijing_time(day, hour, minute))


def received_day(body: dict[str, Any]) -> date:
    """The Beijing day a clue was received: its time limits count from that day."""
    return beijing_date(datetime.fromisoformat(body["received_at"]))


def clue(external_id: str = "GJ-CLUE-1", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source": "national_platform",
        "external_id": external_id,
        "received_at": beijing_text(machine_now().replace(microsecond=0)),
        "complainants": [
            {"name": "李红梅", "phone": "13912345678", "id_number": "120101198502031233"}
        ],
        "workers_affected": 8,
        "amount_claimed": "96000.00",
        "employer": {"name": "天津某劳务有限公司", "credit_code": VALID_USCC},
        "project": {
            "name": "和平区某学校改造",
            "type": "social",
            "general_contractor": "某建设集团",
        },
        "sector": "工程建设",
        "district": "tj.hp",
        "description": "8 名工人反映 10 月、11 月工资未发",
    }
    body.update(changes)
    return body
