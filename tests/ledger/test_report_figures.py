"""Each report kind over the fixed dataset gives exactly the figures worked out by hand, again on
a re-run after later data arrives, and its files open with the expected cells and paragraphs."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import docx
import openpyxl
from sqlalchemy.ext.asyncio import AsyncSession

from documents.report_docx import report_docx
from documents.report_xlsx import report_xlsx
from domain.plan.model import ReportKind
from domain.reports.figures import ReportFigures
from domain.reports.letterhead import DocumentNumber, Letterhead
from domain.reports.periods import report_id
from domain.reports.requests import GatherInput
from ledger.cases.tables import CasePayment
from ledger.reports.figures import gather
from ledger.tasks.tables import Task, TaskEvent
from ledger.units.accounts_table import Account
from tests.ledger.report_dataset import (
    CAMPAIGN,
    _case,
    _escalation,
    _events,
    bj,
    seed,
    submit_district,
    submit_projects,
)

WEEK_END = bj(2026, 12, 7)  # Monday: the week 11-30 … 12-06
LETTERHEAD = Letterhead(
    mark="市根治欠薪工作领导小组办公室", prefix="津治欠办",
    number=DocumentNumber(year=2026, number=12, dated=date(2026, 12, 7)),
    addressee="各区、各成员单位：", copy_to="市领导小组组长、副组长",
)  # fmt: skip


async def figures(
    session: AsyncSession, duty: str, at: datetime, case: str | None = None
) -> ReportFigures:
    request = GatherInput(
        report_id=report_id(CAMPAIGN, duty, at, case), campaign_id=CAMPAIGN, duty_key=duty,
        as_of=at, case_id=case,
    )  # fmt: skip
    return await gather(session=session, request=request)


async def test_weekly_report_figures(db_session: AsyncSession) -> None:
    await seed(db_session)
    f = await figures(db_session, "weekly-bulletin", WEEK_END)
    assert (f.kind, f.period.label, f.issuer) == (
        ReportKind.WEEKLY,
        "2026年11月30日—12月6日",
        "市根治欠薪工作领导小组办公室",
    )
    t = f.tasks  # t6 was cancelled; t3 and t8 were completed only after the instant
    assert (t.total, t.due, t.completed, t.completed_on_time, t.overdue, t.nil_reports) == (
        7,
        5,
        4,
        1,
        3,
        1,
    )
    assert t.on_time_rate == Decimal("20.0")
    total, week = f.cases_total, f.cases_in_period  # C2 was reopened; its 12-08 payment is later
    assert (total.received, total.closed, total.closed_on_time, total.workers, total.major) == (
        3,
        1,
        1,
        53,
        1,
    )
    assert (total.amount_claimed, total.amount_paid) == (
        Decimal("1259000.00"),
        Decimal("250000.00"),
    )
    assert (week.received, week.closed, week.workers, week.major) == (2, 1, 13, 0)
    assert (week.amount_claimed, week.amount_paid) == (Decimal("59000.00"), Decimal("50000.00"))
    assert total.clearance_rate == Decimal("33.3")
    ranking = [
        (r.rank, r.code, r.on_time_rate, r.clearance_rate, r.indicator_rate) for r in f.districts
    ]
    assert ranking[:3] == [
        (1, "tj.hp", Decimal("50.0"), Decimal("100.0"), Decimal("80.1")),
        (2, "tj.hx", Decimal("0.0"), Decimal("0.0"), None),
        (3, "tj.hb", Decimal("0.0"), None, None),
    ]
    assert len(ranking) == 16 and {r[0] for r in ranking[3:]} == {4}  # nothing to count: tied
    # projects of 和平区 summed: 一金三制 (1+40+0)/(1+50+1), 8个100% (45+30)/(50+30)
    assert (f.districts[0].fund_rate, f.districts[0].full_rate) == (
        Decimal("78.8"),
        Decimal("93.8"),
    )
    assert (f.districts[1].fund_rate, f.districts[1].full_rate) == (None, None)
    assert [(r.unit, r.days_overdue, r.district_name) for r in f.overdue] == [
        ("tj.hx", 4, "河西区"),
        ("tj.hb", 2, "河北区"),
        ("tj.rsj", 2, None),
    ]
    assert [(e.unit, e.action, e.label, e.title) for e in f.escalations] == [
        ("tj.rsj", "warn", "逾期预警", "案件 C2（办结时限）"),  # a case limit walks the ladder too
        ("tj.hx", "warn", "逾期预警", "任务t3"),
        ("tj.rsj", "accountability", "问责记录（约谈、通报候选）", "任务t5"),
    ]
    [major] = f.major_cases
    assert (major.case_number, major.status, major.paid) == ("C2", "办理中", Decimal("200000.00"))
    assert f.clues == ()


async def test_daily_monthly_and_special_figures(db_session: AsyncSession) -> None:
    await seed(db_session)
    daily = await figures(db_session, "key-dates", bj(2026, 12, 5))
    assert daily.period.label == "2026年12月4日"
    assert (daily.tasks.due, daily.tasks.overdue, daily.cases_in_period.received) == (5, 4, 0)
    assert daily.escalations == ()
    monthly = await figures(db_session, "monthly-bulletin", bj(2027, 1, 1))
    assert monthly.period.label == "2026年12月1日—12月31日"
    clues = {c.district: (c.received, c.handled, c.handling_rate) for c in monthly.clues}
    assert len(clues) == 16
    assert clues["tj.hp"] == (2, 1, Decimal("50.0"))  # C1 verified and closed, C4 not yet
    assert clues["tj.hx"] == (1, 0, Decimal("0.0"))
    assert clues["tj.hb"] == (0, 0, None)
    special = await figures(db_session, "special-info", WEEK_END, "case:hotline_12345:C2")
    assert special.period.label == "2026年11月20日—12月6日"
    assert special.case is not None
    assert (special.case.case_number, special.case.district_name, special.case.leader) == (
        "C2",
        "河西区",
        "leader",
    )


async def test_a_rerun_after_later_data_gives_the_same_figures(db_session: AsyncSession) -> None:
    """What happens after the instant — new clues, a backdated import, payments, completions,
    an extension, a reassignment, another rung of the ladder — changes no past report."""
    await seed(db_session)
    first = await figures(db_session, "weekly-bulletin", WEEK_END)
    c9 = _case("C9", "national_platform", "tj.hp", bj(2026, 12, 7, 1), workers=9, claimed="9.00")
    c10 = _case("C10", "petition", "tj.hp", bj(2026, 12, 5), workers=1, claimed="1.00")  # dated
    db_session.add_all([c9, c10])  # back, imported on 12-08
    await db_session.flush()
    db_session.add_all(
        _events(c9, ("registered", bj(2026, 12, 7, 1)))
        + _events(c10, ("registered", bj(2026, 12, 8)))
    )
    db_session.add(
        CasePayment(case_id="case:national_platform:C3", payment_id="late", amount=Decimal("9000.00"),
                    payer="employer", recorded_by="t", at=bj(2026, 12, 7, 9))
    )  # fmt: skip
    t5 = await db_session.get(Task, f"task:{CAMPAIGN}:t5:tj.rsj")
    t8 = await db_session.get(Task, f"task:{CAMPAIGN}:t8:tj.hb")
    assert t5 is not None and t8 is not None
    t5.status, t5.completed_at, t5.deadline = "completed", bj(2026, 12, 10), date(2026, 12, 20)
    t8.unit_code = "tj.hx"
    db_session.add_all(
        [
            TaskEvent(task_id=t5.id, event_key="x1", kind="extension_approved", actor="office",
                      at=bj(2026, 12, 9), detail={"from_deadline": "2026-12-04",
                                                  "to_deadline": "2026-12-20"}),
            TaskEvent(task_id=t8.id, event_key="x2", kind="reassigned", actor="office",
                      at=bj(2026, 12, 10), detail={"from_unit": "tj.hb", "to_unit": "tj.hx"}),
            _escalation(t8, "supervise", "挂牌督办", bj(2026, 12, 8)),
        ]
    )  # fmt: skip
    await db_session.flush()
    # 和平区 corrects its week on Tuesday, and a project its 8个100%: the Monday bulletin stands
    await submit_district(db_session, bj(2026, 12, 8), ("tj.hp", "manager_on_site", 3, 3))
    await submit_projects(db_session, bj(2026, 12, 8), ("P2", "labour_contract", 0, 30))
    assert (await figures(db_session, "weekly-bulletin", WEEK_END)) == first
    later = await figures(db_session, "weekly-bulletin", bj(2026, 12, 14))
    assert later.cases_in_period.received == 2  # C4 and C9 belong to the next week
    assert later.cases_total.received == 6  # and C10 counts from its registration on
    due = {r.code: r.tasks_due for r in later.districts}
    assert (due["tj.hx"], due["tj.hb"]) == (2, 0)  # t8 was reassigned to 河西区 on 12-10


async def test_the_workbook_holds_the_figures(db_session: AsyncSession) -> None:
    await seed(db_session)
    f = await figures(db_session, "weekly-bulletin", WEEK_END)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(f)))
    assert book.sheetnames == [
        "总体情况",
        "各区排名",
        "各区三率",
        "逾期未完成单位",
        "约谈通报问责记录",
        "重大案件",
    ]
    summary = [row[0] for row in book["总体情况"].iter_rows(values_only=True)]
    assert summary[0] == "各区建筑工人管理服务平台三率每周通报（2026年11月30日—12月6日）"
    assert "逾期未完成3项" in summary[2]
    ranking = list(book["各区排名"].iter_rows(values_only=True))
    assert ranking[0] == ("排名", "区", "到期任务", "按时完成", "按时完成率", "受理案件",
                          "办结案件", "结案率", "三率平均")  # fmt: skip
    # rates are numbers (fractions in a percent format), so Excel sorts and sums them
    assert ranking[1] == (1, "和平区", 2, 1, 0.5, 1, 1, 1,
                          0.801)  # fmt: skip
    assert book["各区排名"]["E2"].number_format == "0.0%"
    assert book["各区排名"]["I3"].value == "—"  # 河西区 counted nothing: no number to sum
    rates = list(book["各区三率"].iter_rows(values_only=True))
    assert rates[0] == ("区", "实名制更新率", "项目经理到岗率", "监理总监到岗率", "三率平均",
                        "一金三制落实率", "8个100%落实率")  # fmt: skip
    # 和平区: 187/200 = 93.5%, 2/3 = 66.7%, mean 80.1%; projects 78.8% and 93.8%
    assert rates[1] == ("和平区", 0.935, 0.667, "—", 0.801,
                        0.788, 0.938)  # fmt: skip
    overdue = list(book["逾期未完成单位"].iter_rows(values_only=True))
    assert overdue[1] == ("河西区", "河西区", "任务t3", datetime(2026, 12, 2), 4,
                          "逾期预警")  # fmt: skip
    assert book["逾期未完成单位"]["D2"].number_format == "yyyy-mm-dd"
    major = list(book["重大案件"].iter_rows(values_only=True))
    assert major[1][:6] == ("C2", "河西区", "用人单位C2", 40, 1200000, 200000)  # numbers
    assert book["重大案件"]["E2"].number_format == "#,##0.00"


async def test_the_bulletin_holds_the_figures(db_session: AsyncSession) -> None:
    await seed(db_session)
    f = await figures(db_session, "weekly-bulletin", WEEK_END)
    document = docx.Document(io.BytesIO(report_docx(f, LETTERHEAD)))
    text = [p.text for p in document.paragraphs]
    assert text[:4] == [
        "市根治欠薪工作领导小组办公室",
        "津治欠办〔2026〕12号",
        "各区建筑工人管理服务平台三率每周通报（2026年11月30日—12月6日）",
        "各区、各成员单位：",
    ]
    for heading in (
        "一、总体情况",
        "二、各区排名",
        "三、逾期未完成单位点名",
        "四、重大案件",
        "五、下步工作",
    ):
        assert heading in text
    assert text[-4:] == [
        "市根治欠薪工作领导小组办公室",
        "2026年12月7日",
        "抄送：市领导小组组长、副组长。",
        "市根治欠薪工作领导小组办公室\t2026年12月7日印发",
    ]
    assert any("督促河西区、河北区、市人社局等3个逾期单位" in p for p in text)
    assert any("推动1件未办结重大案件" in p for p in text)
    ranking_table, rates_table = document.tables[0], document.tables[1]
    assert [c.text for c in ranking_table.rows[1].cells][:2] == ["1", "和平区"]
    assert [c.text for c in rates_table.rows[1].cells] == [
        "和平区", "93.5%", "66.7%", "—", "80.1%", "78.8%", "93.8%"
    ]  # fmt: skip
    assert [c.text for c in document.tables[2].rows[1].cells][2:5] == [
        "任务t3",
        "2026-12-02",
        "4",
    ]
    assert len(document.tables) == 4  # 约谈通报问责: a sentence here, the rows in the workbook
    assert any(p.startswith("本期督办阶梯共发出逾期预警2条、问责记录（约谈、通报候选）1条，"
                            "涉及市人社局、河西区2个单位") for p in text)  # fmt: skip
    major_table = document.tables[3]
    assert [c.text for c in major_table.rows[0].cells] == [
        "案件编号", "区", "用人单位", "涉及人数", "金额（万元）", "已支付（万元）", "状态", "包案领导"
    ]  # fmt: skip
    assert [c.text for c in major_table.rows[1].cells][4:6] == ["120.00", "20.00"]


async def test_a_special_report_is_about_its_case(db_session: AsyncSession) -> None:
    await seed(db_session)
    db_session.add(
        Account(username="leader", display_name="张立", title="市领导小组副组长",
                password_hash="x", role="leader", unit_code="tj")
    )  # fmt: skip
    await db_session.flush()
    f = await figures(db_session, "special-info", WEEK_END, "case:hotline_12345:C2")
    assert f.title == "关于天津市根治欠薪冬季专项行动中河西区C2号重大欠薪案件的专报"
    assert f.case is not None and f.case.leader == "张立（市领导小组副组长）"
    assert (f.addressee, f.copy_to) == (
        "天津市人民政府根治拖欠农民工工资工作领导小组：",
        "天津市河西区",
    )
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(f)))
    assert book.sheetnames == ["总体情况", "重大案件"]
    document = docx.Document(io.BytesIO(report_docx(f, LETTERHEAD)))
    text = [p.text for p in document.paragraphs]
    assert "一、案件基本情况" in text
    assert any(p.startswith("河西区用人单位C2欠薪案件（编号C2），涉及劳动者40人") for p in text)
    assert any("包案领导：张立（市领导小组副组长）" in p for p in text)


async def test_a_long_list_is_cut_in_the_bulletin_and_whole_in_the_workbook(
    db_session: AsyncSession,
) -> None:
    await seed(db_session)
    f = await figures(db_session, "weekly-bulletin", WEEK_END)
    many = f.model_copy(update={"overdue": f.overdue * 12})  # 36 rows
    document = docx.Document(io.BytesIO(report_docx(many, LETTERHEAD)))
    assert len(document.tables[2].rows) == 1 + 10
    assert "另有26条，详见附件表格（.xlsx）“逾期未完成单位”表。" in [
        p.text for p in document.paragraphs
    ]
    assert len(document.tables[0].rows) == 1 + 16  # every district, always
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(many)))
    assert book["逾期未完成单位"].max_row == 1 + 36
