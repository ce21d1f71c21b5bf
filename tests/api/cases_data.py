"""A clue as the intake API receives it, for the case tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.workflows.case_fixtures import VALID_USCC

PIAN1_TEXT = (
    Path(__file__).resolve().parents[2] / "plans" / "pian1-tianjin-winter.yaml"
).read_text("utf-8")


def clue(external_id: str = "GJ20261126001", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source": "national_platform",
        "external_id": external_id,
        "received_at": "2026-11-26T09:30:00+08:00",
        "complainants": [
            {"name": "李红梅", "phone": "13912345678", "id_number": "12010119850203123X"}
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
