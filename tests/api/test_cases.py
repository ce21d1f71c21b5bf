"""Case endpoints end to end: idempotent intake, masking, the handling chain, refusals."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from domain.calendar.workdays import WorkingCalendar
from domain.units.roles import Role
from tests.api.cases_data import PIAN1_TEXT, clue, received_day, received_on
from tests.api.conftest import Login
from tests.scenario_dates import machine_today, previous_weekday
from tests.workflows.case_fixtures import VALID_USCC

THURSDAY = 3


async def test_intake_is_idempotent_on_source_and_external_id(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    year = machine_today().year
    intake = clue()
    first = await client.post("/api/v1/cases", json=intake, headers=hotline)
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["created"], body["status"], body["major"]) == (True, "registered", False)
    # numbered in the year of registration (the clock may pass a New Year's midnight meanwhile)
    assert body["case_number"][:7] in {f"QL{year}-", f"QL{machine_today().year}-"}
    # 5 working days counted from the day after receipt, days off left out
    accept = WorkingCalendar().add_working_days(received_day(intake), 5)
    assert body["accept_deadline"] == accept.isoformat()
    again = await client.post("/api/v1/cases", json=clue(workers_affected=99), headers=hotline)
    assert again.status_code == 200
    assert (again.json()["id"], again.json()["case_number"], again.json()["created"]) == (
        body["id"],
        body["case_number"],
        False,
    )
    listed = (await client.get("/api/v1/cases", headers=hotline)).json()
    assert listed["total"] == 1
    assert listed["items"][0]["workers_claimed"] == 8


async def test_intake_refusals_name_the_field(client: httpx.AsyncClient, login: Login) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    bad_code = clue(employer={"name": "某公司", "credit_code": VALID_USCC[:-1] + "0"})
    answer = await client.post("/api/v1/cases", json=bad_code, headers=hotline)
    assert answer.status_code == 422
    assert answer.json()["error"]["details"][0]["field"] == "employer.credit_code"
    assert answer.json()["error"]["details"][0]["message"] == "统一社会信用代码校验位不正确"
    money = await client.post("/api/v1/cases", json=clue(amount_claimed="12.345"), headers=hotline)
    assert money.status_code == 422
    assert money.json()["error"]["details"][0]["field"] == "amount_claimed"
    assert money.json()["error"]["details"][0]["message"] == "最多 2 位小数"  # in Chinese
    nowhere = await client.post("/api/v1/cases", json=clue(district="tj.rsj"), headers=hotline)
    assert nowhere.status_code == 422
    assert nowhere.json()["error"]["message"] == "district: tj.rsj 不是已登记的区（或乡镇）"
    assert (await client.post("/api/v1/cases", json=clue())).status_code == 401


async def test_the_handling_chain_and_closure_only_when_paid(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    handler = await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    other = await login("hx-rsj", Role.UNIT, "tj.hx.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    case_id = (await client.post("/api/v1/cases", json=clue("GJ-CHAIN-1"), headers=hotline)).json()[
        "id"
    ]
    base = f"/api/v1/cases/{case_id}"
    assert (
        await client.post(f"{base}/route", json={"unit": "tj.hp.rsj"}, headers=other)
    ).status_code == 403
    assert (
        await client.post(f"{base}/route", json={"unit": "tj.none"}, headers=hotline)
    ).status_code == 422
    assert (await client.post(f"{base}/route", json={"unit": "tj.hp.rsj"}, headers=hotline)).json()[
        "status"
    ] == "routed"
    assert (
        await client.post(f"{base}/accept", json={"reason": "属地受理"}, headers=handler)
    ).json()["status"] == "verifying"
    verified = await client.post(
        f"{base}/verify", json={"workers": 8, "amount": "96000.00"}, headers=handler
    )
    assert verified.json()["status"] == "resolving"
    paid = await client.post(
        f"{base}/payments",
        json={"amount": "60000.00", "payer": "general_contractor"},
        headers=handler,
    )
    assert paid.status_code == 201
    assert paid.json()["paid_amount"] == "60000.00"
    refused = await client.post(f"{base}/close", json={"reason": "办结"}, headers=handler)
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == "尚欠 36,000.00 元未支付，不能办结（不解决不销账）"
    over = await client.post(
        f"{base}/payments", json={"amount": "40000.00", "payer": "employer"}, headers=handler
    )
    assert over.status_code == 409
    bad_payer = await client.post(
        f"{base}/payments", json={"amount": "1.00", "payer": "friend"}, headers=handler
    )
    assert bad_payer.status_code == 422
    await client.post(
        f"{base}/payments",
        json={"amount": "36000.00", "payer": "guarantee_deposit"},
        headers=handler,
    )
    closed = await client.post(
        f"{base}/close", json={"reason": "工资全部支付到位"}, headers=handler
    )
    assert (closed.status_code, closed.json()["status"]) == (200, "closed")
    mine = (await client.get(base, headers=handler)).json()
    assert mine["personal_data_masked"] is False
    assert mine["complainants"][0]["phone"] == "13912345678"
    assert [e["kind"] for e in mine["events"]] == [
        "registered",
        "routed",
        "accepted",
        "verified",
        "payment",
        "payment",
        "closed",
    ]
    assert [p["payer"] for p in mine["payments"]] == ["general_contractor", "guarantee_deposit"]
    seen_by_office = (await client.get(base, headers=office)).json()
    assert seen_by_office["personal_data_masked"] is True
    assert seen_by_office["complainants"][0] == {
        "name": "李**",
        "phone": "139****5678",
        "id_number": "120101********1233",
    }
    assert (await client.get(base, headers=other)).status_code == 403
    assert (await client.get("/api/v1/cases/case:none:x", headers=office)).status_code == 404
    assert (await client.get("/api/v1/cases", headers=other)).json()["total"] == 0


async def test_major_case_goes_to_a_leaders_queue(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    leader = await login("leader-wang", Role.LEADER, "tj")
    registered = await client.post(
        "/api/v1/cases",
        json=clue("GJ-MAJOR-1", workers_affected=56, group_incident=True),
        headers=hotline,
    )
    assert registered.json()["major"] is True
    assert registered.json()["major_reasons"] == ["涉及 56 人（≥30 人）", "群体性事件"]
    supervised = (await client.get("/api/v1/supervision/cases", headers=leader)).json()["items"]
    assert [(c["case_number"], c["task_force"]) for c in supervised] == [
        (registered.json()["case_number"], ["tj.rsj", "tj.hp"])
    ]
    assert (await client.get("/api/v1/supervision/cases", headers=hotline)).status_code == 403
    queue = (await client.get("/api/v1/leader/cases", headers=leader)).json()
    assert [c["case_number"] for c in queue["items"]] == [registered.json()["case_number"]]
    detail = (await client.get(f"/api/v1/cases/{registered.json()['id']}", headers=leader)).json()
    assert detail["personal_data_masked"] is False  # the leader in charge handles it
    assert (detail["leader"], detail["leader_name"]) == ("leader-wang", "leader-wang")
    assert detail["description"] == "8 名工人反映 10 月、11 月工资未发"
    news = (await client.get("/api/v1/notifications", headers=leader)).json()
    assert news["items"][0]["title"].startswith("重大案件")
    assert (await client.get("/api/v1/leader/cases", headers=hotline)).status_code == 403


async def test_figures_and_export(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    import io

    from openpyxl import load_workbook

    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    await client.post("/api/v1/cases", json=clue("GJ-FIG-1"), headers=hotline)
    big = await client.post(
        "/api/v1/cases",
        json=clue("GJ-FIG-2", workers_affected=31, amount_claimed="1200000.50"),
        headers=hotline,
    )
    case_id = big.json()["id"]
    await client.post(f"/api/v1/cases/{case_id}/accept", json={"reason": "受理"}, headers=hotline)
    await client.post(
        f"/api/v1/cases/{case_id}/verify",
        json={"workers": 31, "amount": "1000.00"},
        headers=hotline,
    )
    await client.post(
        f"/api/v1/cases/{case_id}/payments",
        json={"amount": "1000.00", "payer": "employer"},
        headers=hotline,
    )
    await client.post(f"/api/v1/cases/{case_id}/close", json={"reason": "已结清"}, headers=hotline)
    figures = (await client.get("/api/v1/cases/figures", headers=office)).json()
    assert figures == {
        "cases": 2,
        "workers": 8 + 31,
        "amount_owed": "97000.00",
        "amount_paid": "1000.00",
        "closed": 1,
        "closed_on_time": 1,
        "on_time_closure_rate": "100.0",
        "major": 1,
    }
    exported = await client.get("/api/v1/cases/export.xlsx", headers=office)
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(exported.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("案件编号", "来源", "外部编号", "反映时间", "状态")
    assert len(rows) == 3
    assert {r[4] for r in rows[1:]} == {"已登记", "已办结"}
    assert "李红梅" not in str(rows)
    # the export takes the list's filters: what the page shows is what the file holds
    large = await client.get(
        "/api/v1/cases/export.xlsx", params={"min_amount": "1000000"}, headers=office
    )
    large_rows = list(load_workbook(io.BytesIO(large.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in large_rows[1:]] == ["GJ-FIG-2"]
    assert (await client.get("/api/v1/cases/export.xlsx")).status_code == 401


async def test_a_running_campaigns_goal_becomes_the_case_deadline(
    client: httpx.AsyncClient, login: Login, dev_worker: None, session_factory
) -> None:
    from tests.polling import eventually

    office = await login("office", Role.OFFICE, "tj.office")
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    campaign = (
        await client.post(
            "/api/v1/campaigns", json={"template": "pian1-tianjin-winter"}, headers=office
        )
    ).json()
    detail: dict[str, object] = {}

    async def running() -> bool:
        detail.clear()
        detail.update(
            (await client.get(f"/api/v1/campaigns/{campaign['id']}", headers=office)).json()
        )
        return detail.get("status") == "running"  # 404 until the workflow has written it

    await eventually(running)
    case = clue("GJ-GOAL-1")
    registered = (await client.post("/api/v1/cases", json=case, headers=hotline)).json()
    # 篇一's two goals (两清零, “春节前”) fall on the day its period ends (“至春节前”), as the
    # campaign has it for the day it started on
    goal = date.fromisoformat(str(detail["period_end"]))
    limit = WorkingCalendar().add_working_days(received_day(case), 60)
    if goal < limit:  # in the winter: before the Spring Festival, not 60 working days
        assert registered["close_deadline"] == goal.isoformat()
        assert registered["close_deadline_reason"].startswith(
            "专项行动目标：天津市根治欠薪冬季专项行动"
        )
    else:  # a winter campaign started in spring or summer: its goal lies beyond the limit
        assert registered["close_deadline"] == limit.isoformat()
        assert registered["close_deadline_reason"] == "限时办结（60 个工作日）"


async def test_extension_and_overdue_filter(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    office = await login("office", Role.OFFICE, "tj.office")
    working = WorkingCalendar()
    # received half a year ago: its 60 working days, and the 30 more an extension adds, lapsed
    # so long ago that every step of both ladders is long due (none fires anew after the
    # extension and the case stays overdue)
    received = working.add_working_days(machine_today(), -130)
    close = working.add_working_days(received, 60)
    extended = working.add_working_days(close, 30)
    assert working.add_working_days(extended, 5) < machine_today()
    late = clue("GJ-OLD-1", received_at=received_on(received, 9, 0))
    case_id = (await client.post("/api/v1/cases", json=late, headers=hotline)).json()["id"]
    await client.post("/api/v1/cases", json=clue("GJ-NEW-1"), headers=hotline)
    overdue = (await client.get("/api/v1/cases", params={"overdue": "true"}, headers=office)).json()
    assert [c["external_id"] for c in overdue["items"]] == ["GJ-OLD-1"]
    await client.post(f"/api/v1/cases/{case_id}/accept", json={"reason": "受理"}, headers=hotline)
    asked = await client.post(
        f"/api/v1/cases/{case_id}/extension-requests",
        json={"reason": "企业破产清算中"},
        headers=hotline,
    )
    assert asked.status_code == 201
    request_id = asked.json()["request_id"]
    decision = f"/api/v1/cases/{case_id}/extension-requests/{request_id}/decision"
    by_unit = await client.post(decision, json={"approve": True}, headers=hotline)
    assert by_unit.status_code == 403
    stale = await client.post(
        f"/api/v1/cases/{case_id}/extension-requests/nope/decision",
        json={"approve": True},
        headers=office,
    )
    assert (stale.status_code, stale.json()["error"]["code"]) == (404, "extension_not_found")
    decided = await client.post(decision, json={"approve": True, "reason": "同意"}, headers=office)
    assert (decided.status_code, decided.json()["request_id"]) == (200, request_id)
    detail = (await client.get(f"/api/v1/cases/{case_id}", headers=hotline)).json()
    assert detail["close_deadline"] == extended.isoformat()
    assert [(e["kind"], e["detail"]["request_id"]) for e in detail["events"][-2:]] == [
        ("extension_requested", request_id),
        ("extension_approved", request_id),
    ]
    twice = await client.post(
        f"/api/v1/cases/{case_id}/extension-requests", json={"reason": "再延期"}, headers=hotline
    )
    assert twice.status_code == 409


async def test_a_campaigns_case_rules_apply_on_its_territory(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    import json

    import yaml

    from tests.polling import eventually

    office = await login("office", Role.OFFICE, "tj.office")
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    plan = yaml.safe_load(PIAN1_TEXT)
    plan["case_rules"] = {"major": {"min_workers": 5}, "limits": {"accept_working_days": 2}}
    plan = json.loads(json.dumps(plan, default=str))
    created = await client.post("/api/v1/campaigns", json={"plan": plan}, headers=office)
    assert created.status_code == 201, created.text

    async def running() -> bool:
        detail = (
            await client.get(f"/api/v1/campaigns/{created.json()['id']}", headers=office)
        ).json()
        return detail.get("status") == "running"

    await eventually(running)
    thursday = previous_weekday(machine_today(), THURSDAY)
    case = clue("GJ-RULES-1", received_at=received_on(thursday))
    registered = (await client.post("/api/v1/cases", json=case, headers=hotline)).json()
    assert registered["major_reasons"] == ["涉及 8 人（≥5 人）"]
    # the campaign's 2 working days, not the default 5: from a Thursday, over the weekend
    accept = WorkingCalendar().add_working_days(thursday, 2)
    assert registered["accept_deadline"] == accept.isoformat()
    bad = {**plan, "key": "bad-rules", "case_rules": {"major": {"min_workers": 0}}}
    refused = await client.post("/api/v1/campaigns", json={"plan": bad}, headers=office)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["path"] == "case_rules.major.min_workers"


async def test_the_remaining_case_actions_and_their_refusals(
    client: httpx.AsyncClient, login: Login, dev_worker: None
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    handler = await login("hp-rsj", Role.UNIT, "tj.hp.rsj")
    other = await login("hx-rsj", Role.UNIT, "tj.hx.rsj")
    leader = await login("leader", Role.LEADER, "tj")
    first = (await client.post("/api/v1/cases", json=clue("GJ-ACT-1"), headers=hotline)).json()[
        "id"
    ]
    base = f"/api/v1/cases/{first}"
    await client.post(f"{base}/route", json={"unit": "tj.hp.rsj"}, headers=hotline)
    assert (
        await client.post(f"{base}/return", json={"reason": "x"}, headers=handler)
    ).status_code == 422
    assert (
        await client.post(f"{base}/return", json={"reason": "不属本区"}, headers=other)
    ).status_code == 403
    returned = await client.post(f"{base}/return", json={"reason": "不属本区管辖"}, headers=handler)
    assert (returned.json()["status"], returned.json()["handling_unit"]) == ("registered", None)
    escalated = await client.post(f"{base}/escalate", json={"reason": "媒体关注"}, headers=leader)
    assert escalated.json()["major"] is True
    assert (
        await client.post(f"{base}/escalate", json={"reason": "再次升级"}, headers=hotline)
    ).status_code == 409
    await client.post(f"{base}/accept", json={"reason": "本单位办理"}, headers=hotline)
    await client.post(f"{base}/verify", json={"workers": 8, "amount": "96000.00"}, headers=hotline)
    bad_kind = await client.post(f"{base}/measures", json={"kind": "prayer"}, headers=hotline)
    assert bad_kind.status_code == 422
    ordered = await client.post(
        f"{base}/measures",
        json={
            "kind": "order_to_pay",
            "due": (machine_today() + timedelta(days=9)).isoformat(),
            "note": "责令限期支付",
        },
        headers=hotline,
    )
    assert ordered.status_code == 201
    revised = await client.post(
        f"{base}/amount-revisions",
        json={"amount": "90000.00", "reason": "核减重复计算"},
        headers=hotline,
    )
    assert (revised.status_code, revised.json()["verified_amount"]) == (201, "90000.00")
    assert (
        await client.post(
            f"{base}/amount-revisions",
            json={"amount": "90000.00", "reason": "越权修正"},
            headers=other,
        )
    ).status_code == 403
    moved = await client.post(
        f"{base}/transfer", json={"route": "court", "reason": "申请法院强制执行"}, headers=hotline
    )
    assert moved.json()["route"] == "court"
    assert (
        await client.post(
            f"{base}/transfer", json={"route": "police", "reason": "再移送"}, headers=hotline
        )
    ).status_code == 409
    assert (
        await client.post(f"{base}/close", json={"reason": "已申请强制执行"}, headers=hotline)
    ).json()["status"] == "closed"
    reopened = await client.post(
        f"{base}/follow-ups", json={"passed": False, "note": "执行未到位"}, headers=hotline
    )
    assert (reopened.status_code, reopened.json()["status"], reopened.json()["route"]) == (
        201, "resolving", None,
    )  # fmt: skip
    second = (await client.post("/api/v1/cases", json=clue("GJ-ACT-2"), headers=hotline)).json()[
        "id"
    ]
    await client.post(f"/api/v1/cases/{second}/accept", json={"reason": "受理"}, headers=hotline)
    no_evidence = await client.post(
        f"/api/v1/cases/{second}/dismiss",
        json={"reason": "核实无欠薪", "evidence": ["nope"]},
        headers=hotline,
    )
    assert no_evidence.status_code == 422
    assert no_evidence.json()["error"]["message"] == "evidence[0]: 附件 nope 不存在"
    proof = await client.post(
        "/api/v1/attachments",
        files={"file": ("考勤表.csv", "姓名,出勤\n".encode(), "text/csv")},
        headers=hotline,
    )
    unfounded = await client.post(
        f"/api/v1/cases/{second}/dismiss",
        json={"reason": "核实无欠薪", "evidence": [proof.json()["id"]]},
        headers=hotline,
    )
    assert unfounded.json()["route"] == "unfounded"


async def test_an_id_number_with_a_wrong_check_digit_is_refused_with_its_field(
    client: httpx.AsyncClient, login: Login
) -> None:
    hotline = await login("rsj", Role.UNIT, "tj.rsj")
    intake = clue()
    intake["complainants"][0]["id_number"] = "120101198502031234"
    answer = await client.post("/api/v1/cases", json=intake, headers=hotline)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["details"] == [
        {
            "field": "complainants[0].id_number",
            "message": "公民身份号码校验位不正确",
            "type": "value_error",
        }
    ]
    listed = await client.get("/api/v1/cases", headers=hotline)
    assert listed.json()["total"] == 0  # nothing half-written
