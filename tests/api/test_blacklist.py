"""Enterprise registry from cases, and the blacklist's proposals and office decisions."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.cases_data import clue
from tests.api.conftest import Login
from tests.workflows.case_fixtures import VALID_USCC


async def test_listing_and_removal_with_approvals(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    leader = await login("leader", Role.LEADER, "tj")
    case_id = (await client.post("/api/v1/cases", json=clue("GJ-BL-1"), headers=unit)).json()["id"]
    registry = (await client.get("/api/v1/enterprises", params={"q": "劳务"}, headers=unit)).json()
    assert registry == {
        "items": [
            {
                "credit_code": VALID_USCC,
                "name": "天津某劳务有限公司",
                "cases": 1,
                "blacklist_status": None,
            }
        ],
        "total": 1,
        "limit": 50,
        "offset": 0,
    }
    employer = {"name": "天津某劳务有限公司", "credit_code": VALID_USCC}
    body = {"employer": employer, "reason": "经责令限期支付仍拒不支付", "case_ids": [case_id]}
    assert (await client.post("/api/v1/blacklist", json=body, headers=leader)).status_code == 403
    proposed = await client.post("/api/v1/blacklist", json=body, headers=unit)
    assert proposed.status_code == 201
    entry = proposed.json()
    assert (entry["status"], entry["case_ids"], entry["removal_request_id"]) == (
        "proposed", [case_id], None,
    )  # fmt: skip
    assert entry["enterprise_name"] == "天津某劳务有限公司"  # a list names enterprises
    assert (await client.post("/api/v1/blacklist", json=body, headers=unit)).status_code == 409
    path = f"/api/v1/blacklist/{entry['id']}"
    assert (
        await client.post(f"{path}/decision", json={"approve": True}, headers=unit)
    ).status_code == 403
    listed = (
        await client.post(
            f"{path}/decision", json={"approve": True, "reason": "同意列入"}, headers=office
        )
    ).json()
    assert listed["status"] == "listed" and listed["listed_at"]
    assert listed["enterprise_name"] == "天津某劳务有限公司"
    assert (
        await client.post(f"{path}/decision", json={"approve": True}, headers=office)
    ).status_code == 409
    assert (await client.get("/api/v1/enterprises", headers=unit)).json()["items"][0][
        "blacklist_status"
    ] == "listed"
    removal = await client.post(
        f"{path}/removal-requests", json={"reason": "已全额支付并整改"}, headers=unit
    )
    assert removal.status_code == 201
    assert (removal.json()["status"], removal.json()["removal_request_id"]) == (
        "removal_proposed", 2,
    )  # fmt: skip
    stale = await client.post(
        f"{path}/removal-requests/1/decision", json={"approve": True}, headers=office
    )
    assert (stale.status_code, stale.json()["error"]["code"]) == (404, "removal_request_not_found")
    removed = (
        await client.post(
            f"{path}/removal-requests/2/decision",
            json={"approve": True, "reason": "信用修复"},
            headers=office,
        )
    ).json()
    assert removed["status"] == "removed" and removed["removed_at"]
    assert removed["removal_request_id"] is None
    assert [h["action"] for h in removed["history"]] == [
        "proposed",
        "listed",
        "removal_proposed",
        "removed",
    ]
    gone = await client.get("/api/v1/blacklist", params={"status": "removed"}, headers=office)
    assert [(e["id"], e["enterprise_name"]) for e in gone.json()["items"]] == [
        (entry["id"], "天津某劳务有限公司")
    ]
    assert gone.json()["total"] == 1


async def test_blacklist_refusals(client: httpx.AsyncClient, login: Login) -> None:
    unit = await login("rsj", Role.UNIT, "tj.rsj")
    no_code = await client.post(
        "/api/v1/blacklist",
        json={"employer": {"name": "某公司"}, "reason": "拒不支付"},
        headers=unit,
    )
    assert no_code.status_code == 422
    bad_code = await client.post(
        "/api/v1/blacklist",
        json={
            "employer": {"name": "某公司", "credit_code": VALID_USCC[:-1] + "0"},
            "reason": "拒不支付",
        },
        headers=unit,
    )
    assert bad_code.status_code == 422
    assert (
        await client.post("/api/v1/blacklist/999/decision", json={"approve": True}, headers=unit)
    ).status_code == 404
    assert (
        await client.get("/api/v1/blacklist", params={"status": "gone"}, headers=unit)
    ).status_code == 422
    assert (await client.get("/api/v1/enterprises")).status_code == 401
