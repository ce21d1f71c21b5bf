"""工程项目 registry: districts register their own projects, the office any district's."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login

PROJECTS = "/api/v1/projects"
SITE = {
    "name": "和平区某小区二期",
    "district": "tj.hp",
    "project_type": "social",
    "general_contractor": "天津某建设集团有限公司",
}


async def test_register_correct_list_and_delete(client: httpx.AsyncClient, login: Login) -> None:
    district = await login("hp", Role.DISTRICT, "tj.hp")
    office = await login("office", Role.OFFICE, "tj.office")
    created = await client.put(f"{PROJECTS}/JZ-2026-001", json=SITE, headers=district)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["code"], body["project_type_label"], body["updated_by"]) == (
        "JZ-2026-001", "社会投资项目", "hp",
    )  # fmt: skip
    corrected = await client.put(
        f"{PROJECTS}/JZ-2026-001",
        json={**SITE, "project_type": "government", "general_contractor": None},
        headers=office,
    )
    assert corrected.status_code == 200
    assert (corrected.json()["project_type"], corrected.json()["general_contractor"]) == (
        "government", None,
    )  # fmt: skip
    assert corrected.json()["created_at"] == body["created_at"]
    hx = {**SITE, "name": "河西区某道路", "district": "tj.hx", "project_type": "soe"}
    assert (await client.put(f"{PROJECTS}/JZ-2026-002", json=hx, headers=office)).status_code == 201

    everything = (await client.get(PROJECTS, headers=office)).json()["items"]
    assert [(p["code"], p["district"]) for p in everything] == [
        ("JZ-2026-001", "tj.hp"), ("JZ-2026-002", "tj.hx"),
    ]  # fmt: skip
    second = await client.get(PROJECTS, params={"limit": 1, "offset": 1}, headers=office)
    assert [p["code"] for p in second.json()["items"]] == ["JZ-2026-002"]
    assert (second.json()["total"], second.json()["limit"], second.json()["offset"]) == (2, 1, 1)
    only_hx = await client.get(PROJECTS, params={"district": "tj.hx"}, headers=office)
    assert [p["code"] for p in only_hx.json()["items"]] == ["JZ-2026-002"]
    assert only_hx.json()["total"] == 1
    own = (await client.get(PROJECTS, headers=district)).json()["items"]
    assert [p["code"] for p in own] == ["JZ-2026-001"]
    one = await client.get(f"{PROJECTS}/JZ-2026-001", headers=district)
    assert one.json()["name"] == "和平区某小区二期"

    assert (await client.delete(f"{PROJECTS}/JZ-2026-001", headers=district)).status_code == 204
    gone = await client.get(f"{PROJECTS}/JZ-2026-001", headers=office)
    assert (gone.status_code, gone.json()["error"]["message"]) == (
        404,
        "项目编码 JZ-2026-001 不存在",
    )


async def test_invalid_projects_are_named(client: httpx.AsyncClient, login: Login) -> None:
    office = await login("office", Role.OFFICE, "tj.office")
    mars = await client.put(
        f"{PROJECTS}/JZ-1", json={**SITE, "district": "tj.mars"}, headers=office
    )
    assert mars.status_code == 422
    assert mars.json()["error"]["details"] == [
        {"field": "district", "message": "未知的区：tj.mars"}
    ]
    not_a_district = await client.put(
        f"{PROJECTS}/JZ-1", json={**SITE, "district": "tj.rsj"}, headers=office
    )
    assert not_a_district.status_code == 422
    bad = await client.put(
        f"{PROJECTS}/JZ-1",
        json={"name": "", "district": "tj.hp", "project_type": "villa", "colour": "red"},
        headers=office,
    )
    assert bad.status_code == 422
    fields = {d["field"] for d in bad.json()["error"]["details"]}
    assert fields == {"name", "project_type", "colour"}
    bad_code = await client.put(f"{PROJECTS}/JZ 1", json=SITE, headers=office)
    assert bad_code.status_code == 422
    assert bad_code.json()["error"]["details"][0]["field"] == "code"
    assert (await client.get(PROJECTS, headers=office)).json()["items"] == []


async def test_who_may_register_and_see(client: httpx.AsyncClient, login: Login) -> None:
    unit = await login("zjw", Role.UNIT, "tj.zjw")
    hp = await login("hp", Role.DISTRICT, "tj.hp")
    hx = await login("hx", Role.DISTRICT, "tj.hx")
    office = await login("office", Role.OFFICE, "tj.office")
    assert (await client.put(f"{PROJECTS}/JZ-1", json=SITE, headers=unit)).status_code == 403
    elsewhere = await client.put(f"{PROJECTS}/JZ-1", json={**SITE, "district": "tj.hx"}, headers=hp)
    assert elsewhere.status_code == 403
    assert elsewhere.json()["error"]["message"] == "只能登记本区（tj.hp）的项目"
    assert (await client.put(f"{PROJECTS}/JZ-1", json=SITE, headers=hp)).status_code == 201
    taken = await client.put(f"{PROJECTS}/JZ-1", json={**SITE, "district": "tj.hx"}, headers=hx)
    assert taken.status_code == 403  # another district's project cannot be moved away
    assert (await client.get(f"{PROJECTS}/JZ-1", headers=hx)).status_code == 403
    assert (await client.delete(f"{PROJECTS}/JZ-1", headers=hx)).status_code == 403
    assert (await client.delete(f"{PROJECTS}/JZ-1", headers=unit)).status_code == 403
    foreign_list = await client.get(PROJECTS, params={"district": "tj.hp"}, headers=hx)
    assert foreign_list.status_code == 403
    assert (await client.get(PROJECTS, headers=hx)).json()["items"] == []
    assert [p["code"] for p in (await client.get(PROJECTS, headers=unit)).json()["items"]] == [
        "JZ-1"
    ]
    moved = await client.put(f"{PROJECTS}/JZ-1", json={**SITE, "district": "tj.hx"}, headers=office)
    assert moved.json()["district"] == "tj.hx"
    assert (await client.get(PROJECTS)).status_code == 401
