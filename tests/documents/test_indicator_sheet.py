"""Indicator uploads: every problem at once, named by Excel row and header; counts only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from documents.indicator_sheet import DISTRICT_SHEET, PROJECT_SHEET, read_indicator_sheet
from documents.spreadsheet import FileProblem, UnsupportedFile
from domain.indicators.districts import DistrictMetric
from domain.indicators.projects import ProjectMetric
from tests.spreadsheets import xlsx_bytes

DISTRICTS = {
    "tj.hp": "tj.hp",
    "和平区": "tj.hp",
    "和平": "tj.hp",
    "tj.hx": "tj.hx",
    "河西区": "tj.hx",
}
PROJECTS = {"JZ-2026-001": "JZ-2026-001", "JZ-2026-002": "JZ-2026-002"}


def districts(*rows: Any, header: tuple[str, ...] = ("区", "指标", "分子", "分母")) -> Any:
    content = xlsx_bytes([header, *rows])
    return read_indicator_sheet(content, "周指标.xlsx", sheet=DISTRICT_SHEET, subjects=DISTRICTS)


def problems(parse: Any) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in parse.errors]


def test_names_codes_and_labels_are_all_understood() -> None:
    parse = districts(
        ("和平区", "实名制更新率", 187, 200),
        ("tj.hx", "manager_on_site", 2.0, "3"),
        (None, None, None, None),  # a blank row is skipped, and still counted
        ("TJ.HP", " 监理总监到岗率 ", "0", 0),
    )
    assert parse.errors == []
    assert [(number, r.district, r.metric, r.rate) for number, r in parse.rows] == [
        (2, "tj.hp", DistrictMetric.REAL_NAME_UPDATE, Decimal("93.5")),
        (3, "tj.hx", DistrictMetric.MANAGER_ON_SITE, Decimal("66.7")),
        (5, "tj.hp", DistrictMetric.SUPERVISOR_ON_SITE, None),
    ]


def test_every_bad_cell_is_named_by_row_and_header() -> None:
    parse = districts(
        ("和平区", "实名制更新率", 10, 20),
        ("火星区", "出勤率", 30, 20),
        ("河西区", "项目经理到岗率", "93.5%", None),
        ("河西区", "实名制更新率", -1, 5),
        ("和平", "real_name_update", 1, 2),
        ("河西区", "监理总监到岗率", 8, 10_000_001),
        header=("区编码", "指标", "分子", "分母", "备注"),
    )
    assert parse.rows[0][0] == 2
    assert problems(parse) == [
        (3, "区编码", "未知的区：「火星区」"),
        (
            3,
            "指标",
            "无法识别的指标：「出勤率」（可填：实名制更新率、项目经理到岗率、监理总监到岗率，或其编码）",
        ),
        (3, "分子", "分子 30 大于分母 20"),
        (4, "分子", "应为整数：「93.5%」"),
        (4, "分母", "不能为空"),
        (5, "分子", "不能小于 0"),
        (6, "指标", "与第 2 行重复（同一区同一指标）"),
        (7, "分母", "不能大于 10000000"),
    ]
    assert parse.ignored_columns == ["备注"]


def test_missing_and_repeated_columns_are_row_1() -> None:
    parse = districts(("和平区", "实名制更新率", 1, 2), header=("所属区", "区", "指标", "分子"))
    assert problems(parse) == [
        (1, "", "列「所属区」与「区」重复"),
        (1, "", "缺少必填列「分母」"),
    ]
    assert parse.rows == []


def test_project_sheet_names_unknown_projects() -> None:
    content = xlsx_bytes([
        ("项目编码", "项目名称", "指标", "分子", "分母"),
        ("JZ-2026-001", "某小区二期", "8个100%：劳动合同签订率", 1, 1),
        ("jz-2026-002", "某道路", "劳动合同签订率", 40, 41),
        ("JZ-2026-999", "不存在", "wage_deposit", 1, 1),
    ])  # fmt: skip
    parse = read_indicator_sheet(content, "项目.xlsx", sheet=PROJECT_SHEET, subjects=PROJECTS)
    assert [(r, p.project, p.metric) for r, p in parse.rows] == [
        (3, "JZ-2026-002", ProjectMetric.LABOUR_CONTRACT)
    ]
    assert [(e.row, e.column) for e in parse.errors] == [(2, "指标"), (4, "项目编码")]
    assert parse.errors[1].message == "未知的项目编码：「JZ-2026-999」"


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"a,b\n", "周指标.csv", "仅支持 .xlsx 文件"),
        (b"PK\x03\x04", "周指标.xls", "仅支持 .xlsx 文件"),
        (b"", "周指标.xlsx", "文件是空的"),
        (b"not a zip", "周指标.xlsx", "无法读取 Excel 文件：文件已损坏或不是 .xlsx 格式"),
        (xlsx_bytes([]), "周指标.xlsx", "文件是空的"),
        (xlsx_bytes([("区", "指标", "分子", "分母")]), "周指标.xlsx", "文件中只有表头，没有数据行"),
    ],
)
def test_whole_file_refusals(content: bytes, filename: str, message: str) -> None:
    with pytest.raises(FileProblem) as refused:
        read_indicator_sheet(content, filename, sheet=DISTRICT_SHEET, subjects=DISTRICTS)
    assert refused.value.messages == (message,)
    assert isinstance(refused.value, UnsupportedFile) == message.startswith("仅支持")
