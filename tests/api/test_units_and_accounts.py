"""Units (read by all, loaded by the office) and accounts (office only)."""

from __future__ import annotations

import httpx

from domain.units.roles import Role
from tests.api.conftest import Login


async def test_units_list_and_children(client: httpx.AsyncClient, login: Login) -> None:
    headers = await login("u1", Role.UNIT, "tj.rsj")
    everything = await client.get("/api/v1/units", params={"limit": 500}, headers=headers)
    assert everything.status_code == 200
    assert (everything.json()["total"], len(everything.json()["items"])) == (76, 76)
    districts = await client.get(
        "/api/v1/units", params={"parent": "tj", "limit": 500}, headers=headers
    )
    kinds = [u["kind"] for u in districts.json()["items"]]
    assert kinds.count("district") == 16
    assert districts.json()["total"] == len(kinds)
    one = await client.get("/api/v1/units/tj.hp", headers=headers)
    assert one.json()["short_name"] == "和平区"


async def test_unknown_unit_is_404(client: httpx.AsyncClient, login: Login) -> None:
    headers = await login("u1", Role.UNIT, "tj.rsj")
    answer = await client.get("/api/v1/units/xx", headers=headers)
    assert answer.status_code == 404
    assert answer.json()["error"] == {
        "code": "unit_not_found",
        "message": "单位编码 xx 不存在",
        "details": None,
    }


async def test_units_need_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/units")).status_code == 401


async def test_office_loads_units(client: httpx.AsyncClient, login: Login) -> None:
    headers = await login("office", Role.OFFICE, "tj.office")
    body = {
        "units": [
            {
                "code": "tj.hp.xd",
                "name": "小白楼街道",
                "level": "town",
                "kind": "town",
                "parent": "tj.hp",
            },
            {
                "code": "tj.hp.xd.c1",
                "name": "一号社区",
                "level": "village",
                "kind": "village",
                "parent": "tj.hp.xd",
            },
        ]
    }
    answer = await client.put("/api/v1/units", json=body, headers=headers)
    assert answer.status_code == 200
    assert answer.json() == {"loaded": 2}
    child = await client.get("/api/v1/units/tj.hp.xd.c1", headers=headers)
    assert child.json()["parent_code"] == "tj.hp.xd"


async def test_loading_units_with_unknown_parent_is_422(
    client: httpx.AsyncClient, login: Login
) -> None:
    headers = await login("office", Role.OFFICE, "tj.office")
    body = {
        "units": [
            {"code": "x.y", "name": "某单位", "level": "town", "kind": "town", "parent": "nowhere"}
        ]
    }
    answer = await client.put("/api/v1/units", json=body, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["message"] == "units[0].parent: 上级单位 nowhere 不存在"
    assert (await client.get("/api/v1/units/x.y", headers=headers)).status_code == 404


async def test_loading_units_with_bad_fields_names_them(
    client: httpx.AsyncClient, login: Login
) -> None:
    headers = await login("office", Role.OFFICE, "tj.office")
    body = {"units": [{"code": "BAD CODE", "name": "", "level": "planet", "kind": "town"}]}
    answer = await client.put("/api/v1/units", json=body, headers=headers)
    assert answer.status_code == 422
    fields = {d["field"] for d in answer.json()["error"]["details"]}
    assert fields == {"units[0].code", "units[0].name", "units[0].level"}


async def test_only_the_office_loads_units(client: httpx.AsyncClient, login: Login) -> None:
    headers = await login("district", Role.DISTRICT, "tj.hp")
    answer = await client.put("/api/v1/units", json={"units": []}, headers=headers)
    assert answer.status_code == 403
    assert answer.json()["error"]["code"] == "forbidden_role"


async def test_office_creates_and_lists_accounts(client: httpx.AsyncClient, login: Login) -> None:
    headers = await login("office", Role.OFFICE, "tj.office")
    created = await client.post(
        "/api/v1/accounts",
        json={
            "username": "hx-staff",
            "password": "a-long-password",
            "role": "district",
            "unit": "tj.hx",
        },
        headers=headers,
    )
    assert created.status_code == 201
    assert created.json()["unit_code"] == "tj.hx"
    assert "password" not in created.text
    listed = await client.get("/api/v1/accounts", headers=headers)
    assert [a["username"] for a in listed.json()["items"]] == ["hx-staff", "office"]
    token = await client.post(
        "/api/v1/auth/token", data={"username": "hx-staff", "password": "a-long-password"}
    )
    assert token.status_code == 200


async def test_account_refusals(client: httpx.AsyncClient, login: Login) -> None:
    headers = await login("office", Role.OFFICE, "tj.office")
    base = {"username": "new-one", "password": "a-long-password", "role": "unit"}
    no_unit = await client.post("/api/v1/accounts", json=base, headers=headers)
    assert no_unit.status_code == 422
    assert no_unit.json()["error"]["code"] == "unit_required"
    unknown = await client.post("/api/v1/accounts", json={**base, "unit": "nope"}, headers=headers)
    assert unknown.status_code == 422
    assert unknown.json()["error"]["message"] == "单位编码 nope 不存在"
    bad_role = await client.post("/api/v1/accounts", json={**base, "role": "king"}, headers=headers)
    assert bad_role.status_code == 422
    assert bad_role.json()["error"]["details"][0]["field"] == "role"
    taken = await client.post(
        "/api/v1/accounts", json={**base, "username": "office", "unit": "tj.rsj"}, headers=headers
    )
    assert taken.status_code == 409
    assert taken.json()["error"]["code"] == "username_taken"


async def test_only_the_office_manages_accounts(client: httpx.AsyncClient, login: Login) -> None:
    for name, role, unit in (
        ("ll", Role.LEADER, "tj"),
        ("uu", Role.UNIT, "tj.rsj"),
        ("dd", Role.DISTRICT, "tj.hp"),
    ):
        headers = await login(name, role, unit)
        assert (await client.get("/api/v1/accounts", headers=headers)).status_code == 403
        created = await client.post(
            "/api/v1/accounts",
            json={"username": "x" + name, "password": "a-long-password", "role": "office"},
            headers=headers,
        )
        assert created.status_code == 403


async def test_units_come_in_pages_cut_by_the_database(
    client: httpx.AsyncClient, login: Login
) -> None:
    headers = await login("u1", Role.UNIT, "tj.rsj")
    every = (await client.get("/api/v1/units", params={"limit": 500}, headers=headers)).json()
    codes = [u["code"] for u in every["items"]]
    assert codes == sorted(codes)
    first = (await client.get("/api/v1/units", headers=headers)).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (76, 50, 0, 50)
    page = await client.get("/api/v1/units", params={"limit": 10, "offset": 70}, headers=headers)
    assert page.json() == {"items": every["items"][70:], "total": 76, "limit": 10, "offset": 70}
    beyond = (await client.get("/api/v1/units", params={"offset": 76}, headers=headers)).json()
    assert (beyond["items"], beyond["total"]) == ([], 76)


async def test_accounts_come_in_pages(client: httpx.AsyncClient, login: Login) -> None:
    headers = await login("office", Role.OFFICE, "tj.office")
    for name in ("a-one", "a-two", "a-three"):
        spec = {"username": name, "password": "a-long-password", "role": "unit", "unit": "tj.rsj"}
        assert (
            await client.post("/api/v1/accounts", json=spec, headers=headers)
        ).status_code == 201
    page = await client.get("/api/v1/accounts", params={"limit": 2, "offset": 1}, headers=headers)
    assert page.json()["total"] == 4
    assert [a["username"] for a in page.json()["items"]] == ["a-three", "a-two"]
    assert (page.json()["limit"], page.json()["offset"]) == (2, 1)


async def test_a_window_out_of_bounds_is_422_naming_the_field(
    client: httpx.AsyncClient, login: Login
) -> None:
    headers = await login("u1", Role.UNIT, "tj.rsj")
    for params, field in (
        ({"offset": 10_000_001}, "offset"),
        ({"offset": 10**30}, "offset"),  # past any integer the database takes: still 422
        ({"offset": -1}, "offset"),
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
    ):
        answer = await client.get("/api/v1/units", params=params, headers=headers)
        assert answer.status_code == 422, params
        error = answer.json()["error"]
        assert error["code"] == "invalid_input"
        assert [d["field"] for d in error["details"]] == [field], params
        assert error["message"].startswith(f"输入内容有误：{field}：")
